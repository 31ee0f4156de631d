import Foundation
import Testing

@testable import MatcherSync

/// The inputs a result was computed from are written as the generic encoder writes them.
@Suite struct ResultInputsTests {
    @Test(arguments: [
        #"{"hrss":"a1b2","medical":"c3d4","registry":"e5f6","rules":"0099"}"#,
        #"{"rules":"0099"}"#,
        #"{"medical":"c3d4","rules":"r"}"#,
        #"{"hrss":"with/slash","rules":"r"}"#,
        #"{"hrss":"with \"quote\"","registry":"中文","rules":"r"}"#,
    ])
    func inputsAreWrittenAsTheEncoderWritesThem(json: String) throws {
        let inputs = try JSONDecoder().decode(ResultInputs.self, from: Data(json.utf8))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(inputs.data == (try encoder.encode(inputs)))
        #expect(ResultInputs.decoded(from: inputs.data) == inputs)
    }
}

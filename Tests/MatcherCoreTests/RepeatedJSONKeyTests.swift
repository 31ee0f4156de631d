import Foundation
import Testing

@testable import MatcherCore

@Suite struct RepeatedJSONKeyTests {
    /// The first fixture line with `insertion` written right after the first `anchor`.
    private func firstLine(inserting insertion: String, after anchor: String) throws -> Data {
        let text = try #require(String(data: basicFixtureLine(1), encoding: .utf8))
        let range = try #require(text.range(of: anchor))
        return Data(text.replacingCharacters(in: range, with: anchor + insertion).utf8)
    }

    @Test(arguments: [
        (insertion: #""version": 7, "#, anchor: "{", path: "version"),
        (insertion: #""versio\u006e": 7, "#, anchor: "{", path: "version"),
        (
            insertion: #""idType": "passport", "#, anchor: #""pointsSubject": {"#,
            path: "pointsSubject.idType"
        ),
        (insertion: #""name": "王明", "#, anchor: #""guardians": [{"#, path: "guardians[].name"),
    ])
    func lineNamingAKeyTwiceIsRefused(insertion: String, anchor: String, path: String) throws {
        let line = try firstLine(inserting: insertion, after: anchor)
        let error = try #require(throws: ApplicationLineError.self) {
            try ApplicationLine.decode(line, lineNumber: 4)
        }
        #expect(error.line == 4)
        #expect(error.reason.hasPrefix("field `\(path)` is given twice in one object"))
        #expect(error.applicationId == "A2023-0001")
        for value in personalData + ["王明"] {
            #expect(!error.reason.contains(value))
        }
    }

    @Test func soundLinesRepeatNoKey() throws {
        for number in 1...3 {
            let line = try basicFixtureLine(number)
            #expect(RepeatedJSONKey.first(in: line) == nil)
            _ = try ApplicationLine.decode(line, lineNumber: number)
        }
    }

    @Test(
        arguments: [
            (#"{"a": "{\"a\": 1, \"a\": 2}", "b": [{"a": 1}, {"a": 2}]}"#, nil),
            (#"{"a": "\\", "b": {"c": "\"", "c": 2}}"#, "b.c"),
            (#"[{"x": [1, {"y": 1, "y": 2}]}]"#, "[].x[].y"),
            (#"{"a": 1, "b": 2, "a": 3}"#, "a"),
            (#"{"身份证": 1, "身份证": 2}"#, "?"),
        ] as [(String, String?)]
    )
    func keysAreFoundByStructureNotByText(document: String, path: String?) {
        #expect(RepeatedJSONKey.first(in: Data(document.utf8)) == path)
    }

    @Test(arguments: [#"{"a": "b"#, "}}]", ""])
    func brokenTextGivesNoRepeatedKeyItCannotRead(document: String) {
        #expect(RepeatedJSONKey.first(in: Data(document.utf8)) == nil)
    }
}

import Foundation
import MatcherCore
import Testing

@Suite struct MappingFileTests {
    private struct Shape: Decodable {
        var items: [Item]
    }

    private struct Item: Decodable {
        var count: Int
        var flag: Bool
    }

    private func describe(_ json: String) throws -> String {
        let data = Data(json.utf8)
        let error = try #require(throws: DecodingError.self) {
            try JSONDecoder().decode(Shape.self, from: data)
        }
        return MappingFile.describe(error, in: data)
    }

    @Test(arguments: [
        (
            #"{ "items": [{ "count": 1, "flag": true }, { "count": "2", "flag": true }] }"#,
            "field `items[1].count` must be a whole number"
        ),
        (
            #"{ "items": [{ "count": 1, "flag": "yes" }] }"#,
            "field `items[0].flag` must be true or false"
        ),
        (#"{ "items": [{ "count": 1 }] }"#, "missing field `items[0].flag`"),
        (
            #"{ "items": [{ "count": null, "flag": true }] }"#,
            "field `items[0].count` is null; it must be a whole number"
        ),
        (#"{ "items": {} }"#, "field `items` must be a list"),
        (#"[]"#, "the file must hold an object"),
        (#"{ "items": [ "#, "not valid JSON"),
    ])
    func decodingErrorIsDescribedByFieldPath(json: String, expected: String) throws {
        #expect(try describe(json).hasPrefix(expected))
    }

    @Test func describedErrorCarriesNoSwiftInternals() throws {
        let text = try describe(#"{ "items": [{ "count": 1 }] }"#)
        let internalWords = [
            "DecodingError", "CodingKeys", "NSCocoaErrorDomain", "Swift.", "Context(", "intValue",
        ]
        for word in internalWords {
            #expect(!text.contains(word))
        }
    }
}

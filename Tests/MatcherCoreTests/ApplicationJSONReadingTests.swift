import Foundation
import Testing

@testable import MatcherCore

/// The direct reader of export lines gives what `JSONDecoder` gives, or leaves the line to
/// it.
@Suite struct ApplicationJSONReadingTests {
    static func fast(_ line: Data) -> Application? {
        line.withUnsafeBytes(Application.reading(json:))
    }

    static func decoded(_ line: Data) -> Application? {
        try? JSONDecoder().decode(Application.self, from: line)
    }

    static func fixtureLines() throws -> [Data] {
        var lines: [Data] = []
        for folder in ["basic", "variant"] {
            let url = repositoryFile("fixtures/\(folder)/applications.jsonl")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            lines += text.split(separator: "\n").map { Data($0.utf8) }
        }
        return lines
    }

    @Test func everySampleLineIsReadAsTheDecoderReadsIt() throws {
        let lines = try Self.fixtureLines()
        try #require(lines.count >= 20)
        var read = 0
        for line in lines {
            guard let decoded = Self.decoded(line) else {
                #expect(Self.fast(line) == nil)
                continue
            }
            let fast = try #require(Self.fast(line), "\(String(decoding: line, as: UTF8.self))")
            #expect(fast == decoded)
            read += 1
        }
        #expect(read >= 20)
    }

    @Test func damagedLinesAreReadAlikeOrLeftToTheDecoder() throws {
        var generator = SystemRandomNumberGenerator()
        let lines = try Self.fixtureLines()
        let inserts: [[UInt8]] = [
            Array("\"".utf8), Array("\\".utf8), Array(",".utf8), Array("}".utf8),
            Array("0".utf8), Array("null".utf8), Array(" ".utf8), Array("1e5".utf8),
            Array(":".utf8), Array("[".utf8), Array("-".utf8), Array("\n".utf8),
        ]
        for _ in 0..<3_000 {
            var bytes = Array(try #require(lines.randomElement(using: &generator)))
            let position = Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<3, using: &generator) {
            case 0:
                bytes.remove(at: position)
            case 1:
                bytes.insert(
                    contentsOf: try #require(inserts.randomElement(using: &generator)),
                    at: position
                )
            default:
                let length = min(bytes.count - position, Int.random(in: 1...12, using: &generator))
                bytes.insert(contentsOf: bytes[position..<(position + length)], at: position)
            }
            let line = Data(bytes)
            guard String(validating: bytes, as: UTF8.self) != nil,
                let fast = Self.fast(line)
            else { continue }
            #expect(fast == Self.decoded(line), "\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    @Test(arguments: [
        #"{"applicationId":"A\u0031","registrationNo":"E","version":1,"status":"withdrawn","submittedAt":"t"}"#,
        #"{"applicationId":"A1","applicationId":"A2","registrationNo":"E","version":1,"status":"withdrawn","submittedAt":"t"}"#,
        #"{"applicationId":"A1","registrationNo":"E","version":1.0,"status":"withdrawn","submittedAt":"t"}"#,
        #"{"applicationId":"A1","registrationNo":"E","version":"1","status":"withdrawn","submittedAt":"t"}"#,
        #"{"applicationId":"A1","registrationNo":"E","version":1,"status":"gone","submittedAt":"t"}"#,
        #"{"applicationId":"A1","registrationNo":"E","version":1,"status":"withdrawn","submittedAt":null}"#,
        #"{"applicationId":"A1","registrationNo":"E","version":1,"status":"withdrawn","submittedAt":"t","x":01}"#,
        #"{"applicationId":"A1","registrationNo":"E","version":1,"status":"withdrawn","submittedAt":"t"} x"#,
        #"{"applicationId":"A1","registrationNo":"E","version":99999999999999999999,"status":"withdrawn","submittedAt":"t"}"#,
        #"[1,2]"#,
    ])
    func linesTheReaderDoesNotTakeAreLeftToTheDecoder(line: String) {
        #expect(Self.fast(Data(line.utf8)) == nil)
    }

    @Test func unknownFieldsNullsAndWhiteSpaceAreReadAsTheDecoderReadsThem() throws {
        let line = Data(
            #" { "applicationId" : "A1", "registrationNo":"E", "version": -0, "status":"submitted", "submittedAt":"t", "stage": null, "extra": {"deep": [1, 2.5e-3, true, null, "x"]}, "student": {"name":"王 小明","idType":"resident","idNumber":"1","phone":null}, "guardians": [], "property": {"declared": false, "coOwners": ["mother"]}, "schoolChoices": {} } "#
                .utf8
        )
        let fast = try #require(Self.fast(line))
        #expect(fast == Self.decoded(line))
    }
}

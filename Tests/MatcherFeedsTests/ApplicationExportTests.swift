import Foundation
import Glibc
import Testing

@testable import MatcherFeeds

/// A line that only withdraws application `id`: the least a valid line can be.
private func identityLine(_ id: String, padding: Int = 0) -> [UInt8] {
    let identity = #""registrationNo": "R1", "version": 1, "status": "withdrawn""#
    let time = #""submittedAt": "2023-05-09T20:15:00+08:00""#
    let head = #"{"applicationId": "\#(id)", "# + identity + ", " + time
    // Unknown fields are ignored, so padding only makes the line longer.
    let pad = padding > 0 ? #", "pad": ""# + String(repeating: "x", count: padding) + "\"" : ""
    return Array((head + pad + "}").utf8)
}

/// `identityLine` padded to exactly `length` bytes.
private func identityLine(_ id: String, length: Int) throws -> [UInt8] {
    let bare = identityLine(id, padding: 1).count - 1
    let line = identityLine(id, padding: length - bare)
    try #require(line.count == length)
    return line
}

/// Every line `forEachLine` hands on, copied out.
private func lines(
    of bytes: [UInt8],
    maximumLength: Int,
    keptBytes: Int,
    chunkSize: Int
) throws -> [(number: Int, text: String, length: Int)] {
    let directory = try CSVTestDirectory()
    let path = try directory.write(bytes, named: "export.jsonl")
    var seen: [(number: Int, text: String, length: Int)] = []
    try ApplicationExport.forEachLine(
        ofFileAt: path,
        maximumLength: maximumLength,
        keptBytes: keptBytes,
        chunkSize: chunkSize
    ) { line in
        #expect(line.bytes.count <= maximumLength)
        seen.append((line.number, String(decoding: line.bytes, as: UTF8.self), line.length))
    }
    return seen
}

@Suite struct ApplicationExportTests {
    @Test func lineOverOneMebibyteIsRefusedWithItsStartAndTheRestIsRead() throws {
        let long = identityLine("A2", padding: 3 << 20)
        let bytes = identityLine("A1") + [0x0A] + long + [0x0A] + identityLine("A3") + [0x0A]
        let directory = try CSVTestDirectory()
        let path = try directory.write(bytes, named: "export.jsonl")

        let export = try ApplicationExport.read(path: path)

        #expect(export.entries.map(\.line) == [1, 3])
        #expect(export.entries.map(\.application.applicationId) == ["A1", "A3"])
        let refused = try #require(export.refused.first)
        #expect(export.refused.count == 1)
        #expect(refused.error.line == 2)
        #expect(
            refused.error.reason
                == "line is longer than 1 MiB (\(long.count) bytes); only its first 64 KiB are kept"
        )
        #expect(refused.raw == Data(long.prefix(ApplicationExport.keptBytesOfLongLine)))
    }

    @Test func takenLineKeepsItsBytesAsRead() throws {
        // Spacing and key order that no encoder would reproduce, and a CRLF line break.
        let status = #"{ "version":1,"status" : "withdrawn", "#
        let time = #""submittedAt": "2023-05-09T20:15:00+08:00","#
        let ids = #""registrationNo": "R1",  "applicationId": "A1" }"#
        let first = Array((status + time + ids).utf8)
        let second = identityLine("A2")
        let bytes = [0xEF, 0xBB, 0xBF] + first + [0x0D, 0x0A] + second + [0x0A]
        let directory = try CSVTestDirectory()
        let path = try directory.write(bytes, named: "export.jsonl")

        let export = try ApplicationExport.read(path: path)

        #expect(export.refused.isEmpty)
        // The byte-order mark belongs to the file and the line feed ends the line; a
        // carriage return before it stays, as in the bytes of a refused line.
        #expect(export.entries.map(\.raw) == [Data(first + [0x0D]), Data(second)])
    }

    @Test func limitsAreOneMebibyteAndSixtyFourKibibytes() {
        #expect(ApplicationExport.maximumLineLength == 1_048_576)
        #expect(ApplicationExport.keptBytesOfLongLine == 65_536)
    }

    @Test(arguments: [0, 1])
    func lineOfExactlyTheLimitIsTakenAndOneByteMoreIsNot(extra: Int) throws {
        let length = ApplicationExport.maximumLineLength + extra
        let line = try identityLine("A1", length: length)
        let directory = try CSVTestDirectory()
        let path = try directory.write(line + [0x0A], named: "export.jsonl")

        let export = try ApplicationExport.read(path: path)

        #expect(export.entries.count == 1 - extra)
        #expect(export.refused.count == extra)
    }

    @Test func longLastLineWithoutLineBreakIsRefusedToo() throws {
        let long = identityLine("A2", padding: 2 << 20)
        let directory = try CSVTestDirectory()
        let path = try directory.write([0xEF, 0xBB, 0xBF] + long, named: "export.jsonl")

        let export = try ApplicationExport.read(path: path)

        #expect(export.entries.isEmpty)
        #expect(export.refused.first?.error.reason.contains("(\(long.count) bytes)") == true)
        #expect(export.refused.first?.raw.count == ApplicationExport.keptBytesOfLongLine)
    }

    @Test(arguments: [1, 2, 3, 7, 10, 11, 64])
    func longLineKeepsOnlyItsStartWhateverTheChunkSize(chunkSize: Int) throws {
        let text = "abc\n0123456789ABCDEF\n0123456789\n\n0123456789A\nxyz"

        let seen = try lines(
            of: Array(text.utf8),
            maximumLength: 10,
            keptBytes: 4,
            chunkSize: chunkSize
        )

        #expect(seen.map(\.number) == [1, 2, 3, 4, 5, 6])
        #expect(seen.map(\.text) == ["abc", "0123", "0123456789", "", "0123", "xyz"])
        #expect(seen.map(\.length) == [3, 16, 10, 0, 11, 3])
    }

    @Test func missingExportSaysItDoesNotExistNamingThePathOnce() throws {
        let directory = try CSVTestDirectory()
        let path = directory.path + "/absent.jsonl"

        let error = try #require(throws: FeedError.self) {
            try ApplicationExport.read(path: path)
        }

        #expect(error.code == .unreadable)
        #expect(error.message == "cannot read the application export \(path): it does not exist")
    }

    @Test func directoryAsExportSaysItIsADirectory() throws {
        let directory = try CSVTestDirectory()

        let error = try #require(throws: FeedError.self) {
            try ApplicationExport.read(path: directory.path)
        }

        #expect(
            error.message
                == "cannot read the application export \(directory.path): "
                + "it is a directory, not a file"
        )
    }

    @Test(arguments: [
        (code: FeedReadError.Code.fileNotFound, reason: "it does not exist"),
        (code: .notAFile, reason: "it is a directory, not a file"),
        (code: .notARegularFile, reason: "it is not a regular file but a pipe, socket or device"),
        (code: .permissionDenied, reason: "this user may not read it; fix its permissions"),
        (code: .readFailed, reason: "readFailed"),
    ])
    func readFailureIsSaidInWordsWithoutThePath(code: FeedReadError.Code, reason: String) {
        let error = FeedReadError(code: code, message: "/data/x.jsonl: failed", path: "/data/x")

        #expect(ApplicationExport.reason(for: error) == reason)
    }

    @Test func readFailureWithACauseSaysTheCause() {
        let cause = SystemError(number: EIO)
        let error = FeedReadError(code: .readFailed, message: "", underlying: cause)

        #expect(ApplicationExport.reason(for: error) == cause.description)
        #expect(ApplicationExport.reason(for: error).contains("errno \(EIO)"))
    }
}

@Suite struct ApplicationExportKindTests {
    @Test(
        arguments: [
            ([0x1F, 0x8B, 0x08, 0x00], "a gzip-compressed file"),
            ([0x50, 0x4B, 0x03, 0x04, 0x14], "a zip archive (or a spreadsheet)"),
            (Array("SQLite format 3".utf8) + [0, 0x10], "an SQLite database"),
            ([0x7F, 0x45, 0x4C, 0x46, 0x02], "a program"),
            ([0xFF, 0xFE, 0x7B, 0x00], "UTF-16 text"),
            ([0x7B, 0x00, 0x22, 0x00], "UTF-16 text"),
            ([0xFF, 0xFE, 0x00, 0x00, 0x7B], "UTF-32 text"),
        ] as [([UInt8], String)]
    )
    func fileThatIsNoTextIsNamedFromItsFirstBytes(head: [UInt8], kind: String) throws {
        #expect(ApplicationExport.notTextKind(startingWith: head[...]) == kind)
        let path = NSTemporaryDirectory() + "matcher-export-kind-" + UUID().uuidString
        try Data(head).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: FeedError.self) {
            try ApplicationExport.checkReadable(path: path)
        }
        #expect(
            error?.message
                == "\(path) is not the application export (JSON Lines in UTF-8) but \(kind)"
        )
    }

    @Test(arguments: ["{\"a\": 1}\n", "\u{FEFF}{}\n", "  \n{}", "", "garbage line\n{}\n"])
    func textIsLeftToTheLineByLineReading(text: String) throws {
        let path = NSTemporaryDirectory() + "matcher-export-kind-" + UUID().uuidString
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ApplicationExport.checkReadable(path: path)
    }
}

import Foundation
import MatcherFeeds
import Testing

/// One input file and the fields it must split into.
struct CSVSplitCase: Sendable, CustomTestStringConvertible {
    var name: String
    var input: [UInt8]
    var expected: [[String]]

    var testDescription: String { name }

    init(_ name: String, _ input: String, _ expected: [[String]]) {
        self.init(name, Array(input.utf8), expected)
    }

    init(_ name: String, _ input: [UInt8], _ expected: [[String]]) {
        self.name = name
        self.input = input
        self.expected = expected
    }

    static let all: [CSVSplitCase] = [
        CSVSplitCase("LF line breaks", "a,b\nc,d\n", [["a", "b"], ["c", "d"]]),
        CSVSplitCase("CRLF line breaks", "a,b\r\nc,d\r\n", [["a", "b"], ["c", "d"]]),
        CSVSplitCase("lone CR line breaks", "a,b\rc,d\r", [["a", "b"], ["c", "d"]]),
        CSVSplitCase("mixed line breaks", "a\r\nb\nc\rd", [["a"], ["b"], ["c"], ["d"]]),
        CSVSplitCase("no final line break", "a,b\r\nc,d", [["a", "b"], ["c", "d"]]),
        CSVSplitCase("empty fields", ",,\r\n,x,\r\n", [["", "", ""], ["", "x", ""]]),
        CSVSplitCase("separator before end of file", "a,b,", [["a", "b", ""]]),
        CSVSplitCase("quoted comma", "\"a,b\",c\n", [["a,b", "c"]]),
        CSVSplitCase(
            "doubled quotes",
            "\"say \"\"hi\"\"\",\"\"\"\"\n",
            [["say \"hi\"", "\""]]
        ),
        CSVSplitCase(
            "line breaks inside quotes",
            "\"l1\r\nl2\nl3\rl4\",z\r\nnext,row\r\n",
            [["l1\r\nl2\nl3\rl4", "z"], ["next", "row"]]
        ),
        CSVSplitCase("quoted empty field", "\"\",a,\"\"\n", [["", "a", ""]]),
        CSVSplitCase("quoted field at end of file", "x,\"y\"", [["x", "y"]]),
        CSVSplitCase("quoted field then CRLF at end", "\"y\"\r\n", [["y"]]),
        CSVSplitCase("trailing empty lines are not records", "a\n\n\r\n", [["a"]]),
        CSVSplitCase("empty lines between records are skipped", "a\n\nb\n", [["a"], ["b"]]),
        CSVSplitCase("empty file", "", []),
        CSVSplitCase("only a line break", "\r\n", []),
        CSVSplitCase(
            "byte order mark",
            [0xEF, 0xBB, 0xBF] + Array("h1,h2\n1,2\n".utf8),
            [["h1", "h2"], ["1", "2"]]
        ),
        CSVSplitCase("only a byte order mark", [0xEF, 0xBB, 0xBF], []),
        CSVSplitCase(
            "mark not at start is data",
            Array("a".utf8) + [0xEF, 0xBB, 0xBF],
            [["a\u{FEFF}"]]
        ),
        CSVSplitCase(
            "Chinese text",
            "个人编号,姓名\r\nSB0001,周建国\r\n",
            [["个人编号", "姓名"], ["SB0001", "周建国"]]
        ),
    ]
}

@Suite("CSVReader splitting")
struct CSVReaderTests {
    @Test(arguments: CSVSplitCase.all, [1, 2, 7, 1 << 20])
    func splitsRecordsAndFields(_ splitCase: CSVSplitCase, chunkSize: Int) throws {
        let directory = try CSVTestDirectory()
        let path = try directory.write(splitCase.input)

        let outcome = try readAllRecords(path, chunkSize: chunkSize)

        #expect(outcome.errorCode == nil)
        #expect(outcome.texts == splitCase.expected)
        #expect(outcome.records.allSatisfy { $0.problemCode == nil })
    }

    @Test
    func recordsStartOnTheirPhysicalLine() throws {
        let directory = try CSVTestDirectory()
        let text = "h1,h2\r\n\"two\r\nlines\",x\r\n\r\nlast,\"a\nb\nc\"\r\nend,1\r\n"
        let path = try directory.write(text)

        let outcome = try readAllRecords(path, chunkSize: 3)

        #expect(outcome.records.map(\.line) == [1, 2, 5, 8])
        #expect(outcome.blankLineCount == 1)
    }

    @Test(
        arguments: [
            ("a,b\nc,d\n", nil), ("a,b\r\nc,d\r\n", nil), ("a\n\"b\rc\",d\n", nil),
            ("a\r\r\n", 1), ("h\nb,c\r\nx,\ry\nz\r", 3), ("h\n\"b\nc\"\rd\n", 3),
        ] as [(String, Int?)]
    )
    func firstLineEndedByALoneCarriageReturnIsKept(text: String, line: Int?) throws {
        let directory = try CSVTestDirectory()
        for chunkSize in [1, 3, 1 << 20] {
            let reader = try CSVReader(path: try directory.write(text), chunkSize: chunkSize)
            try reader.forEachRecord { _ in }
            #expect(reader.firstLoneCarriageReturnLine == line, "chunk \(chunkSize)")
        }
    }

    @Test
    func recordOffsetsPointAtTheirFirstByte() throws {
        let directory = try CSVTestDirectory()
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("ab,c\r\n\"d\",e\n".utf8)
        let path = try directory.write(bytes)

        let outcome = try readAllRecords(path, chunkSize: 2)

        #expect(outcome.records.map(\.byteOffset) == [3, 9])
    }

    @Test
    func byteOrderMarkIsSkippedButHashedAndCounted() throws {
        let directory = try CSVTestDirectory()
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id\n1\n".utf8)
        let path = try directory.write(bytes)
        let reader = try CSVReader(path: path)

        let header = try #require(try reader.nextRecord())
        #expect(Array(header.bytes(0)) == Array("id".utf8))
        while try reader.nextRecord() != nil {}

        let hasher = try SHA256Hasher()
        hasher.update(bytes)
        #expect(reader.skippedByteOrderMark)
        #expect(reader.byteCount == bytes.count)
        #expect(reader.sha256Hex == (try hasher.finalizeHex()))
    }

    @Test
    func fieldAccessorsAgreeOnEmptiness() throws {
        let directory = try CSVTestDirectory()
        let path = try directory.write("a,,\"\",\"b\"\n")
        let reader = try CSVReader(path: path)
        let decoder = try FieldDecoder(encoding: .utf8)

        let record = try #require(try reader.nextRecord())

        #expect(record.fieldCount == 4)
        #expect((0..<4).map { record.isEmpty($0) } == [false, true, true, false])
        #expect(try record.strings(decoder: decoder) == ["a", "", "", "b"])
    }

    @Test
    func countsRecordsAndFinishesOnlyOnce() throws {
        let directory = try CSVTestDirectory()
        let path = try directory.write("h\n1\n2\n")
        let reader = try CSVReader(path: path)

        while try reader.nextRecord() != nil {}

        #expect(reader.recordCount == 3)
        #expect(try reader.nextRecord() == nil)
        #expect(reader.sha256Hex != nil)
    }

    @Test
    func hashIsUnknownUntilTheEnd() throws {
        let directory = try CSVTestDirectory()
        let path = try directory.write("h\n1\n")
        let reader = try CSVReader(path: path)

        _ = try reader.nextRecord()

        #expect(reader.sha256Hex == nil)
    }

    @Test
    func missingFileIsReportedWithItsPath() throws {
        let path = "/nonexistent-feeds-dir/persons.csv"

        let error = try #require(throws: FeedReadError.self) {
            _ = try CSVReader(path: path)
        }

        #expect(error.code == .fileNotFound)
        #expect(error.path == path)
        #expect(error.message.contains(path))
    }

    @Test
    func directoryIsNotAFile() throws {
        let directory = try CSVTestDirectory()

        let error = try #require(throws: FeedReadError.self) {
            _ = try CSVReader(path: directory.path)
        }

        #expect(error.code == .notAFile)
    }

    @Test(.enabled(if: getuid() != 0, "root may read any file"))
    func unreadableFileIsReportedAsPermissionDenied() throws {
        let directory = try CSVTestDirectory()
        let path = try directory.write("secret\n")
        chmod(path, 0)

        let error = try #require(throws: FeedReadError.self) {
            _ = try CSVReader(path: path)
        }

        #expect(error.code == .permissionDenied)
        #expect(error.message.contains(path))
    }
}

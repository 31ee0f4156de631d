import MatcherFeeds
import Testing

@Suite("CSVReader on malformed input")
struct CSVReaderProblemTests {
    @Test(arguments: [1, 5, 1 << 20])
    func quoteInsideUnquotedFieldIsKeptAndReported(chunkSize: Int) throws {
        let directory = try CSVTestDirectory()
        let path = try directory.write("h1,h2\r\nab\"c,d\r\nok,1\r\n")

        let outcome = try readAllRecords(path, chunkSize: chunkSize)

        #expect(outcome.texts == [["h1", "h2"], ["ab\"c", "d"], ["ok", "1"]])
        #expect(outcome.records.map(\.problemCode) == [nil, .malformedField, nil])
        #expect(outcome.records[1].problemLine == 2)
        #expect(outcome.records[1].problemByteOffset == 9)
    }

    @Test(arguments: [1, 5, 1 << 20])
    func textAfterClosingQuoteIsAppendedAndReported(chunkSize: Int) throws {
        let directory = try CSVTestDirectory()
        let path = try directory.write("h\n\"a\"\"b\"cd,e\nnext\n")

        let outcome = try readAllRecords(path, chunkSize: chunkSize)

        #expect(outcome.texts == [["h"], ["a\"bcd", "e"], ["next"]])
        #expect(outcome.records.map(\.problemCode) == [nil, .malformedField, nil])
        #expect(outcome.records[1].problemLine == 2)
    }

    @Test
    func problemMessageNamesFileLineAndField() throws {
        let directory = try CSVTestDirectory()
        let path = try directory.write("h\nx,y\"z\n")
        let reader = try CSVReader(path: path)
        _ = try reader.nextRecord()

        let record = try #require(try reader.nextRecord())
        let problem = try #require(record.problem)

        #expect(problem.message.contains(path))
        #expect(problem.message.contains("line 2"))
        #expect(problem.message.contains("field 2"))
        #expect(problem.path == path)
    }

    @Test(arguments: [1, 4, 1 << 20])
    func unterminatedQuoteNamesTheLineWhereTheFieldBegan(chunkSize: Int) throws {
        let directory = try CSVTestDirectory()
        let path = try directory.write("h1,h2\r\nok,1\r\nbad,\"open\r\nmore\r\nrows\r\n")

        let outcome = try readAllRecords(path, chunkSize: chunkSize)

        #expect(outcome.texts == [["h1", "h2"], ["ok", "1"]])
        #expect(outcome.errorCode == .unterminatedQuote)
        #expect(outcome.errorLine == 3)
        #expect(outcome.errorByteOffset == 17)
        #expect(outcome.sha256Hex == nil)
    }

    @Test
    func failedReaderKeepsThrowingTheSameError() throws {
        let directory = try CSVTestDirectory()
        let path = try directory.write("\"never closed")
        let reader = try CSVReader(path: path)

        let first = try #require(throws: FeedReadError.self) { try reader.nextRecord() }
        let second = try #require(throws: FeedReadError.self) { try reader.nextRecord() }

        #expect(first.code == .unterminatedQuote)
        #expect(second.code == .unterminatedQuote)
        #expect(first.message.contains("line 1"))
        #expect(first.message.contains(path))
    }

    @Test
    func recordLongerThanTheLimitIsRefused() throws {
        let directory = try CSVTestDirectory()
        let long = String(repeating: "x", count: 200)
        let path = try directory.write("h\nshort\n\"\(long)\n")

        let outcome = try readAllRecords(path, chunkSize: 16, maximumRecordSize: 64)

        #expect(outcome.texts == [["h"], ["short"]])
        #expect(outcome.errorCode == .recordTooLarge)
        #expect(outcome.errorLine == 3)
    }

    @Test(arguments: [
        ("\"", "most likely a quote there never closes"),
        ("x", "it holds no quote, so its line breaks are most likely lost"),
    ])
    func recordTooLargeNamesItsLikelyCause(opening: String, cause: String) throws {
        let directory = try CSVTestDirectory()
        let path = try directory.write("h\n" + opening + String(repeating: "x", count: 200))
        let reader = try CSVReader(path: path, chunkSize: 16, maximumRecordSize: 64)

        let error = #expect(throws: FeedReadError.self) {
            try reader.forEachRecord { _ in }
        }

        #expect(error?.message.contains(cause) == true)
    }

    @Test
    func recordJustWithinTheLimitIsRead() throws {
        let directory = try CSVTestDirectory()
        let field = String(repeating: "y", count: 60)
        let path = try directory.write("\(field)\n")

        let outcome = try readAllRecords(path, chunkSize: 8, maximumRecordSize: 64)

        #expect(outcome.texts == [[field]])
    }
}

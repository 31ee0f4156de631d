import Foundation
import MatcherFeeds
import Testing

@Suite("CSVReader across chunk boundaries")
struct CSVReaderChunkingTests {
    @Test(arguments: SampleDeliveries.csvFiles)
    func sampleDeliveryReadsTheSameInTinyChunks(_ file: String) throws {
        let path = "\(SampleDeliveries.deliveries)/\(file)"
        let whole = try readAllRecords(path)

        for chunkSize in 1...17 {
            let chunked = try readAllRecords(path, chunkSize: chunkSize)
            #expect(chunked == whole, "chunk size \(chunkSize)")
        }
        #expect(whole.records.count > 1)
    }

    @Test
    func recordsWithQuotesAndBreaksSplitAnywhereReadTheSame() throws {
        let directory = try CSVTestDirectory()
        var text = "编号,姓名,备注\r\n"
        for row in 0..<40 {
            text += "SB\(row),\"王,\"\"小\"\"明\",\"第一行\r\n第二行\nend\"\r\n"
            text += ",,\r\n"
        }
        let path = try directory.write(text)
        let whole = try readAllRecords(path)

        for chunkSize in [1, 2, 3, 5, 7, 11, 64, 4096] {
            #expect(try readAllRecords(path, chunkSize: chunkSize) == whole, "chunk \(chunkSize)")
        }
        #expect(whole.records.count == 81)
        #expect(whole.texts[1] == ["SB0", "王,\"小\"明", "第一行\r\n第二行\nend"])
        #expect(whole.records[1].line == 2)
        #expect(whole.records[2].line == 5)
    }

    @Test(.timeLimit(.minutes(2)))
    func randomTextMatchesTheReferenceParser() throws {
        let directory = try CSVTestDirectory()
        // Mostly the bytes that drive the grammar, plus multi-byte text and any byte.
        let alphabet: [[UInt8]] = [
            [0x2C], [0x22], [0x22, 0x22], [0x0D], [0x0A], [0x0D, 0x0A], [0x61], [0x62],
            Array("姓".utf8), [0xEF, 0xBB, 0xBF],
        ]
        for seed in UInt64(1)...400 {
            var random = CSVFuzzGenerator(state: seed)
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...80, using: &random) {
                if Int.random(in: 0..<10, using: &random) == 0 {
                    bytes.append(UInt8.random(in: 0...255, using: &random))
                } else {
                    bytes += alphabet.randomElement(using: &random) ?? []
                }
            }
            let path = try directory.write(bytes, named: "fuzz-\(seed).csv")
            let expected = CSVReferenceParser.parse(bytes)

            for chunkSize in [1, 3, 8, 1 << 20] {
                var outcome = try readAllRecords(path, chunkSize: chunkSize)
                #expect(outcome.byteCount == bytes.count)
                outcome.sha256Hex = nil
                outcome.byteCount = 0
                #expect(outcome == expected, "seed \(seed), chunk \(chunkSize)")
            }
        }
    }

    @Test(.timeLimit(.minutes(2)), arguments: UInt64(1)...6)
    func arbitraryBytesNeverHangOrCrash(seed: UInt64) throws {
        let directory = try CSVTestDirectory()
        var random = CSVFuzzGenerator(state: seed)
        let bytes = (0..<(1 << 16)).map { _ in UInt8.random(in: 0...255, using: &random) }
        let path = try directory.write(bytes)
        let expected = CSVReferenceParser.parse(bytes)
        let decoders = try TextEncoding.allCases.map { try FieldDecoder(encoding: $0) }

        for chunkSize in [7, 4096] {
            var outcome = try readAllRecords(path, chunkSize: chunkSize)
            outcome.sha256Hex = nil
            outcome.byteCount = 0
            #expect(outcome == expected)
        }
        // Decoding random fields must throw or succeed, never trap.
        let reader = try CSVReader(path: path)
        while let record = try? reader.nextRecord() {
            for index in 0..<record.fieldCount {
                for decoder in decoders {
                    _ = try? record.string(index, decoder: decoder)
                }
            }
        }
    }

    @Test(arguments: [1, 13, 1 << 20])
    func recordWithThousandsOfFieldsKeepsThemAll(chunkSize: Int) throws {
        let directory = try CSVTestDirectory()
        let values = (0..<5000).map { $0 % 7 == 0 ? "\"q,\($0)\"" : "v\($0)" }
        let path = try directory.write(values.joined(separator: ",") + "\r\nlast\r\n")

        let outcome = try readAllRecords(path, chunkSize: chunkSize)

        let expected = (0..<5000).map { $0 % 7 == 0 ? "q,\($0)" : "v\($0)" }
        #expect(outcome.texts == [expected, ["last"]])
    }

    // Special bytes are found a word at a time; put one at every offset within a word.
    @Test(arguments: 0..<17)
    func specialByteAtAnyOffsetIsFound(padding: Int) throws {
        let directory = try CSVTestDirectory()
        let pad = String(repeating: "号", count: padding)
        let text = "\(pad)a,\"\(pad)b\"\"\(pad)\",c\(pad)\r\nz\(pad)\n"
        let path = try directory.write(text)

        let outcome = try readAllRecords(path)

        #expect(outcome.texts == [[pad + "a", pad + "b\"" + pad, "c" + pad], ["z" + pad]])
        #expect(outcome.records.allSatisfy { $0.problemCode == nil })
    }

    @Test
    func memoryStaysAtOneChunkForManyShortRecords() throws {
        let directory = try CSVTestDirectory()
        let row = "SB0001,110,201908,,320583\r\n"
        let path = try directory.write(String(repeating: row, count: 20_000))
        let reader = try CSVReader(path: path, chunkSize: 4096)
        var count = 0

        while let record = try reader.nextRecord() {
            #expect(record.fieldCount == 5)
            count += 1
        }

        #expect(count == 20_000)
        #expect(reader.byteCount == row.utf8.count * 20_000)
    }
}

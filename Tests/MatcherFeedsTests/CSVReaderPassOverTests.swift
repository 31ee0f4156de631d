import Foundation
import MatcherFeeds
import Testing

/// A reader told which plain lines are not needed passes over only those, counts them, and
/// hands on every other record exactly as reading them one by one does.
@Suite struct CSVReaderPassOverTests {
    /// Lines of three fields whose first field starts with `a` are not needed.
    static func isUnneeded(_ fields: [[UInt8]]) -> Bool {
        fields.count == 3 && fields[0].first == 0x61
    }

    static func readPassingOver(_ path: String, chunkSize: Int) throws -> (
        records: [CSVReadRecord], count: Int, offered: [[[UInt8]]], ticks: [Int]
    ) {
        let reader = try CSVReader(path: path, chunkSize: chunkSize)
        var records: [CSVReadRecord] = []
        var offered: [[[UInt8]]] = []
        var ticks: [Int] = []
        do {
            try reader.forEachRecord(
                fieldCount: 3,
                isUnneeded: { line in
                    let fields = (0..<3).map { Array(line.field($0)) }
                    offered.append(fields)
                    return isUnneeded(fields)
                },
                every: 4,
                tick: { ticks.append($0) }
            ) { record in
                records.append(
                    CSVReadRecord(
                        fields: (0..<record.fieldCount).map { Array(record.bytes($0)) },
                        line: record.line,
                        byteOffset: record.byteOffset,
                        problemCode: record.problem?.code,
                        problemLine: record.problem?.line,
                        problemByteOffset: record.problem?.byteOffset
                    )
                )
            }
        } catch is FeedReadError {
            // The full reading reports the same failure; only the records matter here.
        }
        return (records, reader.recordCount, offered, ticks)
    }

    @Test(.timeLimit(.minutes(2)))
    func onlyUnneededPlainLinesArePassedOver() throws {
        let directory = try CSVTestDirectory()
        let alphabet: [[UInt8]] = [
            [0x2C], [0x2C], [0x22], [0x0D, 0x0A], [0x0A], [0x0A], [0x61], [0x61], [0x62],
            Array("姓".utf8), [0x0D],
        ]
        var passedOverAny = false
        for seed in UInt64(1)...300 {
            var random = CSVFuzzGenerator(state: seed)
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...120, using: &random) {
                bytes += alphabet.randomElement(using: &random) ?? []
            }
            let path = try directory.write(bytes, named: "pass-\(seed).csv")
            let whole = try readAllRecords(path)
            for chunkSize in [1, 5, 1 << 20] {
                let read = try Self.readPassingOver(path, chunkSize: chunkSize)
                // What reached the caller is what reading one by one gives, less some
                // records, every one of them an unneeded line offered and passed over.
                var remaining = read.records[...]
                for record in whole.records {
                    if remaining.first == record {
                        remaining = remaining.dropFirst()
                        continue
                    }
                    passedOverAny = true
                    #expect(record.problemCode == nil, "seed \(seed)")
                    #expect(Self.isUnneeded(record.fields), "seed \(seed): \(record)")
                    #expect(read.offered.contains(record.fields), "seed \(seed)")
                }
                #expect(remaining.isEmpty, "seed \(seed), chunk \(chunkSize)")
                #expect(read.count == whole.records.count, "seed \(seed), chunk \(chunkSize)")
                #expect(read.ticks == Array(stride(from: 4, through: read.count, by: 4)))
            }
        }
        #expect(passedOverAny)
    }

    @Test func aLineIsSplitAtItsCommasForTheFilter() throws {
        let directory = try CSVTestDirectory()
        let path = try directory.write("h1,h2,h3\n,b,\nalpha,β,gamma\r\nabc,,\n")
        let read = try Self.readPassingOver(path, chunkSize: 1 << 20)
        let texts = read.offered.map { $0.map { String(decoding: $0, as: UTF8.self) } }
        #expect(texts == [["", "b", ""], ["alpha", "β", "gamma"], ["abc", "", ""]])
        #expect(read.records.map(\.line) == [1, 2])
        #expect(read.count == 4)
    }
}

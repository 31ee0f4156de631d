import Foundation
import MatcherCore
import Testing

@testable import MatcherFeeds

/// A contribution row read from its bytes gives the period the full reading gives, and any
/// row the full reading would refuse or trim is left to it.
@Suite struct ContributionRowTests {
    static let rows = [
        "P1,110,201912,202111,320505", "P1,110,202112,,320583", "P1,110,202112,202112,320583",
        "P1,110,201913,,320583", "P1,110,202112,202111,320583", "P1,110,2021-12,,320583",
        "P1,110,202112,,32058", "P1,110,202112,,3205833", "P1,,202112,,320583",
        "P1,110 ,202112,,320583", "P1,110,202112,,32O583", "P1,11 0,202112,,320583",
        "P1,110,189912,,320583", "P1,110,000012,,320583", "P1,险种,202112,,320583",
    ]

    static func fullPeriod(_ record: CSVRecord, _ decoder: FieldDecoder) -> ContributionPeriod? {
        func text(_ index: Int) -> String? {
            try? record.text(index, decoder, column: "c\(index)")
        }
        guard let number = text(0), let type = text(1), let first = text(2), let last = text(3),
            let region = text(4)
        else { return nil }
        return try? InsuranceSnapshot.period(
            of: number,
            type: type,
            first: first,
            last: last,
            region: region
        )
    }

    @Test func plainRowsAreReadAsTheFullReadingReadsThem() throws {
        let directory = try CSVTestDirectory()
        let path = try directory.write(Self.rows.joined(separator: "\n") + "\n")
        let reader = try CSVReader(path: path)
        let decoder = try FieldDecoder(encoding: .utf8)
        var fast = 0
        while let record = try reader.nextRecord() {
            let plain = InsuranceSnapshot.plainPeriod(
                record,
                owner: 0,
                type: 1,
                first: 2,
                last: 3,
                region: 4
            )
            let full = Self.fullPeriod(record, decoder)
            if let plain {
                #expect(plain == full, "line \(record.line)")
                fast += 1
            } else {
                // Left to the full reading: a refusal there, or a month with a hyphen, a
                // padded or spaced type, or a type in Chinese, which it reads as they are.
                let isUnusual = [6, 10, 12, 15].contains(record.line)
                #expect(full == nil || isUnusual, "line \(record.line)")
            }
        }
        #expect(fast == 3)
    }
}

@Suite struct ContributionStoreTests {
    @Test func periodsComeBackAsTheyWereKeptInTheirOrder() throws {
        let periods = try [
            ("P1", "110", "201912", "202111", "320505"), ("P2", "310", "200001", nil, "320583"),
            ("P1", "110", "202112", nil, "320583"), ("P1", "险种", "190001", "220012", "32058"),
            ("P3", "", "202301", "202301", ""), ("P3", "210", "202301", nil, "320505"),
            ("P3", "410", "202302", nil, "320506"), ("P3", "510", "202303", nil, "320507"),
            ("P4", "", "202304", nil, "320583"), ("P4", "110", "202305", nil, "320505"),
        ].map { number, type, first, last, region in
            ContributionPeriod(
                personalNumber: number,
                insuranceType: type,
                firstMonth: try #require(YearMonth(first)),
                lastMonth: last.flatMap { YearMonth($0) },
                region: region
            )
        }
        var store = ContributionStore()
        for period in periods {
            store.append(period)
        }
        #expect(store.count == periods.count)
        for number in ["P1", "P2", "P3", "P4"] {
            #expect(store.periods(of: number) == periods.filter { $0.personalNumber == number })
        }
        #expect(store.periods(of: "P5").isEmpty)
    }
}

@Suite struct FieldPaddingTests {
    /// No white space scalar starts with a byte that is said never to start one, so no
    /// padded field passes for unpadded.
    @Test func everyWhiteSpaceScalarStartsWithAByteThatMayLeadWhiteSpace() {
        for value in UInt32(0)...0x10_FFFF {
            guard let scalar = Unicode.Scalar(value), scalar.properties.isWhitespace else {
                continue
            }
            let lead = Array(String(Character(scalar)).utf8)[0]
            #expect(!CSVRecord.cannotLeadWhiteSpace(lead), "U+\(String(value, radix: 16))")
        }
    }
}

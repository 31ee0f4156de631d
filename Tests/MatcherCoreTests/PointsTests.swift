import Foundation
import Testing

@testable import MatcherCore

/// The 2023 policy as the mapping holds it, read from the repository's own file.
func policy2023() throws -> PointsPolicy {
    let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("mappings/policy/2023.json")
    return try JSONDecoder().decode(PointsPolicy.self, from: Data(contentsOf: url))
}

func month(_ text: String) throws -> YearMonth {
    try #require(YearMonth(text))
}

func period(_ type: String, _ first: String, _ last: String?, region: String = "320583") throws
    -> ContributionPeriod
{
    ContributionPeriod(
        personalNumber: "SB1",
        insuranceType: type,
        firstMonth: try month(first),
        lastMonth: try last.map(month),
        region: region
    )
}

@Suite struct InsuranceMonthsTests {
    @Test func openPeriodRunsToTheSnapshotAndIsCutAtTheWindow() throws {
        let policy = try policy2023()
        let months = InsuranceMonths.count(
            [try period("110", "201908", nil)],
            of: .hrss,
            snapshotMonth: try month("202305"),
            policy: policy
        )
        #expect(months.byType["pension"] == ["recent": 36, "earlier": 8])
        #expect(months.byType["medical"] == ["recent": 0, "earlier": 0])
    }

    @Test func overlappingPeriodsCountAMonthOnce() throws {
        let policy = try policy2023()
        let months = InsuranceMonths.count(
            [try period("110", "201901", "202012"), try period("110", "202006", "202103")],
            of: .hrss,
            snapshotMonth: try month("202305"),
            policy: policy
        )
        #expect(months.byType["pension"] == ["recent": 12, "earlier": 15])
    }

    @Test func monthsPaidOutsideKunshanDoNotCount() throws {
        let policy = try policy2023()
        let months = InsuranceMonths.count(
            [try period("110", "201901", nil, region: "320506")],
            of: .hrss,
            snapshotMonth: try month("202305"),
            policy: policy
        )
        #expect(months.byType["pension"] == ["recent": 0, "earlier": 0])
    }

    @Test func typesOfTheOtherDepartmentAreIgnored() throws {
        let policy = try policy2023()
        let months = InsuranceMonths.count(
            [try period("310", "201901", nil)],
            of: .hrss,
            snapshotMonth: try month("202305"),
            policy: policy
        )
        #expect(months.byType["medical"] == ["recent": 0, "earlier": 0])
    }

    @Test func policyCheckGivesSixtySixSixtySeven() throws {
        let policy = try policy2023()
        var months = InsuranceMonths.zero(for: policy)
        for type in policy.insurance.types {
            months.byType[type.key] = ["recent": 36, "earlier": 8]
        }
        #expect(months.points(under: policy) == 66.67)
    }

    @Test func fullWindowGivesTheCapOfOneHundredThirty() throws {
        let policy = try policy2023()
        var months = InsuranceMonths.zero(for: policy)
        for type in policy.insurance.types {
            months.byType[type.key] = ["recent": 36, "earlier": 84]
        }
        #expect(months.points(under: policy) == 130)
    }
}

@Suite struct PointsRoundingTests {
    @Test(arguments: [
        (twelfths: 800, expected: 66.67),
        (twelfths: 1, expected: 0.08),
        (twelfths: 6, expected: 0.5),
        (twelfths: 494, expected: 41.17),
        (twelfths: 0, expected: 0.0),
    ])
    func roundsOnceHalfUp(twelfths: Int, expected: Double) {
        #expect(Points.rounded(twelfths: twelfths, decimals: 2) == expected)
    }

    @Test func halfAHundredthRoundsUp() {
        // 1/12 * 3 = 0.25 exactly at 1 decimal: 0.25 → 0.3.
        #expect(Points.rounded(twelfths: 3, decimals: 1) == 0.3)
    }
}

@Suite struct CalendarDateTests {
    @Test(arguments: [
        ("2022-02-15", "2023-04-30", 14),
        ("2020-11-03", "2023-04-30", 29),
        ("2021-09-30", "2023-04-30", 19),
        ("2018-12-28", "2023-04-30", 52),
        ("2022-01-31", "2023-04-30", 15),
        ("2023-05-01", "2023-04-30", 0),
        ("2023-04-30", "2023-04-30", 0),
    ])
    func wholeMonthsCountOnlyCompleteMonths(from: String, to: String, months: Int) throws {
        let start = try #require(CalendarDate(from))
        let end = try #require(CalendarDate(to))
        #expect(start.wholeMonths(until: end) == months)
    }

    @Test(arguments: ["2023-02-29", "2023-13-01", "2023-4-30", "20230430", "", "2023-04-31"])
    func invalidDatesAreRejected(text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test func leapDayExistsInLeapYears() {
        #expect(CalendarDate("2024-02-29") != nil)
    }

    @Test(arguments: [
        ("1970-01-01", "1970-01-01", 0),
        ("2023-05-10", "2023-05-11", 1),
        ("2023-02-28", "2023-03-01", 1),
        ("2024-02-28", "2024-03-01", 2),
        ("2022-12-31", "2023-01-01", 1),
        ("2023-05-11", "2023-05-10", -1),
        ("1999-12-31", "2023-05-10", 8531),
    ])
    func daysBetweenDatesCountLeapDays(from: String, to: String, days: Int) throws {
        let start = try #require(CalendarDate(from))
        let end = try #require(CalendarDate(to))
        #expect(start.days(until: end) == days)
    }

    @Test func ageTurnsOnTheBirthday() throws {
        let born = try #require(CalendarDate("2005-04-30"))
        #expect(born.age(on: try #require(CalendarDate("2023-04-29"))) == 17)
        #expect(born.age(on: try #require(CalendarDate("2023-04-30"))) == 18)
    }
}

@Suite struct MaskTests {
    @Test func idNumberKeepsRegionAndLastFour() {
        #expect(Mask.idNumber("32058320170601106X") == "320583********106X")
    }

    @Test func nameKeepsTheFamilyName() {
        #expect(Mask.name("王明") == "王*")
        #expect(Mask.name("欧阳娜娜") == "欧***")
    }

    @Test func shortValuesAreHiddenAlmostWhole() {
        #expect(Mask.idNumber("E1234567") == "******67")
        #expect(Mask.idNumber("1234") == "****")
    }

    @Test func digitRunsInFreeTextAreMasked() {
        let masked = Mask.digitRuns(in: "id 341221198503151037 on line 6")
        #expect(masked == "id 341221********1037 on line 6")
    }

    @Test func digestsInFreeTextAreKeptWhole() {
        let digest = "5b2c0e1a9f4d3c8b7a6e5d4c3b2a19f8e7d6c5b4a392817f6e5d4c3b2a190807"
        let text = "persons.csv has sha256 \(digest), its manifest says 341221198503151037"
        #expect(
            Mask.digitRuns(in: text)
                == "persons.csv has sha256 \(digest), its manifest says 341221********1037"
        )
        // Not a word of its own, or all decimal: masked as any other run.
        let decimal = String(repeating: "3412211985", count: 6) + "1037"
        #expect(!Mask.digitRuns(in: "x\(digest)").contains(digest))
        #expect(!Mask.digitRuns(in: decimal).contains(decimal))
    }
}

@Suite struct MonthCountingTests {
    /// The months counted the plain way: a flag per month of the window.
    static func reference(
        _ periods: [ContributionPeriod],
        of department: Department,
        snapshotMonth: YearMonth,
        policy: PointsPolicy
    ) -> [String: [String: Int]] {
        var byType: [String: [String: Int]] = [:]
        let start = policy.windowStart
        let end = policy.windowEnd
        for type in policy.insurance.types where type.department == department {
            var paid = Set<Int>()
            for period in periods
            where period.insuranceType == type.code
                && policy.insurance.countedRegions.contains(period.region)
            {
                let first = max(period.firstMonth.ordinal, start)
                let last = min((period.lastMonth ?? snapshotMonth).ordinal, end)
                if first <= last {
                    paid.formUnion(first...last)
                }
            }
            for band in policy.insurance.bands {
                byType[type.key, default: [:]][band.key] = band.months.filter(paid.contains).count
            }
        }
        return byType
    }

    @Test func randomPeriodsAreCountedAsTheMonthsOneByOne() throws {
        var policy = try policy2023()
        var random = SystemRandomNumberGenerator()
        let types = ["110", "210", "410", "310", "510", "999"]
        let regions = ["320583", "320505", "110000"]
        // The window as the policy has it, and one longer than a machine word.
        for windowYears in [0, 7] {
            if windowYears > 0 {
                policy.insurance.bands[0].from = try #require(YearMonth(year: 2012, month: 3))
            }
            let counting = MonthCounting(policy: policy)
            for _ in 0..<400 {
                let periods = try (0..<Int.random(in: 0...8, using: &random)).map { _ in
                    let first = try #require(
                        YearMonth(ordinal: Int.random(in: 2010 * 12...2024 * 12, using: &random))
                    )
                    let length = Int.random(in: -2...60, using: &random)
                    return ContributionPeriod(
                        personalNumber: "P",
                        insuranceType: types.randomElement(using: &random) ?? "110",
                        firstMonth: first,
                        lastMonth: length < 0 ? nil : YearMonth(ordinal: first.ordinal + length),
                        region: regions.randomElement(using: &random) ?? "320583"
                    )
                }
                let snapshot = try month("202305")
                for department in Department.allCases {
                    let counted = counting.count(periods, of: department, snapshotMonth: snapshot)
                    let expected = Self.reference(
                        periods,
                        of: department,
                        snapshotMonth: snapshot,
                        policy: policy
                    )
                    #expect(counted.byType == expected)
                }
            }
        }
    }
}

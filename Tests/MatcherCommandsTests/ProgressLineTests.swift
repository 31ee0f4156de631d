import Foundation
import MatcherSync
import Testing

@testable import MatcherCommands

@Suite struct ProgressLineTests {
    func match(_ done: Int, of total: Int) -> SyncProgress {
        SyncProgress(step: "match", unit: "applications", done: done, total: total)
    }

    @Test func aLineShowsCountsPercentRateAndTimeLeft() {
        #expect(
            ProgressLine.text(for: match(12_300, of: 45_000), elapsed: 1.5)
                == "match: 12,300/45,000 applications (27%), 8,200/s, 4 s left"
        )
    }

    @Test func rateAndTimeLeftWaitUntilTheStepHasRunHalfASecond() {
        #expect(
            ProgressLine.text(for: match(300, of: 45_000), elapsed: 0.2)
                == "match: 300/45,000 applications (0%)"
        )
        #expect(
            ProgressLine.text(for: match(0, of: 45_000), elapsed: 3)
                == "match: 0/45,000 applications (0%)"
        )
    }

    @Test func aCompleteStepShowsNoTimeLeft() {
        #expect(
            ProgressLine.text(for: match(20, of: 20), elapsed: 4)
                == "match: 20/20 applications (100%), 5.0/s"
        )
    }

    @Test func anEmptyStepShowsNoPercent() {
        #expect(ProgressLine.text(for: match(0, of: 0), elapsed: 0) == "match: 0/0 applications")
    }

    @Test(arguments: [
        (0.2, "1 s"), (42, "42 s"), (59.5, "1 min 00 s"), (185, "3 min 05 s"),
        (3_720, "1 h 02 min"),
    ])
    func timeLeftIsRoundedUpInTheLargestUsefulUnits(seconds: Double, text: String) {
        #expect(ProgressLine.duration(seconds) == text)
    }

    @Test(arguments: [(0, "0"), (999, "999"), (1_000, "1,000"), (1_234_567, "1,234,567")])
    func countsAreGroupedByThousands(number: Int, text: String) {
        #expect(ProgressLine.grouped(number) == text)
    }

    @Test func aLongStepIsShortenedFromTheFrontToFitTheWidth() {
        let progress = SyncProgress(
            step: "read medical/2023-05-10/contributions.csv",
            unit: "rows",
            done: 1_200_000,
            total: 4_800_000
        )
        let line = ProgressLine.text(for: progress, elapsed: 2, width: 72)
        #expect(line.count == 72)
        #expect(line.hasPrefix("…"))
        #expect(line.contains("/contributions.csv: 1,200,000/4,800,000 rows (25%)"))
        #expect(line.hasSuffix(", 600,000/s, 6 s left"))
    }
}

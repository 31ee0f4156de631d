import Foundation
import MatcherCore
import MatcherStore
import Testing

@testable import MatcherSync

/// Progress reports a run made, collected for a test.
final class CapturedProgress: @unchecked Sendable {
    // `@unchecked` because `reports` is guarded by `lock`.
    private let lock = NSLock()
    private var stored: [SyncProgress] = []

    var reports: [SyncProgress] { lock.withLock { stored } }

    func record(_ progress: SyncProgress) {
        lock.withLock { stored.append(progress) }
    }
}

/// What a sync over the sample night logs, and the progress it reports.
@Suite struct SyncLoggingTests {
    func runSampleNight(
        logger: (CapturedLines) -> Logger,
        progress: CapturedProgress = CapturedProgress()
    ) throws -> (report: RunReport, lines: [String]) {
        let folder = try TemporaryFolder()
        let captured = CapturedLines()
        var configuration = SyncConfiguration(
            applicationsPath: repositoryPath("fixtures/basic/applications.jsonl"),
            deliveriesDirectory: repositoryPath("fixtures/basic/deliveries"),
            asOf: try #require(CalendarDate("2023-05-10"))
        )
        configuration.mappingsDirectory = repositoryPath("mappings")
        let job = SyncJob(
            configuration: configuration,
            store: try MatcherStore(path: folder.file("matcher.sqlite")),
            logger: logger(captured),
            progress: { progress.record($0) }
        )
        let report = try job.run()
        return (report, captured.lines)
    }

    @Test func everyLineOfARunCarriesItsIdAndTheRunEndsWithANotice() throws {
        let (report, lines) = try runSampleNight { captured in
            Logger(handler: JSONLogHandler(output: captured.output))
        }
        let records = try lines.map { line in
            try #require(
                try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            )
        }
        #expect(records.count > 5)
        #expect(records.allSatisfy { ($0["run.id"] as? Int).map(Int64.init) == report.runId })
        let phases = records.compactMap { $0["phase"] as? String }
        #expect(phases == ["read.applications", "read.deliveries", "match", "store"])
        let last = try #require(records.last)
        #expect(last["level"] as? String == "notice")
        #expect(last["message"] as? String == "run finished")
        #expect(last["status"] as? String == "partial")
        #expect(last["applications.matched"] as? Int == 20)
        // The sample's broken line is refused: a warning says so, with the count.
        let warning = try #require(records.first { $0["level"] as? String == "warning" })
        #expect(warning["lines.refused"] as? Int == 1)
    }

    @Test func noLineHoldsAnIDNumberOfTheSampleNight() throws {
        let (_, lines) = try runSampleNight { captured in
            Logger(handler: TextLogHandler(output: captured.output), logLevel: .debug)
        }
        let digitRun = try Regex("[0-9]{15,}")
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.firstMatch(of: digitRun) == nil })
    }

    @Test func matchAndEveryDeliveryFileReportProgressFromStartToEnd() throws {
        let progress = CapturedProgress()
        _ = try runSampleNight(logger: { _ in .silent }, progress: progress)
        let steps = progress.reports.reduce(into: [String]()) { steps, report in
            if !steps.contains(report.step) { steps.append(report.step) }
        }
        // The sources are read side by side, so their files report in any order, but each
        // source's files in turn, and matching after all of them.
        let files = [
            "read hrss/2023-05-10/persons.csv", "read hrss/2023-05-10/contributions.csv",
            "read medical/2023-05-10/persons.csv", "read medical/2023-05-10/contributions.csv",
            "read registry/2023-05-10/certificates.csv",
        ]
        #expect(Set(steps) == Set(files + ["match"]))
        #expect(steps.last == "match")
        for (first, second) in [(0, 1), (2, 3)] {
            let firstIndex = try #require(steps.firstIndex(of: files[first]))
            #expect(steps.firstIndex(of: files[second]).map { $0 > firstIndex } == true)
        }
        let firstMatch = try #require(progress.reports.firstIndex { $0.step == "match" })
        #expect(progress.reports[firstMatch...].allSatisfy { $0.step == "match" })
        for step in Set(steps) {
            let reports = progress.reports.filter { $0.step == step }
            #expect(reports.first?.done == 0, "\(step)")
            #expect(reports.last?.isComplete == true, "\(step)")
        }
        let match = progress.reports.filter { $0.step == "match" }
        #expect(match.last?.total == 20)
        #expect(match.allSatisfy { $0.unit == "applications" })
    }
}

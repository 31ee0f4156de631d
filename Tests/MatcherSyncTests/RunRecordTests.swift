import Foundation
import MatcherCore
import MatcherStore
import Testing

@testable import MatcherSync

/// What the store records of runs that died, and what a run says of the policy it used.
@Suite struct RunRecordTests {
    @Test func runThatDiedIsMarkedFailedByTheNextRun() throws {
        let folder = try TemporaryFolder()
        let sync = try SyncRun(folder: folder)
        let died = try sync.store.beginRun(
            startedAt: "2023-05-10T01:30:00+08:00",
            asOf: "2023-05-10"
        )
        let report = try sync.run()
        #expect(report.warnings.contains { $0.hasPrefix("run \(died) ended before it finished") })
        let record = try #require(try sync.store.run(id: died))
        #expect(record.status == .failed)
        #expect(record.finishedAt == nil, "when it died is not known")
    }

    @Test func dayWithoutItsOwnPolicyIsWarnedAbout() throws {
        let folder = try TemporaryFolder()
        let sync = try SyncRun(folder: folder)
        let report = try sync.run(asOf: "2024-05-10")
        #expect(report.policyYear == 2023)
        #expect(
            report.warnings.contains(
                "there is no points policy for 2024; the 2023 policy was applied"
            )
        )
    }

    @Test func storedReportHoldsTheWholeRunWithItsExport() throws {
        let folder = try TemporaryFolder()
        let sync = try SyncRun(folder: folder)
        let report = try sync.run()
        let stored = try #require(try sync.store.run(id: report.runId)?.report)
        let decoded = try JSONDecoder().decode(RunReport.self, from: stored)
        #expect(decoded.phases.map(\.name).contains("write results"))
        #expect(decoded.durationSeconds == report.durationSeconds)
    }

    @Test func withdrawalsCountAsStoredVersions() throws {
        var counts = RunReport.ApplicationCounts()
        counts.withdrawn = 1
        counts.deleted = 1
        #expect(counts.newVersions == 2)
    }

    @Test func lockFollowsALinkToTheStore() throws {
        let folder = try TemporaryFolder()
        let store = folder.file("matcher.sqlite")
        _ = try MatcherStore(path: store)
        try FileManager.default.createSymbolicLink(
            atPath: folder.file("link.sqlite"),
            withDestinationPath: store
        )
        let held = try RunLock(storePath: store)
        #expect(throws: SyncError.self) { try RunLock(storePath: folder.file("link.sqlite")) }
        withExtendedLifetime(held) {}
    }
}

import Foundation
import MatcherCore
import MatcherStore
import Testing

@testable import MatcherSync

/// How old a delivery may be, and what re-running a past day does to today's results.
@Suite struct FreshnessAndBackfillTests {
    @discardableResult
    func run(
        _ sync: SyncRun,
        asOf: String,
        maximumAge: Int = 1,
        allowStale: Bool = false,
        results: String = "results.jsonl"
    ) throws -> RunReport {
        var configuration = SyncConfiguration(
            applicationsPath: repositoryPath("fixtures/basic/applications.jsonl"),
            deliveriesDirectory: repositoryPath("fixtures/basic/deliveries"),
            asOf: try #require(CalendarDate(asOf))
        )
        configuration.resultsPath = sync.folder.file(results)
        configuration.mappingsDirectory = repositoryPath("mappings")
        configuration.maximumDeliveryAgeDays = maximumAge
        configuration.allowStale = allowStale
        return try SyncJob(configuration: configuration, store: sync.store).run()
    }

    @Test func deliveryOlderThanTheAllowedAgeIsStaleAndNotUsed() throws {
        let sync = try SyncRun(folder: TemporaryFolder())
        let report = try run(sync, asOf: "2023-05-12")
        #expect(report.staleDeliveries.map(\.ageDays) == [2, 2, 2])
        #expect(report.staleDeliveries.allSatisfy { !$0.used })
        #expect(report.deliveries.isEmpty)
        #expect(report.outcomes["SI_PENDING"] == 19)
        #expect(report.status == RunStatus.partial.rawValue)
        #expect(report.text.contains("is stale and was not used"))
    }

    @Test func staleDeliveryIsUsedWhenAllowed() throws {
        let sync = try SyncRun(folder: TemporaryFolder())
        let report = try run(sync, asOf: "2023-05-12", allowStale: true)
        #expect(report.staleDeliveries.allSatisfy { $0.used })
        #expect(report.outcomes["SI_MATCHED"] == 13)
    }

    @Test func longerAllowedAgeMakesTheSameDeliveryFresh() throws {
        let sync = try SyncRun(folder: TemporaryFolder())
        let report = try run(sync, asOf: "2023-05-12", maximumAge: 2)
        #expect(report.staleDeliveries.isEmpty)
        #expect(report.deliveries.map(\.ageDays) == [2, 2, 2])
    }

    @Test func backfillNeverReplacesWhatALaterDayConfirmed() throws {
        let folder = try TemporaryFolder()
        let sync = try SyncRun(folder: folder)
        try run(sync, asOf: "2023-05-10", results: "first.jsonl")
        // A later day confirms every result without storing new ones.
        try run(sync, asOf: "2023-05-11", results: "later.jsonl")
        let confirmed = try sync.store.currentResults()
        let backfill = try run(sync, asOf: "2023-05-10", results: "backfill.jsonl")
        #expect(backfill.plan.backfill == 20)
        #expect(try sync.store.currentResults() == confirmed)
        // The next real night compares with the later day, not with the backfill.
        let next = try run(sync, asOf: "2023-05-11", results: "next.jsonl")
        #expect(next.previousRunId == 2)
        #expect(next.plan.unchanged == 20)
    }

    @Test func staleNightIsNotCountedAsChangedData() throws {
        let sync = try SyncRun(folder: TemporaryFolder())
        try run(sync, asOf: "2023-05-10")
        let stale = try run(sync, asOf: "2023-05-12")
        #expect(stale.plan.sourceDataChangedApplications == 0)
        #expect(stale.plan.unchanged == 20)
        let usable = try run(sync, asOf: "2023-05-12", maximumAge: 2)
        #expect(usable.plan.unchanged == 20, "the kept fingerprints still match the data")
    }

    @Test func backfilledDayGoesToTheHistoryWithoutReplacingALaterDay() throws {
        let sync = try SyncRun(folder: TemporaryFolder())
        try run(sync, asOf: "2023-05-11", results: "later.jsonl")
        let currentBefore = try sync.store.currentResults()
        let backfill = try run(sync, asOf: "2023-05-10", results: "backfill.jsonl")
        #expect(backfill.asOf == "2023-05-10")
        #expect(backfill.plan.backfill == 20)
        #expect(try sync.store.currentResults() == currentBefore)
        let record = try #require(try sync.store.run(id: backfill.runId))
        #expect(record.asOf == "2023-05-10")
    }
}

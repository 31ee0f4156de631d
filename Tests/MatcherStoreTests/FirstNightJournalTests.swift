import Foundation
import MatcherCore
import Testing

@testable import MatcherStore

/// A store's first night is written with a rollback journal, each page once, and the store
/// is in WAL again for every night after it.
@Suite struct FirstNightJournalTests {
    static func version(_ applicationId: String) -> StoredApplication {
        StoredApplication(
            applicationId: applicationId,
            version: 1,
            status: "submitted",
            registrationNo: "R-" + applicationId,
            submittedAt: "2023-05-09T20:15:00+08:00",
            document: Data(#"{"applicationId":"\#(applicationId)"}"#.utf8)
        )
    }

    static func ending() -> RunEnding {
        RunEnding(
            finishedAt: "2023-05-10T02:10:00+08:00",
            status: .succeeded,
            report: Data("{}".utf8)
        )
    }

    static func beginRun(_ store: MatcherStore, day: String) throws -> Int64 {
        try store.beginRun(startedAt: day + "T02:00:00+08:00", asOf: day)
    }

    static func journalMode(_ store: MatcherStore) throws -> String? {
        try scalarString(store.database, "PRAGMA journal_mode")
    }

    @Test func firstNightWritesWithARollbackJournalAndLeavesTheStoreInWAL() throws {
        try withTemporaryDirectory { directory in
            let store = try MatcherStore(path: directory.databasePath)
            let runId = try Self.beginRun(store, day: "2023-05-10")
            let night = try store.beginNight(runId: runId)

            #expect(night.writesPagesOnce)
            #expect(try Self.journalMode(store) == "delete")
            try night.insertVersions([Self.version("A001"), Self.version("A002")])
            try night.commit(Self.ending())

            #expect(!night.writesPagesOnce)
            #expect(try Self.journalMode(store) == "wal")
            let reader = try SQLiteConnection(path: directory.databasePath, readOnly: true)
            #expect(try scalarInt(reader, "SELECT count(*) FROM application_versions") == 2)
            #expect(try scalarString(reader, "PRAGMA journal_mode") == "wal")
        }
    }

    @Test func nightAfterTheFirstStaysInWAL() throws {
        try withTemporaryDirectory { directory in
            let store = try MatcherStore(path: directory.databasePath)
            let first = try Self.beginRun(store, day: "2023-05-10")
            let firstNight = try store.beginNight(runId: first)
            try firstNight.insertVersions([Self.version("A001")])
            try firstNight.commit(Self.ending())

            let second = try Self.beginRun(store, day: "2023-05-11")
            let secondNight = try store.beginNight(runId: second)

            #expect(!secondNight.writesPagesOnce)
            #expect(try Self.journalMode(store) == "wal")
            secondNight.rollback()
        }
    }

    @Test func firstNightStaysInWALWhileAnotherConnectionHasTheStoreOpen() throws {
        try withTemporaryDirectory { directory in
            let store = try MatcherStore(path: directory.databasePath)
            let watcher = try MatcherStore(path: directory.databasePath)
            let runId = try Self.beginRun(store, day: "2023-05-10")
            let night = try store.beginNight(runId: runId)

            #expect(!night.writesPagesOnce)
            #expect(try Self.journalMode(store) == "wal")
            try night.insertVersions([Self.version("A001")])
            // In WAL the other connection reads what was committed before the night.
            #expect(try watcher.runs().map(\.id) == [runId])
            try night.commit(Self.ending())
        }
    }

    @Test func storeOpenedDuringTheFirstNightReadsWithoutWaitingForIt() throws {
        try withTemporaryDirectory { directory in
            let store = try MatcherStore(path: directory.databasePath)
            let runId = try Self.beginRun(store, day: "2023-05-10")
            let night = try store.beginNight(runId: runId)
            try night.insertVersions([Self.version("A001")])

            // The night holds the write lock: the watcher cannot switch the file to WAL, and
            // must not wait the busy timeout for it either.
            let clock = ContinuousClock()
            let started = clock.now
            let watcher = try MatcherStore(path: directory.databasePath)
            #expect(clock.now - started < .seconds(2))
            #expect(try watcher.runs().map(\.status) == [.running])

            try night.commit(Self.ending())
            #expect(try watcher.runs().map(\.status) == [.succeeded])
            #expect(try scalarInt(watcher.database, "SELECT count(*) FROM applications") == 1)
        }
    }

    @Test func rolledBackFirstNightLeavesAnEmptyStoreInWAL() throws {
        try withTemporaryDirectory { directory in
            let store = try MatcherStore(path: directory.databasePath)
            let runId = try Self.beginRun(store, day: "2023-05-10")
            let night = try store.beginNight(runId: runId)
            try night.insertVersions([Self.version("A001")])
            night.rollback()

            #expect(try Self.journalMode(store) == "wal")
            #expect(try scalarInt(store.database, "SELECT count(*) FROM applications") == 0)
            #expect(!FileManager.default.fileExists(atPath: directory.databasePath + "-journal"))
        }
    }
}

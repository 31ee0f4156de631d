import Foundation
import MatcherStore
import Testing

/// A real `matcher sync` process, killed with SIGKILL at several moments of its run: the
/// store must stay consistent, and the next run must finish the work with no result lost
/// and none doubled.
@Suite(.serialized) struct CrashSafetyTests {
    /// The built `matcher` beside the test bundle, built first if it is not there.
    static func matcherExecutable() throws -> String {
        let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [
            products.appendingPathComponent("matcher").path,
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("matcher")
                .path,
        ]
        if let found = candidates.first(where: FileManager.default.isExecutableFile) {
            return found
        }
        let build = Process()
        build.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        build.arguments = ["swift", "build", "--product", "matcher"]
        build.currentDirectoryURL = repositoryRoot
        try build.run()
        build.waitUntilExit()
        let built = repositoryRoot.appendingPathComponent(".build/debug/matcher").path
        guard FileManager.default.isExecutableFile(atPath: built) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return built
    }

    /// Starts a sync over `night` into `store`; returns the running process.
    static func startSync(night: String, store: String, results: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try matcherExecutable())
        process.arguments = [
            "sync", "--applications", night + "/applications.jsonl",
            "--deliveries", night + "/deliveries", "--store", store, "--results", results,
            "--mappings", repositoryPath("mappings"), "--as-of", "2023-05-10",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// The export's lines without the run's id and time, which differ between stores.
    static func comparableExport(_ path: String) throws -> [String: String] {
        try jsonLines(path).mapValues { fields in
            var kept = fields
            kept["runId"] = nil
            kept["matchedAt"] = nil
            let data = try? JSONSerialization.data(withJSONObject: kept, options: .sortedKeys)
            return String(decoding: data ?? Data(), as: UTF8.self)
        }
    }

    /// What a store must always be, whenever its writer died.
    static func checkConsistent(_ store: String) throws {
        // Killed while SQLite was creating the file and switching it to WAL, the store can
        // keep a hot rollback journal, which only a writer may roll back; the next run
        // opens it as a writer too, so the check does the same then.
        let hasHotJournal = FileManager.default.fileExists(atPath: store + "-journal")
        let database = try SQLiteConnection(path: store, readOnly: !hasHotJournal)
        let integrity = try database.prepare("PRAGMA integrity_check").rows { try $0.string(0) }
        #expect(integrity == ["ok"])
        // Killed before the schema was made: an empty database is consistent too.
        let tables = try database.prepare(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'results'"
        ).rows { try $0.int(0) }
        guard tables == [1] else { return }
        let unfinished = try database.prepare(
            "SELECT count(*) FROM results r JOIN runs ON runs.id = r.run_id"
                + " WHERE runs.status = 'running'"
        ).rows { try $0.int(0) }
        #expect(unfinished == [0], "a run that did not finish left results behind")
        let doubled = try database.prepare(
            "SELECT count(*) FROM (SELECT application_id, version FROM results"
                + " GROUP BY application_id, version, run_id HAVING count(*) > 1)"
        ).rows { try $0.int(0) }
        #expect(doubled == [0])
        let orphans = try database.prepare(
            "SELECT count(*) FROM current_results c LEFT JOIN results r ON r.id = c.result_id"
                + " WHERE r.id IS NULL"
        ).rows { try $0.int(0) }
        #expect(orphans == [0])
    }

    @Test func killedRunLeavesAConsistentStoreAndTheNextRunFinishesTheWork() throws {
        let folder = try TemporaryFolder()
        let night = folder.file("night")
        try FileManager.default.createDirectory(atPath: night, withIntermediateDirectories: true)
        try SyntheticNight(people: 3_000, applicationEvery: 3).write(to: night)

        let started = Date()
        let baseline = try Self.startSync(
            night: night,
            store: folder.file("baseline.sqlite"),
            results: folder.file("baseline.jsonl")
        )
        baseline.waitUntilExit()
        let duration = Date().timeIntervalSince(started)
        #expect(baseline.terminationStatus == 0)
        let expected = try Self.comparableExport(folder.file("baseline.jsonl"))
        #expect(expected.count == 1_000)

        for (attempt, fraction) in [0.05, 0.25, 0.5, 0.75, 0.9, 0.98].enumerated() {
            let store = folder.file("killed-\(attempt).sqlite")
            let results = folder.file("killed-\(attempt).jsonl")
            let process = try Self.startSync(night: night, store: store, results: results)
            Thread.sleep(forTimeInterval: duration * fraction)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if FileManager.default.fileExists(atPath: store) {
                try Self.checkConsistent(store)
            }
            let rerun = try Self.startSync(night: night, store: store, results: results)
            rerun.waitUntilExit()
            // 2 when the killed run had begun: the rerun reports that it died.
            #expect([0, 2].contains(rerun.terminationStatus), "attempt \(attempt)")
            try Self.checkConsistent(store)
            #expect(try Self.comparableExport(results) == expected, "attempt \(attempt)")
        }
    }

    @Test func runKilledAgainAndAgainOnOneStoreStillEndsComplete() throws {
        let folder = try TemporaryFolder()
        let night = folder.file("night")
        try FileManager.default.createDirectory(atPath: night, withIntermediateDirectories: true)
        try SyntheticNight(people: 4_000, applicationEvery: 4).write(to: night)
        let store = folder.file("matcher.sqlite")
        let results = folder.file("results.jsonl")
        for delay in [0.02, 0.1, 0.2, 0.4] {
            let process = try Self.startSync(night: night, store: store, results: results)
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if FileManager.default.fileExists(atPath: store) {
                try Self.checkConsistent(store)
            }
        }
        let last = try Self.startSync(night: night, store: store, results: results)
        last.waitUntilExit()
        #expect([0, 2].contains(last.terminationStatus), "2 when it reports runs that died")
        try Self.checkConsistent(store)
        #expect(try jsonLines(results).count == 1_000)
        let database = try SQLiteConnection(path: store, readOnly: true)
        let current = try database.prepare("SELECT count(*) FROM current_results").rows {
            try $0.int(0)
        }
        #expect(current == [1_000])
        let running = try database.prepare("SELECT count(*) FROM runs WHERE status = 'running'")
            .rows { try $0.int(0) }
        #expect(running == [0], "every killed run is recorded as failed")
    }
}

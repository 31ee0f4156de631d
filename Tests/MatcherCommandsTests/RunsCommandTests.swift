import Foundation
import MatcherCore
import MatcherStore
import MatcherSync
import Testing

@testable import MatcherCommands

/// A store in a fresh folder, filled by real syncs over the sample night.
final class RunsFixture {
    let folder: String
    let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    var store: String { folder + "/matcher.sqlite" }

    init() throws {
        folder = NSTemporaryDirectory() + "matcher-runs-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: folder)
    }

    func path(_ relative: String) -> String {
        repositoryRoot.appendingPathComponent(relative).path
    }

    /// The arguments of `matcher sync` over the sample night, for `day`.
    func syncArguments(day: String, extra: [String] = []) -> [String] {
        [
            "--applications", path("fixtures/basic/applications.jsonl"),
            "--deliveries", path("fixtures/basic/deliveries"),
            "--store", store,
            "--mappings", path("mappings"),
            "--as-of", day,
        ] + extra
    }

    /// A sync as the command runs it, its log lines kept instead of written.
    func sync(day: String, extra: [String] = []) throws -> (code: Int32, log: CapturedLog) {
        var command = try SyncCommand(
            options: try MatcherCommands.sync.parse(syncArguments(day: day, extra: extra))
        )
        let log = CapturedLog()
        command.logOutput = log.output
        command.showsProgress = false
        return (try command.run(), log)
    }

    func runs(_ arguments: [String] = []) throws -> String {
        try RunsCommand(options: try MatcherCommands.runs.parse(["--store", store] + arguments))
            .text()
    }

    func show(_ id: Int64, json: Bool = false) throws -> String {
        let arguments = [String(id), "--store", store] + (json ? ["--json"] : [])
        return try RunsShowCommand(options: try MatcherCommands.runsShow.parse(arguments))
            .output()
    }
}

/// Log lines a command wrote, collected for a test.
final class CapturedLog: @unchecked Sendable {
    // `@unchecked` because `stored` is guarded by `lock`.
    private let lock = NSLock()
    private var stored: [String] = []

    var lines: [String] { lock.withLock { stored } }

    var output: LogOutput {
        { line in self.lock.withLock { self.stored.append(line) } }
    }
}

@Suite struct RunsCommandTests {
    @Test func runsAreListedNewestFirstWithTheirCounts() throws {
        let fixture = try RunsFixture()
        _ = try fixture.sync(day: "2023-05-10")
        _ = try fixture.sync(day: "2023-05-11", extra: ["--max-delivery-age", "0"])
        let lines = try fixture.runs().split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("ID  DAY         STATUS   STARTED"))
        #expect(lines[0].hasSuffix("MATCHED  CHANGED  REFUSED  PENDING"))
        let newest = lines[1].split(separator: " ", omittingEmptySubsequences: true)
        #expect(newest.prefix(3) == ["2", "2023-05-11", "partial"])
        #expect(lines[1].hasSuffix("1 line   hrss (stale), medical (stale), registry (stale)"))
        let oldest = lines[2].split(separator: " ", omittingEmptySubsequences: true)
        #expect(oldest.prefix(3) == ["1", "2023-05-10", "partial"])
        // Matched 20, changed 20, one refused line, nothing pending.
        #expect(oldest.suffix(5) == ["20", "20", "1", "line", "none"])
    }

    @Test func theLimitKeepsTheNewestRuns() throws {
        let fixture = try RunsFixture()
        for day in ["2023-05-10", "2023-05-11", "2023-05-12"] {
            _ = try fixture.sync(day: day, extra: ["--allow-stale"])
        }
        let lines = try fixture.runs(["--limit", "2"]).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix(" 3  2023-05-12"))
        #expect(lines[2].hasPrefix(" 2  2023-05-11"))
    }

    @Test func aRunThatDiedIsListedWithWhatIsKnown() throws {
        let fixture = try RunsFixture()
        let store = try MatcherStore(path: fixture.store)
        _ = try store.beginRun(startedAt: "2023-05-10T01:30:00+08:00", asOf: "2023-05-10")
        let lines = try fixture.runs().split(separator: "\n").map(String.init)
        let expected =
            " 1  2023-05-10  running  2023-05-10T01:30:00+08:00"
            + "     -        -        -  -        -"
        #expect(lines.last == expected)
    }

    @Test func anEmptyStoreSaysSo() throws {
        let fixture = try RunsFixture()
        _ = try MatcherStore(path: fixture.store)
        #expect(try fixture.runs() == "No runs yet in \(fixture.store).\n")
    }

    @Test func aMissingStoreFailsAndIsNotCreated() throws {
        let fixture = try RunsFixture()
        #expect(MatcherCommandLine.run(["runs", "--store", fixture.store]) == ExitCode.failure)
        #expect(
            MatcherCommandLine.run(["runs", "show", "1", "--store", fixture.store])
                == ExitCode.failure
        )
        #expect(!FileManager.default.fileExists(atPath: fixture.store))
    }

    @Test func runsHelpListsShowAndBothTakeTheStoreDefault() {
        #expect(MatcherCommands.root.helpText().contains("runs"))
        #expect(MatcherCommands.runs.helpText().contains("show"))
        #expect(MatcherCommands.runs.helpText().contains("matcher.sqlite"))
        #expect(MatcherCommands.runsShow.helpText().contains("matcher.sqlite"))
        #expect(MatcherCommandLine.run(["runs", "--help"]) == ExitCode.success)
        #expect(MatcherCommandLine.run(["runs", "show", "--help"]) == ExitCode.success)
    }

    @Test(arguments: [
        ["runs", "--limit", "0"], ["runs", "--limit", "x"], ["runs", "show"],
        ["runs", "show", "x"], ["runs", "show", "0"], ["runs", "show", "1", "2"],
        ["runs", "show", "1", "--limit", "3"],
    ])
    func badRunsUsageExitsWithTheUsageCode(arguments: [String]) {
        #expect(MatcherCommandLine.run(arguments) == ExitCode.usage)
    }

    // MARK: runs show

    @Test func showPrintsTheReportTheDeliveriesAndTheRefusedInputsButNoRawBytes() throws {
        let fixture = try RunsFixture()
        _ = try fixture.sync(day: "2023-05-10")
        let text = try fixture.show(1)
        let stored = try #require(try MatcherStore(path: fixture.store).run(id: 1)?.report)
        let report = try JSONDecoder().decode(RunReport.self, from: stored)
        #expect(text.hasPrefix(report.text + "\nDeliveries used, as stored\n"))
        #expect(
            text.contains("  hrss     2023-05-10  " + fixture.path("fixtures/basic/deliveries"))
        )
        #expect(text.contains("manifest sha256 "))
        #expect(text.contains("Inputs refused, as stored (1)"))
        #expect(text.contains("applications.jsonl line 6: not valid JSON"))
        // The refused line's bytes are in the store, and never printed.
        let raw = try #require(
            try MatcherStore(path: fixture.store).refusedInputs(ofRun: 1).first?.raw
        )
        #expect(String(decoding: raw, as: UTF8.self).contains("ES2023041299999"))
        #expect(!text.contains("ES2023041299999"))
    }

    @Test func showWithJSONHoldsTheReportExactlyAsStored() throws {
        let fixture = try RunsFixture()
        _ = try fixture.sync(day: "2023-05-10")
        let output = try fixture.show(1, json: true)
        #expect(output.hasSuffix("}\n"))
        let stored = try #require(try MatcherStore(path: fixture.store).run(id: 1)?.report)
        #expect(output.contains("\"report\":" + String(decoding: stored, as: UTF8.self) + ","))
        let object = try JSONSerialization.jsonObject(with: Data(output.utf8))
        let fields = try #require(object as? [String: Any])
        let run = try #require(fields["run"] as? [String: Any])
        #expect(run["id"] as? Int == 1)
        #expect(run["status"] as? String == "partial")
        #expect(run["asOf"] as? String == "2023-05-10")
        let deliveries = try #require(fields["deliveries"] as? [[String: Any]])
        #expect(
            deliveries.compactMap { $0["source"] as? String } == ["hrss", "medical", "registry"]
        )
        let refused = try #require(fields["refusedInputs"] as? [[String: Any]])
        #expect(refused.count == 1)
        #expect(refused.first?["line"] as? Int == 6)
        #expect(refused.first?["raw"] == nil)
        #expect(!output.contains("ES2023041299999"))
    }

    @Test func showOfARunThatDiedSaysWhatIsKnown() throws {
        let fixture = try RunsFixture()
        let store = try MatcherStore(path: fixture.store)
        _ = try store.beginRun(startedAt: "2023-05-10T01:30:00+08:00", asOf: "2023-05-10")
        let text = try fixture.show(1)
        #expect(text.hasPrefix("Run 1: sync as of 2023-05-10\n"))
        #expect(text.contains("running, started 2023-05-10T01:30:00+08:00, no end recorded"))
        #expect(text.contains("still in progress, or it died before it finished"))
        #expect(text.contains("Deliveries used, as stored\n  none"))
        let json = try fixture.show(1, json: true)
        #expect(json.contains("\"report\":null"))
        #expect(json.contains("\"finishedAt\":null"))
    }

    @Test func showOfAFailedRunSaysItFailed() throws {
        let fixture = try RunsFixture()
        let store = try MatcherStore(path: fixture.store)
        let bare = try store.beginRun(startedAt: "2023-05-10T01:30:00+08:00", asOf: "2023-05-10")
        try store.failRun(bare, finishedAt: "2023-05-10T01:31:00+08:00", report: nil)
        var report = RunReport(
            runId: 2,
            asOf: "2023-05-11",
            policyYear: 2023,
            startedAt: "2023-05-11T01:30:00+08:00"
        )
        report.status = RunStatus.failed.rawValue
        let withReport = try store.beginRun(startedAt: report.startedAt, asOf: report.asOf)
        try store.failRun(
            withReport,
            finishedAt: "2023-05-11T01:31:00+08:00",
            report: try JSONEncoder().encode(report)
        )

        let bareText = try fixture.show(bare)
        #expect(
            bareText.contains(
                "failed, started 2023-05-10T01:30:00+08:00, ended 2023-05-10T01:31:00+08:00"
            )
        )
        #expect(bareText.contains("The run failed and stored nothing; no report is stored."))
        let reportText = try fixture.show(withReport)
        #expect(reportText.hasPrefix(report.text))
        #expect(reportText.contains("The run failed: it stored nothing but this report."))
        let listing = try fixture.runs()
        #expect(listing.contains(" 1  2023-05-10  failed  2023-05-10T01:30:00+08:00  60.0 s"))
    }

    @Test func anUnknownRunIdFailsWithAClearMessage() throws {
        let fixture = try RunsFixture()
        _ = try MatcherStore(path: fixture.store)
        let error = #expect(throws: SyncError.self) { try fixture.show(42) }
        #expect(
            error?.message
                == "there is no run 42 in \(fixture.store); 'matcher runs' lists the runs"
        )
        #expect(
            MatcherCommandLine.run(["runs", "show", "42", "--store", fixture.store])
                == ExitCode.failure
        )
    }
}

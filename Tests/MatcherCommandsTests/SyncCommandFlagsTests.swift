import Foundation
import MatcherCore
import MatcherStore
import MatcherSync
import Testing

@testable import MatcherCommands

/// The operator flags of `matcher sync` and `matcher schedule`: delivery freshness, the JSON
/// report and the log format.
@Suite struct SyncCommandFlagsTests {
    @Test func freshnessFlagsReachTheConfigurationAndDefaultToOneDayNotStale() throws {
        let fixture = try RunsFixture()
        let plain = try SyncCommand(
            options: try MatcherCommands.sync.parse(fixture.syncArguments(day: "2023-05-10"))
        )
        #expect(plain.configuration.maximumDeliveryAgeDays == 1)
        #expect(!plain.configuration.allowStale)
        #expect(plain.logFormat == .text)
        #expect(plain.reportFile == nil)

        let arguments = fixture.syncArguments(
            day: "2023-05-10",
            extra: ["--max-delivery-age", "7", "--allow-stale", "--log-format", "json"]
        )
        let flagged = try SyncCommand(options: try MatcherCommands.sync.parse(arguments))
        #expect(flagged.configuration.maximumDeliveryAgeDays == 7)
        #expect(flagged.configuration.allowStale)
        #expect(flagged.logFormat == .json)
    }

    @Test func scheduleTakesTheSameFlagsForEachRun() throws {
        let fixture = try RunsFixture()
        let arguments =
            Array(fixture.syncArguments(day: "x").dropLast(2)) + [
                "--max-delivery-age", "3", "--allow-stale", "--report-json", "r-{day}.json",
            ]
        let command = try ScheduleCommand(options: try MatcherCommands.schedule.parse(arguments))
        #expect(command.sync.configuration.maximumDeliveryAgeDays == 3)
        #expect(command.sync.configuration.allowStale)
        #expect(command.sync.reportFile == ReportFile(pattern: "r-{day}.json"))
        let names = MatcherCommands.schedule.options.map(\.name)
        for name in ["--max-delivery-age", "--allow-stale", "--report-json", "--log-format"] {
            #expect(names.contains(name))
        }
    }

    @Test(arguments: [
        ["--max-delivery-age", "366"], ["--max-delivery-age", "-1"],
        ["--max-delivery-age", "a week"], ["--allow-stale=yes"], ["--log-format", "xml"],
        ["--log-format", "JSON"], ["--report-json", " r.json"],
    ])
    func badOperatorFlagsExitWithTheUsageCode(extra: [String]) {
        let arguments = ["sync", "--applications", "a.jsonl", "--deliveries", "d"] + extra
        #expect(MatcherCommandLine.run(arguments) == ExitCode.usage)
        let schedule = ["schedule", "--applications", "a.jsonl", "--deliveries", "d"] + extra
        #expect(MatcherCommandLine.run(schedule) == ExitCode.usage)
    }

    @Test func aStaleDeliveryIsUsedOnlyWithAllowStale() throws {
        let fixture = try RunsFixture()
        let strict = try fixture.sync(day: "2023-05-13", extra: ["--max-delivery-age", "2"])
        #expect(strict.code == ExitCode.partialSuccess)
        let lenient = try fixture.sync(
            day: "2023-05-13",
            extra: ["--max-delivery-age", "2", "--allow-stale"]
        )
        #expect(lenient.code == ExitCode.partialSuccess)
        let store = try MatcherStore(path: fixture.store)
        #expect(try store.deliveries(usedBy: 1).isEmpty)
        #expect(try store.deliveries(usedBy: 2).map(\.source) == ["hrss", "medical", "registry"])
    }

    // MARK: --report-json

    @Test func theJSONReportOfAPartialRunIsWrittenOncePerDay() throws {
        let fixture = try RunsFixture()
        let pattern = fixture.folder + "/report-{day}.json"
        for day in ["2023-05-10", "2023-05-11"] {
            let run = try fixture.sync(day: day, extra: ["--report-json", pattern])
            #expect(run.code == ExitCode.partialSuccess)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: fixture.folder)
            .filter { $0.hasPrefix("report") }.sorted()
        #expect(files == ["report-2023-05-10.json", "report-2023-05-11.json"])
        let data = try Data(
            contentsOf: URL(fileURLWithPath: fixture.folder + "/report-2023-05-11.json")
        )
        let report = try JSONDecoder().decode(RunReport.self, from: data)
        #expect(report.runId == 2)
        #expect(report.status == RunStatus.partial.rawValue)
        #expect(report.asOf == "2023-05-11")
    }

    @Test func withoutTheDayEachRunReplacesTheJSONReport() throws {
        let fixture = try RunsFixture()
        let path = fixture.folder + "/report.json"
        _ = try fixture.sync(day: "2023-05-10", extra: ["--report-json", path])
        _ = try fixture.sync(day: "2023-05-11", extra: ["--report-json", path])
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(try JSONDecoder().decode(RunReport.self, from: data).runId == 2)
    }

    @Test func aFailedRunWritesNoJSONReport() throws {
        let fixture = try RunsFixture()
        let path = fixture.folder + "/report.json"
        var arguments = fixture.syncArguments(day: "2023-05-10", extra: ["--report-json", path])
        let mappings = try #require(arguments.firstIndex(of: "--mappings"))
        arguments[mappings + 1] = fixture.folder + "/no-mappings"
        var command = try SyncCommand(options: try MatcherCommands.sync.parse(arguments))
        command.showsProgress = false
        #expect(throws: SyncError.self) { try command.run() }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aJSONReportThatWouldReplaceTheStoreIsRefusedBeforeTheRun() throws {
        let fixture = try RunsFixture()
        let arguments = fixture.syncArguments(
            day: "2023-05-10",
            extra: ["--report-json", fixture.store]
        )
        var command = try SyncCommand(options: try MatcherCommands.sync.parse(arguments))
        command.showsProgress = false
        let error = #expect(throws: SyncError.self) { try command.run() }
        #expect(error?.message.hasPrefix("--report-json") == true)
        #expect(try MatcherStore(path: fixture.store).runs().isEmpty)
    }

    // MARK: --log-format

    @Test func theJSONLogFormatWritesOneObjectPerLineWithTheRunId() throws {
        let fixture = try RunsFixture()
        let run = try fixture.sync(day: "2023-05-10", extra: ["--log-format", "json"])
        #expect(!run.log.lines.isEmpty)
        for line in run.log.lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            let fields = try #require(object as? [String: Any])
            #expect(fields["run.id"] as? Int == 1)
            #expect(fields["ts"] is String && fields["level"] is String)
        }
    }

    @Test func theTextLogFormatNamesTheRunOnEveryLine() throws {
        let fixture = try RunsFixture()
        let run = try fixture.sync(day: "2023-05-10")
        #expect(!run.log.lines.isEmpty)
        #expect(run.log.lines.allSatisfy { $0.contains(" [run 1] ") })
        #expect(run.log.lines.last?.contains("notice [run 1] run finished") == true)
    }
}

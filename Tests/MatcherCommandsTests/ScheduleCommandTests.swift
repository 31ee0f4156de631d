import Foundation
import MatcherCore
import MatcherStore
import MatcherSync
import Testing

@testable import MatcherCommands

#if canImport(Glibc)
    import Glibc
#endif

/// A clock whose time moves only when the schedule sleeps or a fake run takes time.
final class FakeClock: ScheduleClock {
    var current: Date
    var sleeps: [Date] = []
    /// How far past its deadline each next sleep ends, as after a suspend; negative wakes
    /// early. Sleeps beyond the list end on time.
    var drifts: [TimeInterval] = []

    init(_ start: Date) {
        current = start
    }

    func now() -> Date {
        current
    }

    func sleep(until deadline: Date) {
        sleeps.append(deadline)
        let drift = drifts.isEmpty ? 0 : drifts.removeFirst()
        current = max(current, deadline.addingTimeInterval(drift))
    }
}

/// The loop with a fake clock and a fake sync, and what they saw.
final class ScheduleHarness {
    let clock: FakeClock
    let end: Date
    var latestRunDay: CalendarDate?
    /// The exit code of each next run; runs beyond the list succeed.
    var exitCodes: [Int32] = []
    /// What the fake sync does besides returning its code.
    var duringRun: (ScheduleHarness) -> Void = { _ in }
    var stopRequested = false
    var runs: [(day: String, at: Date)] = []
    var lines: [String] = []

    init(start: String, latestRunDay: String?, end: String) throws {
        clock = FakeClock(try instant(start))
        self.end = try instant(end)
        self.latestRunDay = try latestRunDay.map { try #require(CalendarDate($0)) }
    }

    func loop(at time: String = "01:30") throws -> ScheduleLoop {
        ScheduleLoop(
            schedule: try DailySchedule.parse(time: time),
            clock: clock,
            shouldStop: { [unowned self] in stopRequested || clock.current >= end },
            latestRunDay: { [unowned self] in latestRunDay },
            runSync: { [unowned self] day in
                runs.append((day.description, clock.current))
                // A run takes twenty minutes of the fake clock.
                clock.current.addTimeInterval(20 * 60)
                duringRun(self)
                return exitCodes.isEmpty ? ExitCode.success : exitCodes.removeFirst()
            },
            log: { [unowned self] line in lines.append(line) }
        )
    }

    func run(at time: String = "01:30") throws {
        try loop(at: time).run()
    }

    func lines(containing text: String) -> [String] {
        lines.filter { $0.contains(text) }
    }
}

/// An instant written in ISO 8601 with its offset, such as `2023-05-10T01:30:00+08:00`.
func instant(_ text: String) throws -> Date {
    try #require(ISO8601DateFormatter().date(from: text))
}

@Suite struct ScheduleCommandTests {
    let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    // MARK: The loop

    @Test func eachStartRunsTheSyncForItsDayOverThreeDays() throws {
        let harness = try ScheduleHarness(
            start: "2023-05-10T12:00:00+08:00",
            latestRunDay: "2023-05-10",
            end: "2023-05-13T12:00:00+08:00"
        )
        try harness.run()
        #expect(harness.runs.map(\.day) == ["2023-05-11", "2023-05-12", "2023-05-13"])
        #expect(
            harness.runs.map(\.at) == [
                try instant("2023-05-11T01:30:00+08:00"),
                try instant("2023-05-12T01:30:00+08:00"),
                try instant("2023-05-13T01:30:00+08:00"),
            ]
        )
        #expect(harness.lines(containing: "catching up").isEmpty)
        #expect(harness.lines.last == "stopped")
    }

    @Test func aMissedRunIsCaughtUpOnceAtStartThenTheScheduleIsFollowed() throws {
        let harness = try ScheduleHarness(
            start: "2023-05-13T09:00:00+08:00",
            latestRunDay: "2023-05-10",
            end: "2023-05-15T12:00:00+08:00"
        )
        try harness.run()
        #expect(harness.runs.map(\.day) == ["2023-05-13", "2023-05-14", "2023-05-15"])
        #expect(harness.runs.first?.at == (try instant("2023-05-13T09:00:00+08:00")))
        #expect(harness.runs.last?.at == (try instant("2023-05-15T01:30:00+08:00")))
        #expect(
            harness.lines(containing: "catching up") == [
                "catching up: the run for 2023-05-13 was missed"
            ]
        )
        #expect(
            harness.lines(containing: "missed and not run") == [
                "missed and not run: 2023-05-11 to 2023-05-12 (2 days); "
                    + "only the latest missed day is run"
            ]
        )
    }

    @Test func aStartBeforeTodaysRunTimeWaitsForIt() throws {
        let harness = try ScheduleHarness(
            start: "2023-05-11T00:45:00+08:00",
            latestRunDay: "2023-05-10",
            end: "2023-05-11T12:00:00+08:00"
        )
        try harness.run()
        #expect(harness.runs.map(\.day) == ["2023-05-11"])
        #expect(harness.runs.first?.at == (try instant("2023-05-11T01:30:00+08:00")))
    }

    @Test func aManualRunBeforeTheStartDoesNotCancelTheNightsRun() throws {
        // An operator ran `matcher sync` for the 11th at 00:40, before the schedule started.
        let harness = try ScheduleHarness(
            start: "2023-05-11T00:45:00+08:00",
            latestRunDay: "2023-05-11",
            end: "2023-05-11T12:00:00+08:00"
        )
        try harness.run()
        #expect(harness.runs.map(\.day) == ["2023-05-11"])
    }

    @Test func aStoreThatNeverRanIsCaughtUpAtOnce() throws {
        let harness = try ScheduleHarness(
            start: "2023-05-10T00:10:00+08:00",
            latestRunDay: nil,
            end: "2023-05-10T12:00:00+08:00"
        )
        try harness.run()
        #expect(harness.runs.map(\.day) == ["2023-05-09", "2023-05-10"])
        #expect(harness.lines(containing: "missed and not run").isEmpty)
    }

    @Test func failedAndLockedRunsAreLoggedAndTheScheduleGoesOn() throws {
        let harness = try ScheduleHarness(
            start: "2023-05-10T12:00:00+08:00",
            latestRunDay: "2023-05-10",
            end: "2023-05-14T12:00:00+08:00"
        )
        harness.exitCodes = [ExitCode.failure, ExitCode.locked, ExitCode.partialSuccess]
        try harness.run()
        #expect(
            harness.runs.map(\.day) == ["2023-05-11", "2023-05-12", "2023-05-13", "2023-05-14"]
        )
        #expect(
            harness.lines(containing: "ended with exit code") == [
                "run for 2023-05-11 ended with exit code 1: "
                    + "failure, as logged above; the schedule goes on",
                "run for 2023-05-12 ended with exit code 3: "
                    + "skipped, another sync is running on the store",
                "run for 2023-05-13 ended with exit code 2: "
                    + "partial success; see the report",
                "run for 2023-05-14 ended with exit code 0: success",
            ]
        )
    }

    @Test func aLongSuspendRunsOnlyTheLatestMissedStart() throws {
        let harness = try ScheduleHarness(
            start: "2023-05-10T12:00:00+08:00",
            latestRunDay: "2023-05-10",
            end: "2023-05-14T12:00:00+08:00"
        )
        // The first sleep, meant to end at 01:30 on the 11th, ends at 02:30 on the 13th.
        harness.clock.drifts = [2 * 86_400 + 3_600]
        try harness.run()
        #expect(harness.runs.map(\.day) == ["2023-05-13", "2023-05-14"])
        #expect(harness.runs.first?.at == (try instant("2023-05-13T02:30:00+08:00")))
        #expect(
            harness.lines(containing: "missed and not run") == [
                "missed and not run: 2023-05-11 to 2023-05-12 (2 days); "
                    + "only the latest missed day is run"
            ]
        )
    }

    @Test func anEarlyWakeRunsNothingBeforeTheStart() throws {
        let harness = try ScheduleHarness(
            start: "2023-05-10T12:00:00+08:00",
            latestRunDay: "2023-05-10",
            end: "2023-05-11T12:00:00+08:00"
        )
        harness.clock.drifts = [-3_600]
        try harness.run()
        #expect(harness.runs.map(\.day) == ["2023-05-11"])
        #expect(harness.runs.first?.at == (try instant("2023-05-11T01:30:00+08:00")))
        #expect(harness.clock.sleeps.count == 3)
    }

    @Test func aStopDuringARunEndsTheScheduleAfterIt() throws {
        let harness = try ScheduleHarness(
            start: "2023-05-10T12:00:00+08:00",
            latestRunDay: "2023-05-09",
            end: "2023-05-20T12:00:00+08:00"
        )
        harness.duringRun = { $0.stopRequested = true }
        try harness.run()
        #expect(harness.runs.map(\.day) == ["2023-05-10"])
        #expect(harness.clock.sleeps.isEmpty)
        #expect(harness.lines.last == "stopped")
    }

    @Test func aStopDuringTheSleepRunsNothingMore() throws {
        let harness = try ScheduleHarness(
            start: "2023-05-10T12:00:00+08:00",
            latestRunDay: "2023-05-10",
            end: "2023-05-20T12:00:00+08:00"
        )
        var loop = try harness.loop()
        let clock = harness.clock
        loop.shouldStop = { !clock.sleeps.isEmpty }
        try loop.run()
        #expect(harness.runs.isEmpty)
        #expect(harness.lines.last == "stopped")
    }

    @Test func aStoreThatCannotBeReadStopsTheScheduleAtStart() throws {
        let harness = try ScheduleHarness(
            start: "2023-05-10T12:00:00+08:00",
            latestRunDay: nil,
            end: "2023-05-20T12:00:00+08:00"
        )
        var loop = try harness.loop()
        loop.latestRunDay = { () throws(SyncError) in throw SyncError(.store, "unreadable") }
        #expect(throws: SyncError.self) { try loop.run() }
        #expect(harness.runs.isEmpty)
    }

    @Test func aScheduleInAnotherZoneRunsForThatZonesDays() throws {
        let harness = try ScheduleHarness(
            start: "2023-05-10T12:00:00Z",
            latestRunDay: "2023-05-09",
            end: "2023-05-12T12:00:00Z"
        )
        var loop = try harness.loop()
        loop.schedule = try DailySchedule.parse(
            time: "23:00",
            timeZone: try #require(TimeZone(identifier: "UTC"))
        )
        try loop.run()
        // 23:00 in UTC is already the next morning in Shanghai; the day is UTC's.
        #expect(harness.runs.map(\.day) == ["2023-05-10", "2023-05-11"])
        #expect(harness.runs.first?.at == (try instant("2023-05-10T23:00:00Z")))
    }

    // MARK: The command over a real store

    func fixtureArguments(store: String, extra: [String] = []) -> [String] {
        [
            "--applications",
            repositoryRoot.appendingPathComponent("fixtures/basic/applications.jsonl").path,
            "--deliveries", repositoryRoot.appendingPathComponent("fixtures/basic/deliveries").path,
            "--store", store,
            "--mappings", repositoryRoot.appendingPathComponent("mappings").path,
        ] + extra
    }

    func temporaryFolder() throws -> String {
        let folder = NSTemporaryDirectory() + "matcher-schedule-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func theCommandRunsRealSyncsForEachDayAndRecordsThem() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = folder + "/matcher.sqlite"
        let options = try MatcherCommands.schedule.parse(
            fixtureArguments(store: store, extra: ["--results", folder + "/results.jsonl"])
        )
        let command = try ScheduleCommand(options: options)
        let clock = FakeClock(try instant("2023-05-10T12:00:00+08:00"))
        let end = try instant("2023-05-12T12:00:00+08:00")
        var lines: [String] = []
        try command.loop(
            clock: clock,
            shouldStop: { clock.current >= end },
            log: { lines.append($0) }
        ).run()

        let runs = try MatcherStore(path: store).runs()
        #expect(runs.map(\.asOf) == ["2023-05-12", "2023-05-11", "2023-05-10"])
        #expect(try MatcherStore(path: store).latestRunDay() == "2023-05-12")
        // The sample export holds one broken line on purpose: every run is partial.
        #expect(lines.filter { $0.contains("ended with exit code 2") }.count == 3)
        #expect(FileManager.default.fileExists(atPath: folder + "/results.jsonl"))
    }

    @Test func aSyncThatHoldsTheLockMakesTheNightBeSkippedNotTheScheduleStopped() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = folder + "/matcher.sqlite"
        let command = try ScheduleCommand(
            options: try MatcherCommands.schedule.parse(fixtureArguments(store: store))
        )
        let clock = FakeClock(try instant("2023-05-10T12:00:00+08:00"))
        let end = try instant("2023-05-11T12:00:00+08:00")
        var lines: [String] = []
        var lock: RunLock? = try RunLock(storePath: store)
        try command.loop(
            clock: clock,
            shouldStop: { clock.current >= end },
            log: { line in
                lines.append(line)
                // The other sync ends after the catch-up was refused.
                if line.contains("exit code 3") { lock = nil }
            }
        ).run()
        #expect(lock == nil)
        #expect(
            lines.filter { $0.contains("ended with exit code") } == [
                "run for 2023-05-10 ended with exit code 3: "
                    + "skipped, another sync is running on the store",
                "run for 2023-05-11 ended with exit code 2: "
                    + "partial success; see the report",
            ]
        )
        #expect(try MatcherStore(path: store).runs().map(\.asOf) == ["2023-05-11"])
    }

    // MARK: Options

    @Test func scheduleTakesSyncsOptionsButAsOfAndAddsItsTime() {
        let names = MatcherCommands.schedule.options.map(\.name)
        let syncNames = MatcherCommands.sync.options.map(\.name).filter { $0 != "--as-of" }
        #expect(names == syncNames + ["--at", "--time-zone"])
        #expect(MatcherCommands.root.helpText().contains("schedule"))
        #expect(MatcherCommandLine.run(["schedule", "--help"]) == ExitCode.success)
    }

    @Test func defaultsAreHalfPastOneInShanghai() throws {
        let command = try ScheduleCommand(
            options: try MatcherCommands.schedule.parse(fixtureArguments(store: "m.sqlite"))
        )
        #expect(command.schedule.description == "01:30 Asia/Shanghai")
        #expect(command.sync.storePath == "m.sqlite")
        #expect(command.sync.configuration.protectedPaths == ["m.sqlite"])
    }

    @Test func atAndTimeZoneAreRead() throws {
        let options = try MatcherCommands.schedule.parse(
            fixtureArguments(
                store: "m.sqlite",
                extra: ["--at", "22:15", "--time-zone", "Europe/Berlin"]
            )
        )
        let schedule = try ScheduleCommand(options: options).schedule
        #expect(schedule.description == "22:15 Europe/Berlin")
    }

    @Test(arguments: [
        ["--at", "24:00"], ["--at", "1:3"], ["--at", "01:60"], ["--at", ""],
        ["--time-zone", "Mars/Olympus"], ["--time-zone", "asia/shanghai"],
        ["--as-of", "2023-05-10"],
    ])
    func badScheduleOptionsExitWithTheUsageCode(extra: [String]) {
        let arguments = ["schedule", "--applications", "a.jsonl", "--deliveries", "d"] + extra
        #expect(MatcherCommandLine.run(arguments) == ExitCode.usage)
    }

    @Test func aBadTimeSaysWhatIsWrong() throws {
        let options = try MatcherCommands.schedule.parse(
            fixtureArguments(store: "m.sqlite", extra: ["--at", "24:00"])
        )
        let error = #expect(throws: UsageError.self) { try ScheduleCommand(options: options) }
        #expect(error?.code == .invalidValue)
        #expect(error?.message == "--at must have an hour from 00 to 23; midnight is 00:00")
        #expect(error?.command == "matcher schedule")
    }

    @Test func syncStillReadsItsAsOf() throws {
        let options = try MatcherCommands.sync.parse(
            fixtureArguments(store: "m.sqlite", extra: ["--as-of", "2023-05-10"])
        )
        let command = try SyncCommand(options: options)
        #expect(command.configuration.asOf.description == "2023-05-10")
        #expect(command.storePath == "m.sqlite")
    }

    // MARK: The store's latest run day

    @Test func latestRunDayCountsRunsThatStoredTheirWorkAndTakesTheLatestDay() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try MatcherStore(path: folder + "/matcher.sqlite")
        #expect(try store.latestRunDay() == nil)

        let first = try store.beginRun(startedAt: "2023-05-10T01:30:00+08:00", asOf: "2023-05-10")
        #expect(try store.latestRunDay() == nil)
        try store.commit(
            RunCommit(
                runId: first,
                finishedAt: "2023-05-10T01:31:00+08:00",
                status: .partial,
                report: Data("{}".utf8)
            )
        )
        #expect(try store.latestRunDay() == "2023-05-10")

        // A run still in progress, one that died, or one that failed is not a run for its
        // day: the schedule catches that day up at its next start.
        _ = try store.beginRun(startedAt: "2023-05-11T01:30:00+08:00", asOf: "2023-05-11")
        #expect(try store.latestRunDay() == "2023-05-10")
        let failed = try store.beginRun(startedAt: "2023-05-12T01:30:00+08:00", asOf: "2023-05-12")
        try store.failRun(failed, finishedAt: "2023-05-12T01:31:00+08:00", report: nil)
        #expect(try store.latestRunDay() == "2023-05-10")

        // A later re-run of an old day leaves the latest day as it was.
        let rerun = try store.beginRun(startedAt: "2023-05-11T10:00:00+08:00", asOf: "2023-05-01")
        try store.commit(
            RunCommit(
                runId: rerun,
                finishedAt: "2023-05-11T10:01:00+08:00",
                status: .succeeded,
                report: Data("{}".utf8)
            )
        )
        #expect(try store.latestRunDay() == "2023-05-10")
    }

    // MARK: Stopping

    @Test func aSignalRequestsTheStop() throws {
        let stop = StopRequest()
        // SIGUSR1 stands in for SIGTERM, which would also reach the test runner's own handling.
        stop.install(signals: [SIGUSR1], log: { _ in })
        #expect(!stop.isRequested)
        // The source is registered asynchronously, and until it is the signal is ignored,
        // so the signal is sent until it arrives.
        let deadline = Date().addingTimeInterval(5)
        while !stop.isRequested && Date() < deadline {
            kill(getpid(), SIGUSR1)
            usleep(50_000)
        }
        #expect(stop.isRequested)
    }

    @Test func aStopRequestWakesTheSystemClocksSleep() {
        let stop = StopRequest()
        let clock = SystemClock(stop: stop)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.1) { stop.request() }
        let started = Date()
        clock.sleep(until: started.addingTimeInterval(3_600))
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(stop.isRequested)
    }

    @Test func theSystemClockSleepsUntilTheDeadline() {
        let clock = SystemClock(stop: StopRequest(), longestNap: 0.05)
        let deadline = Date().addingTimeInterval(0.2)
        clock.sleep(until: deadline)
        #expect(Date() >= deadline)
    }
}

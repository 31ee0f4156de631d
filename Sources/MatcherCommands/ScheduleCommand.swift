import Dispatch
import Foundation
import MatcherCore
import MatcherStore
import MatcherSync

#if canImport(Glibc)
    import Glibc
#endif

/// `matcher schedule`: stays running and starts the sync every day at a set time.
///
/// Each run is `matcher sync` with the schedule's options, for the day its start belongs to.
/// A run missed while the schedule was not running is made once at start (see
/// ``DailySchedule/catchUp(now:latestRunDay:)``). SIGTERM and SIGINT stop the schedule once
/// the run in progress, if any, has finished.
struct ScheduleCommand {
    var schedule: DailySchedule

    /// The sync each start runs; its `asOf` is replaced by the day of the start.
    var sync: SyncCommand

    init(options: ParsedOptions) throws {
        // The zone's name is not repeated back: usage errors never echo what was typed.
        let zoneName = options.string("--time-zone") ?? "Asia/Shanghai"
        guard let timeZone = TimeZone(identifier: zoneName) else {
            throw UsageError(
                code: .invalidValue,
                message: "--time-zone must be a time zone name, such as Asia/Shanghai",
                command: options.command
            )
        }
        do {
            schedule = try DailySchedule.parse(
                time: options.string("--at") ?? "01:30",
                timeZone: timeZone
            )
        } catch {
            throw UsageError(
                code: .invalidValue,
                message: "--at \(error.message)",
                command: options.command
            )
        }
        // The day given here is a placeholder: every run sets its own.
        sync = try SyncCommand(options: options, asOf: schedule.runDay(of: Date()))
    }

    /// The options of `matcher schedule`: those of `sync` but `--as-of`, since each run is
    /// for its own day, and the time of the runs.
    static func options(sharedWith sync: CommandSpec) -> [OptionSpec] {
        let shared = sync.options.compactMap { option -> OptionSpec? in
            guard option.name != "--as-of" else { return nil }
            guard option.name == "--policy-year" else { return option }
            var adjusted = option
            adjusted.defaultDescription = "the newest not later than the year of each run's day"
            return adjusted
        }
        return shared + [
            .option(
                "--at",
                placeholder: "HH:MM",
                help: "The time each run starts, on the 24-hour clock; the run is for the day "
                    + "it starts on.",
                default: "01:30"
            ),
            .option(
                "--time-zone",
                placeholder: "NAME",
                help: "The time zone of --at and of each run's day, as an IANA name.",
                default: "Asia/Shanghai"
            ),
        ]
    }

    /// Runs the schedule until SIGTERM or SIGINT; returns 0 then.
    ///
    /// - Throws: `SyncError` when the store cannot be read at start, so a wrong `--store`
    ///   shows at once rather than at the first night.
    func run() throws -> Int32 {
        // The schedule's own lines go through the same handler as its runs' lines, so one
        // --log-format covers the whole log; they are events an operator looks for.
        let logger = Logger(
            handler: sync.logFormat.handler(output: sync.logOutput),
            metadata: ["component": "schedule"]
        )
        let log: @Sendable (String) -> Void = { line in logger.notice(line) }
        // Checked for today's run as well as before each run, so a wrong folder shows at
        // once rather than at the first night.
        try sync.checkReportTarget(for: schedule.runDay(of: Date()))
        var today = sync.configuration
        today.asOf = schedule.runDay(of: Date())
        _ = try SyncJob.prepare(today)
        let stop = StopRequest()
        stop.install(signals: [SIGTERM, SIGINT], log: log)
        try loop(clock: SystemClock(stop: stop), shouldStop: { stop.isRequested }, log: log).run()
        return ExitCode.success
    }

    /// The loop over this command's store and sync, with the time handed in.
    func loop(
        clock: any ScheduleClock,
        shouldStop: @escaping () -> Bool,
        log: @escaping (String) -> Void
    ) -> ScheduleLoop {
        ScheduleLoop(
            schedule: schedule,
            clock: clock,
            shouldStop: shouldStop,
            latestRunDay: { [storePath = sync.storePath] () throws(SyncError) in
                try Self.latestRunDay(storePath: storePath)
            },
            runSync: runSync(for:),
            log: log
        )
    }

    /// Runs one sync for `day` and returns its exit code; an error is reported as
    /// `matcher sync` reports it, and does not end the schedule.
    func runSync(for day: CalendarDate) -> Int32 {
        var night = sync
        night.configuration.asOf = day
        // The report goes to standard output, which is buffered when it is a pipe or a
        // file, as under systemd; flushed, it is logged next to its run, not at exit.
        defer { fflush(nil) }
        do {
            return try night.run()
        } catch {
            return MatcherCommandLine.report(error)
        }
    }

    static func latestRunDay(storePath: String) throws(SyncError) -> CalendarDate? {
        let text: String?
        do {
            text = try MatcherStore(path: storePath).latestRunDay()
        } catch {
            throw SyncError(.store, error.description)
        }
        guard let text else {
            return nil
        }
        guard let day = CalendarDate(text) else {
            throw SyncError(.store, "the store's latest run is for an unreadable day")
        }
        return day
    }
}

/// The time as the schedule sees it: the system clock, or a test's fake one.
protocol ScheduleClock {
    /// The current time.
    func now() -> Date

    /// Waits until `deadline`; may return earlier, when the schedule is asked to stop.
    func sleep(until deadline: Date)
}

/// The schedule's loop: catches up once at start, then runs the sync at every start.
///
/// The clock, the sync and the store's answer are handed in, so a test runs days of the
/// schedule in a moment.
struct ScheduleLoop {
    var schedule: DailySchedule
    var clock: any ScheduleClock
    /// Whether to stop; checked before each run and after each sleep.
    var shouldStop: () -> Bool
    /// The latest day the store holds a finished run for; read once, at start.
    var latestRunDay: () throws(SyncError) -> CalendarDate?
    /// Runs one sync for a day and returns its exit code.
    var runSync: (CalendarDate) -> Int32
    /// Where the schedule's lines go; they hold days, times and exit codes only.
    var log: (String) -> Void

    /// Runs until `shouldStop` says so.
    ///
    /// - Throws: `SyncError` only when the store cannot be read at start; a failed run is
    ///   logged, and the schedule goes on to the next start.
    func run() throws(SyncError) {
        log("started: a sync every day at \(schedule)")
        let started = clock.now()
        let latest = try latestRunDay()
        // The store decides only about starts already past. Later starts are all run, even
        // when a manual `matcher sync` already ran for their day: the night's export and
        // deliveries arrive after it.
        var handled = schedule.runDay(of: schedule.lastStart(notAfter: started))
        if let catchUp = schedule.catchUp(now: started, latestRunDay: latest) {
            report(catchUp.skippedDays)
            if !shouldStop() {
                log("catching up: the run for \(catchUp.day) was missed")
                runNight(catchUp.day)
            }
        } else if let latest {
            log("nothing to catch up: the latest finished run is for \(latest)")
        }
        while !shouldStop() {
            let next = schedule.nextStart(after: clock.now())
            log("next run at \(Timestamp.text(next)), for \(schedule.runDay(of: next))")
            clock.sleep(until: next)
            if shouldStop() {
                break
            }
            // The same rule as at start: after a suspend or a jump of the clock, the latest
            // start that passed is run once; a wake before the start runs nothing.
            guard let due = schedule.catchUp(now: clock.now(), latestRunDay: handled) else {
                continue
            }
            report(due.skippedDays)
            handled = due.day
            runNight(due.day)
        }
        log("stopped")
    }

    private func runNight(_ day: CalendarDate) {
        log("run for \(day) starting")
        let code = runSync(day)
        log("run for \(day) ended with exit code \(code): \(Self.meaning(of: code))")
    }

    private func report(_ skipped: [CalendarDate]) {
        guard let first = skipped.first, let last = skipped.last else {
            return
        }
        let days = skipped.count == 1 ? "\(first)" : "\(first) to \(last)"
        log(
            "missed and not run: \(days) (\(skipped.count) day\(skipped.count == 1 ? "" : "s")); "
                + "only the latest missed day is run"
        )
    }

    static func meaning(of code: Int32) -> String {
        switch code {
        case ExitCode.success: "success"
        case ExitCode.failure: "failure, as logged above; the schedule goes on"
        case ExitCode.partialSuccess: "partial success; see the report"
        case ExitCode.locked: "skipped, another sync is running on the store"
        case ExitCode.usage: "bad usage"
        default: "unexpected exit code"
        }
    }
}

/// A request to stop the schedule, from SIGTERM or SIGINT, that also wakes it from its sleep.
final class StopRequest: @unchecked Sendable {
    // `@unchecked` because every field is either immutable or guarded by `lock`.
    private let lock = NSLock()
    private var requested = false
    private var sources: [any DispatchSourceSignal] = []
    private let wakeUp = DispatchSemaphore(value: 0)

    /// Whether the schedule was asked to stop.
    var isRequested: Bool {
        lock.withLock { requested }
    }

    /// Asks the schedule to stop, and wakes it if it sleeps.
    func request() {
        lock.withLock { requested = true }
        wakeUp.signal()
    }

    /// Turns the signals into a stop request: the run in progress finishes first, because
    /// a run cut short costs the night's results (the store itself survives any stop).
    func install(signals: [Int32], log: @escaping @Sendable (String) -> Void) {
        for number in signals {
            // The signals' default action would end the process before the handler runs.
            // Limitation: a signal in the moment before the source is registered is lost,
            // because the registration completes on Dispatch's own thread; it is installed
            // first thing, before any run, so at worst systemd's SIGKILL follows.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in
                log("\(Self.name(of: number)) received; stopping once no run is in progress")
                self?.request()
            }
            source.resume()
            lock.withLock { sources.append(source) }
        }
    }

    private static func name(of signal: Int32) -> String {
        switch signal {
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        default: "signal \(signal)"
        }
    }

    /// Waits up to `seconds`, or until a stop is requested.
    func wait(seconds: TimeInterval) {
        guard !isRequested, seconds > 0 else {
            return
        }
        _ = wakeUp.wait(timeout: .now() + seconds)
    }
}

/// The system's clock, whose sleep ends early on a stop request.
struct SystemClock: ScheduleClock {
    let stop: StopRequest

    /// The longest single wait. The wait's clock stands still while the machine is
    /// suspended and ignores changes to the wall clock, so the wall clock is checked again
    /// at least this often.
    var longestNap: TimeInterval = 300

    func now() -> Date {
        Date()
    }

    func sleep(until deadline: Date) {
        while !stop.isRequested {
            let left = deadline.timeIntervalSince(now())
            guard left > 0 else {
                return
            }
            stop.wait(seconds: min(left, longestNap))
        }
    }
}

import Foundation
import MatcherCore
import MatcherFeeds
import MatcherStore

/// What one nightly sync reads and where it writes; defaults are written next to the fields.
public struct SyncConfiguration: Sendable {
    /// The night's application export (JSON Lines).
    public var applicationsPath: String
    /// The folder holding `<source>/<YYYY-MM-DD>/` deliveries.
    public var deliveriesDirectory: String
    /// Where to write the result export; nil writes none.
    public var resultsPath: String? = nil
    /// The folder of policy, messages, address vocabulary and feed mappings.
    public var mappingsDirectory: String = "mappings"
    /// The day the run is for: each source's newest complete delivery not later than this
    /// day is used.
    public var asOf: CalendarDate
    /// The points policy's year; nil takes the newest not later than `asOf`'s year.
    public var policyYear: Int? = nil
    /// Files the run writes besides its outputs, such as the store: the result export must
    /// never overwrite them, and they may not lie inside the folders the run reads.
    public var protectedPaths: [String] = []
    /// A delivery older than this many days before `asOf` is stale.
    public var maximumDeliveryAgeDays = 1
    /// Use a stale delivery all the same, rather than leave its results pending.
    public var allowStale = false

    public init(applicationsPath: String, deliveriesDirectory: String, asOf: CalendarDate) {
        self.applicationsPath = applicationsPath
        self.deliveriesDirectory = deliveriesDirectory
        self.asOf = asOf
    }
}

/// The nightly job: ingest the export, read the deliveries, match every live application,
/// store the results and the run's report in one consistent state.
public struct SyncJob {
    public var configuration: SyncConfiguration
    public var store: MatcherStore
    /// The time; handed in so tests can fix it.
    public var now: @Sendable () -> Date
    /// Where the run logs its steps; each run adds its id as `run.id`. Writes nothing by
    /// default.
    public var logger: Logger
    /// Told how far reading the deliveries and matching have come, for a progress display.
    public var progress: @Sendable (SyncProgress) -> Void
    /// The mappings, when the caller already loaded them with ``prepare(_:)``.
    public var preparedSetup: MatchingSetup?

    public init(
        configuration: SyncConfiguration,
        store: MatcherStore,
        now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = .silent,
        progress: @escaping @Sendable (SyncProgress) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.store = store
        self.now = now
        self.logger = logger
        self.progress = progress
    }

    /// Runs the sync once and returns its report.
    ///
    /// Bad lines, rows and deliveries are refused and reported while the rest is processed;
    /// only a run that cannot read its configuration or its store throws.
    public func run() throws(SyncError) -> RunReport {
        var phases = PhaseClock()
        let setup: MatchingSetup
        if let preparedSetup {
            setup = preparedSetup
        } else {
            setup = try Self.prepare(configuration)
        }
        // Holding the store means no other run is alive: a run still marked running died
        // (killed, or the machine went down) and is recorded as such.
        let abandoned = try SyncError.fromStore { () throws(StoreError) in
            try store.markAbandonedRuns()
        }
        let started = now()
        let runId = try SyncError.fromStore { () throws(StoreError) in
            try store.beginRun(
                startedAt: Timestamp.text(started),
                asOf: configuration.asOf.description
            )
        }
        var report = RunReport(
            runId: runId,
            asOf: configuration.asOf.description,
            policyYear: setup.rules.policy.year,
            startedAt: Timestamp.text(started)
        )
        for id in abandoned {
            report.warnings.append(
                "run \(id) ended before it finished (killed, or the machine stopped); "
                    + "it stored nothing, and this run does its work"
            )
        }
        if configuration.policyYear == nil && setup.rules.policy.year != configuration.asOf.year {
            report.warnings.append(
                "there is no points policy for \(configuration.asOf.year); the "
                    + "\(setup.rules.policy.year) policy was applied"
            )
        }
        let runLogger = logger(forRun: runId)
        phases.startFirstPhase()
        let export: ExportWriter?
        do {
            export = try matchAndCommit(
                runId: runId,
                setup: setup,
                report: &report,
                phases: &phases,
                logger: runLogger
            )
        } catch {
            runLogger.error(
                "run failed; nothing was stored",
                metadata: ["error": .string(error.message)]
            )
            let finished = now()
            report.failure = error.message
            report.status = RunStatus.failed.rawValue
            report.finishedAt = Timestamp.text(finished)
            try? store.failRun(
                runId,
                finishedAt: Timestamp.text(finished),
                report: try? RunReport.encoder.encode(report)
            )
            throw error
        }
        if let resultsPath = configuration.resultsPath {
            runLogger.info(
                "writing the result export",
                metadata: ["phase": "write.results", "path": .string(resultsPath)]
            )
            do throws(SyncError) {
                guard let export else {
                    throw SyncError(.output, "cannot write \(resultsPath)")
                }
                try export.finish()
            } catch {
                runLogger.error(
                    "the result export was not written; the results are stored",
                    metadata: ["error": .string(error.message)]
                )
                // The run's results are stored: only the file is missing, and the next run
                // (or a re-run, which changes nothing) writes it. The caller prints the
                // report, then this, and fails.
                report.exportError =
                    "run \(runId) stored its results, but the export was not written: "
                    + error.message
            }
            phases.end("write results", into: &report)
        }
        report.durationSeconds = phases.elapsedSeconds
        // The stored report was written with the commit; this adds the last phase and the
        // whole duration. Losing it loses nothing but those two figures.
        try? store.updateReport(runId, report: RunReport.encoder.encode(report))
        Self.logFinished(report, to: runLogger)
        return report
    }

    /// Loads the mappings and checks the inputs and the export's target: everything that
    /// can be wrong before a run starts, checked before it touches the store, so a typo
    /// costs seconds, not a night's run.
    public static func prepare(_ configuration: SyncConfiguration) throws(SyncError)
        -> MatchingSetup
    {
        let setup = try MatchingSetup.load(
            mappingsDirectory: configuration.mappingsDirectory,
            asOf: configuration.asOf,
            policyYear: configuration.policyYear
        )
        do {
            try DeliveryCatalog.checkDirectory(configuration.deliveriesDirectory)
        } catch {
            throw SyncError(.input, error.message)
        }
        // A store inside a delivery would be taken for a file the department sent, and a
        // delivery copied in could replace it.
        for path in configuration.protectedPaths {
            let stored = OutputFile.canonical(path)
            for folder in [configuration.deliveriesDirectory, configuration.mappingsDirectory]
            where stored.hasPrefix(OutputFile.canonical(folder) + "/") {
                throw SyncError(
                    .configuration,
                    "\(path), which the run writes, is inside \(folder), which it reads; "
                        + "keep it elsewhere"
                )
            }
        }
        if let resultsPath = configuration.resultsPath {
            try ResultExport.checkTarget(
                resultsPath,
                notSameAs: [configuration.applicationsPath] + configuration.protectedPaths,
                notInside: [configuration.deliveriesDirectory, configuration.mappingsDirectory]
            )
        }
        return setup
    }

    /// Reads, matches and commits; returns the result export, written but not yet in
    /// place, when one was asked for.
    ///
    /// Everything the run stores goes into one transaction on the store's writer thread as
    /// it is made: the versions while the export is read, the results slice by slice as they
    /// are matched. Nothing of it is visible before the commit at the end, and a failure
    /// anywhere rolls all of it back.
    private func matchAndCommit(
        runId: Int64,
        setup: MatchingSetup,
        report: inout RunReport,
        phases: inout PhaseClock,
        logger: Logger
    ) throws(SyncError) -> ExportWriter? {
        let history = try SyncError.fromStore { () throws(StoreError) in try store.runs() }
        let finishedRuns = history.filter { $0.id != runId && $0.finishedAt != nil }
            .filter { $0.status == .succeeded || $0.status == .partial }
        // A day earlier than one the store already ran is a backfill: its results are that
        // day's record, kept in the history, and never replace what later days showed.
        let isBackfill = finishedRuns.contains { $0.asOf > configuration.asOf.description }
        // Changes are counted from the latest day not after this one, so a backfill in
        // between does not pass for the night before.
        let comparable = finishedRuns.filter { $0.asOf <= configuration.asOf.description }
        if let previous = comparable.max(by: { ($0.asOf, $0.id) < ($1.asOf, $1.id) }),
            let data = previous.report,
            let earlier = try? JSONDecoder().decode(RunReport.self, from: data)
        {
            report.previousRunId = previous.id
            report.previousOutcomes = earlier.outcomes
        }

        let night = try NightWriter(store: store, runId: runId)
        var export: ExportWriter?
        do throws(SyncError) {
            if let resultsPath = configuration.resultsPath {
                // A target that cannot be written fails the export, not the run: the
                // results are still stored, and the report says what is missing.
                export = try? ExportWriter(path: resultsPath)
            }
            try runNight(
                night,
                runId: runId,
                setup: setup,
                isBackfill: isBackfill,
                export: export,
                report: &report,
                phases: &phases,
                logger: logger
            )
        } catch {
            night.rollback()
            export?.discard()
            throw error
        }
        return export
    }

    /// The run's work inside its open transaction; see ``matchAndCommit``.
    private func runNight(
        _ night: NightWriter,
        runId: Int64,
        setup: MatchingSetup,
        isBackfill: Bool,
        export: ExportWriter?,
        report: inout RunReport,
        phases: inout PhaseClock,
        logger: Logger
    ) throws(SyncError) {
        logger.info(
            "reading the application export",
            metadata: [
                "phase": "read.applications", "path": .string(configuration.applicationsPath),
            ]
        )
        let intake = try readApplications(into: night)
        report.applications = intake.counts
        report.refusedLines = intake.refusedLines
        if intake.counts.linesRead == 0 {
            report.warnings.append("the application export holds no applications")
        } else if intake.undecodableLines == intake.counts.linesRead {
            // One broken line is the export's fault; every line broken is more likely the
            // wrong file, or one in another format, and deserves to be said once plainly.
            let refused =
                intake.counts.linesRead == 1
                ? "its only line was refused"
                : "all \(intake.counts.linesRead) were refused"
            report.warnings.append(
                "no line of the application export could be read as an application: "
                    + "\(refused); check that \(configuration.applicationsPath) is the "
                    + "export, in JSON Lines and UTF-8"
            )
        }
        var ending = RunEnding(finishedAt: "", status: .running, report: Data())
        ending.refused = intake.refusedInputs(file: configuration.applicationsPath)
        Self.logApplications(of: report, to: logger)
        phases.end("read applications", into: &report)

        logger.info(
            "reading deliveries",
            metadata: [
                "phase": "read.deliveries", "path": .string(configuration.deliveriesDirectory),
            ]
        )
        let live = intake.liveApplications
        let feeds = FeedSet.load(
            deliveriesDirectory: configuration.deliveriesDirectory,
            asOf: configuration.asOf,
            freshness: FeedSet.Freshness(
                maximumAgeDays: configuration.maximumDeliveryAgeDays,
                allowStale: configuration.allowStale
            ),
            setup: setup,
            applications: live,
            progress: { [progress] read in
                progress(
                    SyncProgress(
                        step: "read " + read.file,
                        unit: "rows",
                        done: read.rowsRead,
                        total: read.rowsExpected
                    )
                )
            }
        )
        feeds.record(into: &report, ending: &ending, asOf: configuration.asOf)
        Self.logDeliveries(of: report, to: logger)
        phases.end("read deliveries", into: &report)

        logger.info(
            "matching applications",
            metadata: ["phase": "match", "applications.count": .count(live.count)]
        )
        var matching = NightMatching(
            runId: runId,
            matchedAt: Timestamp.text(now()),
            isBackfill: isBackfill,
            feeds: feeds,
            setup: setup
        )
        var done = 0
        let slices = live.slices(of: Self.matchSliceSize)
        let previousResults = { (index: Int) throws(SyncError) -> [String: StoredResult] in
            guard index < slices.count, night.heldResults else { return [:] }
            return try night.read { night throws(StoreError) in
                try night.currentResults(of: slices[index].lazy.map(\.applicationId))
            }
        }
        // Matching one application reads only tonight's feeds and its own previous result,
        // so a slice of applications is matched on every core; what the run counts and
        // stores is then gathered in order. The next slice's previous results are read
        // before this slice's results are queued, so that the read waits only for writes
        // that went on while this slice was matched.
        var previous = try previousResults(0)
        for (index, slice) in slices.enumerated() {
            progress(
                SyncProgress(step: "match", unit: "applications", done: done, total: live.count)
            )
            let stored = try matching.match(slice, previous: previous, into: &report)
            done += slice.count
            export?.append(stored.exportLines)
            previous = try previousResults(index + 1)
            let results = stored.results
            let rechecked = stored.rechecked
            night.enqueue { night throws(StoreError) in
                try night.insertResults(results, makeCurrent: !isBackfill)
                try night.updateInputs(rechecked)
            }
        }
        report.outcomes = matching.outcomes
        let retired = intake.retired
        if !isBackfill && night.heldResults {
            let shown = try night.read { night throws(StoreError) in
                try night.currentResults(of: retired)
            }
            let retiring = retired.filter { shown[$0] != nil }
            report.results.retired = retiring.count
            night.enqueue { night throws(StoreError) in try night.retire(retiring) }
        }
        progress(
            SyncProgress(step: "match", unit: "applications", done: live.count, total: live.count)
        )
        // What the night read is let go of on another thread while the store commits: a
        // province's night holds tens of millions of objects, and freeing them here kept
        // the run waiting for seconds after its commit.
        ReleasedInBackground(
            consume intake,
            consume feeds,
            consume matching,
            consume live,
            consume slices,
            consume previous
        ).release()
        phases.end("match", into: &report)
        logger.info("storing the run", metadata: ["phase": "store"])

        let finished = now()
        report.finishedAt = Timestamp.text(finished)
        report.durationSeconds = phases.elapsedSeconds
        let isComplete =
            report.refusedLines.isEmpty && report.refusedRows.isEmpty
            && report.refusedDeliveries.isEmpty && report.results.pending == 0
            && report.warnings.isEmpty && report.staleDeliveries.isEmpty
        report.status = (isComplete ? RunStatus.succeeded : RunStatus.partial).rawValue
        ending.status = isComplete ? .succeeded : .partial
        ending.finishedAt = report.finishedAt
        ending.report = try encode(report)
        // The export is complete: it goes to disk while the store commits, and is moved
        // into place once the commit has succeeded.
        export?.writeOutInBackground()
        try night.commit(ending)
        phases.end("store", into: &report)
    }

    /// Reads the export a batch of lines at a time, setting each batch against the store's
    /// latest versions and queueing the new ones to be stored, so that neither the export's
    /// lines nor their documents are held for the whole night.
    private func readApplications(into night: NightWriter) throws(SyncError)
        -> ApplicationIntake
    {
        var intake = ApplicationIntake()
        let seen: [String: Int]
        do {
            seen = try ApplicationExport.read(
                path: configuration.applicationsPath,
                preparing: ApplicationIntake.Prepared.init
            ) { items in
                let ids = items.compactMap { item -> String? in
                    guard case .application(let entry) = item else { return nil }
                    return entry.applicationId
                }
                var stored: [String: StoredApplication] = [:]
                if night.heldApplications {
                    stored = try night.read { night throws(StoreError) in
                        try night.latestVersions(of: ids)
                    }
                }
                let versions = intake.take(items, stored: stored)
                if !versions.isEmpty {
                    night.enqueue { night throws(StoreError) in
                        try night.insertVersions(versions)
                    }
                }
            }
        } catch let error as SyncError {
            throw error
        } catch let error as FeedError {
            throw SyncError(.input, error.message)
        } catch {
            throw SyncError(.input, "cannot read \(configuration.applicationsPath): \(error)")
        }
        let ids = Set(seen.keys)
        var storedLive: [StoredApplication] = []
        if night.heldApplications {
            storedLive = try night.read { night throws(StoreError) in
                try night.liveApplications(excluding: ids)
            }
        }
        intake.finish(storedLive: storedLive)
        return intake
    }

    /// Applications matched between two progress reports, on every core at once.
    static let matchSliceSize = 4096

    private func encode(_ report: RunReport) throws(SyncError) -> Data {
        do {
            return try RunReport.encoder.encode(report)
        } catch {
            throw SyncError(.output, "cannot encode the run report: \(error)")
        }
    }

}

/// Values that are done with, handed to another thread to be freed.
///
/// Unchecked: nothing reads the values again; the other thread only drops them.
private final class ReleasedInBackground: @unchecked Sendable {
    private var values: [Any]

    init(_ values: Any...) {
        self.values = values
    }

    /// Frees the values on a background thread, once this was the last reference to them.
    func release() {
        DispatchQueue.global(qos: .utility).async { [self] in
            values.removeAll()
        }
    }
}

/// Times the phases of a run.
///
/// Durations come from a monotonic clock, not from the time of day: the machine's clock
/// may be set while a run goes on (a long run measured here once gained nine minutes in
/// one phase), and a report must not say a phase took what it did not.
struct PhaseClock {
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var last: ContinuousClock.Instant
    private var lastCPUSeconds: Double?

    init() {
        start = clock.now
        last = start
        lastCPUSeconds = Self.cpuSeconds()
    }

    /// Starts the first phase now: what went before (loading the mappings, opening the
    /// run) belongs to no phase, only to the whole duration.
    mutating func startFirstPhase() {
        last = clock.now
        lastCPUSeconds = Self.cpuSeconds()
    }

    /// The time since the clock was made, in seconds.
    var elapsedSeconds: Double {
        Self.seconds(clock.now - start)
    }

    mutating func end(_ phase: String, into report: inout RunReport) {
        let time = clock.now
        let cpu = Self.cpuSeconds()
        var spent: Double?
        if let cpu, let lastCPUSeconds {
            spent = Self.toMicroseconds(cpu - lastCPUSeconds)
        }
        report.phases.append(
            RunReport.Phase(
                name: phase,
                seconds: Self.seconds(time - last),
                peakMemoryBytes: Self.peakMemoryBytes(),
                cpuSeconds: spent
            )
        )
        last = time
        lastCPUSeconds = cpu
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return toMicroseconds(Double(seconds) + Double(attoseconds) / 1e18)
    }

    /// Rounded to the microsecond, the clocks' real grain, so that a report shows 0.010872
    /// rather than the 0.010871999999999996 a difference of two readings leaves.
    private static func toMicroseconds(_ seconds: Double) -> Double {
        (seconds * 1e6).rounded() / 1e6
    }

    /// `RUSAGE_SELF` as the type `getrusage` takes on this platform.
    private static let RUSAGE_SELF_WHO = __rusage_who_t(RUSAGE_SELF.rawValue)

    /// The peak resident set of the process so far; nil where the system does not say.
    static func peakMemoryBytes() -> Int? {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF_WHO, &usage) == 0, usage.ru_maxrss > 0 else { return nil }
        // Linux counts in kilobytes.
        return usage.ru_maxrss * 1024
    }

    /// The processor time of the process so far, user and system, in seconds.
    static func cpuSeconds() -> Double? {
        var usage = rusage()
        guard getrusage(RUSAGE_SELF_WHO, &usage) == 0 else { return nil }
        let seconds = { (time: timeval) in Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}

/// Times as the service writes them: ISO 8601 in China Standard Time, which is what
/// operators and parents read.
public enum Timestamp {
    public static func text(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

extension RunReport {
    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}

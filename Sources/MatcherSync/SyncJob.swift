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
    /// Files the result export must never overwrite, such as the store.
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
        var phases = PhaseClock(now: now)
        let runLogger = logger(forRun: runId)
        let live: [Application]
        do {
            live = try matchAndCommit(
                runId: runId,
                setup: setup,
                report: &report,
                phases: &phases,
                started: started,
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
            do {
                try ResultExport.write(
                    to: resultsPath,
                    liveApplicationIds: live.map(\.applicationId),
                    store: store
                )
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
        report.durationSeconds = now().timeIntervalSince(started)
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
        if let resultsPath = configuration.resultsPath {
            try ResultExport.checkTarget(
                resultsPath,
                notSameAs: [configuration.applicationsPath] + configuration.protectedPaths,
                notInside: [configuration.deliveriesDirectory, configuration.mappingsDirectory]
            )
        }
        return setup
    }

    /// Reads, matches and commits; returns the live applications for the export.
    private func matchAndCommit(
        runId: Int64,
        setup: MatchingSetup,
        report: inout RunReport,
        phases: inout PhaseClock,
        started: Date,
        logger: Logger
    ) throws(SyncError) -> [Application] {
        var commit = RunCommit(runId: runId, finishedAt: "", status: .running, report: Data())

        logger.info(
            "reading the application export",
            metadata: [
                "phase": "read.applications", "path": .string(configuration.applicationsPath),
            ]
        )
        let intake = try readApplications()
        report.applications = intake.counts
        report.refusedLines = intake.refusedLines
        if intake.counts.linesRead == 0 {
            report.warnings.append("the application export holds no applications")
        }
        commit.refused += intake.refusedInputs(file: configuration.applicationsPath)
        commit.newApplicationVersions = intake.newVersions
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
        feeds.record(into: &report, commit: &commit, asOf: configuration.asOf)
        Self.logDeliveries(of: report, to: logger)
        phases.end("read deliveries", into: &report)

        logger.info(
            "matching applications",
            metadata: ["phase": "match", "applications.count": .count(live.count)]
        )
        let matchedAt = Timestamp.text(now())
        let current = try SyncError.fromStore { () throws(StoreError) in try store.currentResults()
        }
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
        var outcomes: [String: Int] = [:]
        var done = 0
        // Matching one application reads only tonight's feeds and its own previous result,
        // so a slice of applications is matched on every core; what the run counts and
        // stores is then gathered in order.
        for slice in live.slices(of: Self.matchSliceSize) {
            progress(
                SyncProgress(step: "match", unit: "applications", done: done, total: live.count)
            )
            let reviews = slice.parallelMap(minimumSlice: 64) { application in
                ApplicationReview(
                    application,
                    previous: current[application.applicationId],
                    feeds: feeds,
                    setup: setup,
                    isBackfill: isBackfill
                )
            }
            done += slice.count
            for (application, review) in zip(slice, reviews) {
                report.plan.count(review.reason)
                let previous = current[application.applicationId]
                guard let result = review.result else {
                    if let previous {
                        outcomes[previous.socialInsuranceOutcome, default: 0] += 1
                        outcomes[previous.propertyOutcome, default: 0] += 1
                    }
                    continue
                }
                if review.keptFoundHalves {
                    report.results.keptWhilePending += 1
                }
                let document = try review.document.get()
                outcomes[result.socialInsurance.outcome.rawValue, default: 0] += 1
                outcomes[result.property.outcome.rawValue, default: 0] += 1
                report.results.matched += 1
                if result.isPending { report.results.pending += 1 }
                if !isBackfill, let previous, previous.version == application.version,
                    previous.document == document
                {
                    report.results.unchanged += 1
                    commit.recheckedInputs[application.applicationId] = review.inputs
                    continue
                }
                report.results.changed += 1
                let stored = StoredResult(
                    applicationId: application.applicationId,
                    version: application.version,
                    runId: runId,
                    matchedAt: matchedAt,
                    socialInsuranceOutcome: result.socialInsurance.outcome.rawValue,
                    propertyOutcome: result.property.outcome.rawValue,
                    document: document,
                    inputs: review.inputs
                )
                if isBackfill {
                    commit.historicalResults.append(stored)
                } else {
                    commit.newResults.append(stored)
                }
            }
        }
        commit.retiredApplications =
            isBackfill ? [] : intake.retired.filter { current[$0] != nil }
        report.results.retired = commit.retiredApplications.count
        report.outcomes = outcomes
        progress(
            SyncProgress(step: "match", unit: "applications", done: live.count, total: live.count)
        )
        phases.end("match", into: &report)
        logger.info("storing the run", metadata: ["phase": "store"])

        let finished = now()
        report.finishedAt = Timestamp.text(finished)
        report.durationSeconds = finished.timeIntervalSince(started)
        let isComplete =
            report.refusedLines.isEmpty && report.refusedRows.isEmpty
            && report.refusedDeliveries.isEmpty && report.results.pending == 0
            && report.warnings.isEmpty && report.staleDeliveries.isEmpty
        report.status = (isComplete ? RunStatus.succeeded : RunStatus.partial).rawValue
        commit.status = isComplete ? .succeeded : .partial
        commit.finishedAt = report.finishedAt
        commit.report = try encode(report)
        try SyncError.fromStore { () throws(StoreError) in try store.commit(commit) }
        phases.end("store", into: &report)
        return live
    }

    /// Reads the export and sets it against the store. The export's lines and the stored
    /// documents are let go on return: only what the intake took is kept for the night.
    ///
    /// Limitation: while the intake is made, every line's bytes, its application and its
    /// document are held at once (about 5.5 KB an application, 5.5 GB for a province's
    /// million), because the versions are stored in the run's one commit at its end; lifts
    /// when the intake writes its versions into an open transaction as it goes.
    private func readApplications() throws(SyncError) -> ApplicationIntake {
        let export: ApplicationExport
        do {
            export = try ApplicationExport.read(path: configuration.applicationsPath)
        } catch {
            throw SyncError(.input, error.message)
        }
        let stored = try SyncError.fromStore { () throws(StoreError) in
            try store.latestApplications()
        }
        return ApplicationIntake(export: export, stored: stored)
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

/// Times the phases of a run.
struct PhaseClock {
    let now: @Sendable () -> Date
    private var last: Date
    private var lastCPUSeconds: Double?

    init(now: @escaping @Sendable () -> Date) {
        self.now = now
        last = now()
        lastCPUSeconds = Self.cpuSeconds()
    }

    mutating func end(_ phase: String, into report: inout RunReport) {
        let time = now()
        let cpu = Self.cpuSeconds()
        var spent: Double?
        if let cpu, let lastCPUSeconds {
            spent = cpu - lastCPUSeconds
        }
        report.phases.append(
            RunReport.Phase(
                name: phase,
                seconds: time.timeIntervalSince(last),
                peakMemoryBytes: Self.peakMemoryBytes(),
                cpuSeconds: spent
            )
        )
        last = time
        lastCPUSeconds = cpu
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

/// What matching one application tonight gives: why it is matched, and its result and
/// document when it is; made on any thread, from values only read.
struct ApplicationReview: Sendable {
    /// Why the application is matched; nil keeps its stored result.
    var reason: MatchReason?
    /// The fingerprints of what the result was computed from, encoded.
    var inputs: Data
    /// The new result, when `reason` is not nil.
    var result: MatchResult?
    /// The result as the store keeps it.
    var document: Result<Data, SyncError> = .success(Data())
    /// Whether a pending half kept what the same version showed before.
    var keptFoundHalves = false

    init(
        _ application: Application,
        previous: StoredResult?,
        feeds: FeedSet,
        setup: MatchingSetup,
        isBackfill: Bool
    ) {
        let evidence = feeds.evidence(for: application, rules: setup.rules)
        let inputs = ResultInputs(evidence: evidence, rules: setup.fingerprint)
        self.inputs = inputs.data
        reason = MatchReason.of(
            application,
            previous: previous,
            inputs: inputs,
            isBackfill: isBackfill
        )
        guard reason != nil else { return }
        var result = setup.rules.match(application, against: evidence)
        if result.isPending, let previous, previous.version == application.version {
            keptFoundHalves = Self.keepFoundHalves(of: previous, in: &result)
        }
        self.result = result
        document = Result { () throws(SyncError) in try ResultExport.document(of: result) }
    }

    /// A half that is pending tonight keeps what the same version showed before: a feed
    /// that is late or broken must not take a found result away from a parent. Returns
    /// whether a half was kept.
    private static func keepFoundHalves(of previous: StoredResult, in result: inout MatchResult)
        -> Bool
    {
        guard let before = try? JSONDecoder().decode(MatchResult.self, from: previous.document)
        else { return false }
        var kept = false
        if result.socialInsurance.outcome == .pending
            && before.socialInsurance.outcome != .pending
        {
            result.socialInsurance = before.socialInsurance
            kept = true
        }
        if result.property.outcome == .pending && before.property.outcome != .pending {
            result.property = before.property
            kept = true
        }
        return kept
    }
}

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
    /// Where progress lines go; they carry no personal data.
    public var log: @Sendable (String) -> Void

    public init(
        configuration: SyncConfiguration,
        store: MatcherStore,
        now: @escaping @Sendable () -> Date = { Date() },
        log: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.store = store
        self.now = now
        self.log = log
    }

    /// Runs the sync once and returns its report.
    ///
    /// Bad lines, rows and deliveries are refused and reported while the rest is processed;
    /// only a run that cannot read its configuration or its store throws.
    public func run() throws(SyncError) -> RunReport {
        let setup = try MatchingSetup.load(
            mappingsDirectory: configuration.mappingsDirectory,
            asOf: configuration.asOf,
            policyYear: configuration.policyYear
        )
        let started = now()
        let runId = try storeCall { () throws(StoreError) in
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
        do {
            return try run(runId: runId, setup: setup, report: &report, started: started)
        } catch {
            let finished = now()
            report.status = RunStatus.failed.rawValue
            report.finishedAt = Timestamp.text(finished)
            try? store.failRun(
                runId,
                finishedAt: Timestamp.text(finished),
                report: try? RunReport.encoder.encode(report)
            )
            throw error
        }
    }

    private func run(
        runId: Int64,
        setup: MatchingSetup,
        report: inout RunReport,
        started: Date
    ) throws(SyncError) -> RunReport {
        var phases = PhaseClock(now: now)
        var commit = RunCommit(runId: runId, finishedAt: "", status: .running, report: Data())

        log("reading applications from \(configuration.applicationsPath)")
        let export: ApplicationExport
        do {
            export = try ApplicationExport.read(path: configuration.applicationsPath)
        } catch {
            throw SyncError(.input, error.message)
        }
        let stored = try storeCall { () throws(StoreError) in try store.latestApplications() }
        let intake = ApplicationIntake(export: export, stored: stored)
        report.applications = intake.counts
        report.refusedLines = intake.refusedLines
        commit.refused += intake.refusedInputs(file: configuration.applicationsPath)
        commit.newApplicationVersions = intake.newVersions
        phases.end("read applications", into: &report)

        log("reading deliveries from \(configuration.deliveriesDirectory)")
        let live = intake.liveApplications
        let feeds = FeedSet.load(
            deliveriesDirectory: configuration.deliveriesDirectory,
            asOf: configuration.asOf,
            setup: setup,
            applications: live
        )
        feeds.record(into: &report, commit: &commit)
        phases.end("read deliveries", into: &report)

        log("matching \(live.count) applications")
        let matchedAt = Timestamp.text(now())
        let current = try storeCall { () throws(StoreError) in try store.currentResults() }
        var outcomes: [String: Int] = [:]
        for application in live {
            let result = feeds.match(application, rules: setup.rules)
            let document = try ResultExport.document(of: result)
            outcomes[result.socialInsurance.outcome.rawValue, default: 0] += 1
            outcomes[result.property.outcome.rawValue, default: 0] += 1
            report.results.matched += 1
            if result.isPending { report.results.pending += 1 }
            if let previous = current[application.applicationId],
                previous.version == application.version, previous.document == document
            {
                report.results.unchanged += 1
                continue
            }
            report.results.changed += 1
            commit.newResults.append(
                StoredResult(
                    applicationId: application.applicationId,
                    version: application.version,
                    runId: runId,
                    matchedAt: matchedAt,
                    socialInsuranceOutcome: result.socialInsurance.outcome.rawValue,
                    propertyOutcome: result.property.outcome.rawValue,
                    document: document
                )
            )
        }
        commit.retiredApplications = intake.retired.filter { current[$0] != nil }
        report.results.retired = commit.retiredApplications.count
        report.outcomes = outcomes
        phases.end("match", into: &report)

        let finished = now()
        report.finishedAt = Timestamp.text(finished)
        report.durationSeconds = finished.timeIntervalSince(started)
        let isComplete =
            report.refusedLines.isEmpty && report.refusedRows.isEmpty
            && report.refusedDeliveries.isEmpty && report.results.pending == 0
        report.status = (isComplete ? RunStatus.succeeded : RunStatus.partial).rawValue
        commit.status = isComplete ? .succeeded : .partial
        commit.finishedAt = report.finishedAt
        commit.report = try encode(report)
        try storeCall { () throws(StoreError) in try store.commit(commit) }
        phases.end("store", into: &report)

        if let resultsPath = configuration.resultsPath {
            log("writing results to \(resultsPath)")
            try ResultExport.write(
                to: resultsPath,
                liveApplicationIds: live.map(\.applicationId),
                store: store
            )
            phases.end("write results", into: &report)
        }
        report.durationSeconds = now().timeIntervalSince(started)
        return report
    }

    private func encode(_ report: RunReport) throws(SyncError) -> Data {
        do {
            return try RunReport.encoder.encode(report)
        } catch {
            throw SyncError(.output, "cannot encode the run report: \(error)")
        }
    }

    private func storeCall<T>(_ body: () throws(StoreError) -> T) throws(SyncError) -> T {
        do {
            return try body()
        } catch {
            throw SyncError(.store, error.description)
        }
    }
}

/// Times the phases of a run.
struct PhaseClock {
    let now: @Sendable () -> Date
    private var last: Date

    init(now: @escaping @Sendable () -> Date) {
        self.now = now
        last = now()
    }

    mutating func end(_ phase: String, into report: inout RunReport) {
        let time = now()
        report.phases.append(
            RunReport.Phase(name: phase, seconds: time.timeIntervalSince(last))
        )
        last = time
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

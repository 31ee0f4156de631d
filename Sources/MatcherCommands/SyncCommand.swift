import Foundation
import MatcherCore
import MatcherFeeds
import MatcherStore
import MatcherSync

#if canImport(Glibc)
    import Glibc
#endif

/// `matcher sync`: one run of the nightly job.
struct SyncCommand {
    var configuration: SyncConfiguration
    var storePath: String
    /// Where the report is also written as JSON (`--report-json`), if anywhere.
    var reportFile: ReportFile?
    /// How log lines are written (`--log-format`).
    var logFormat = LogFormat.text
    /// Where log lines go; tests hand in their own.
    var logOutput: LogOutput = LogOutputs.standardError
    /// Whether a progress line may be drawn: only on a terminal, where it is redrawn in
    /// place, never in a file or a journal.
    var showsProgress = ProgressDisplay.standardErrorIsTerminal

    init(options: ParsedOptions) throws {
        let today = Self.today()
        let asOf = try options.date("--as-of") ?? today
        // A run for a day to come would make every real night after it look like a backfill
        // of the past, and leave the current results frozen until that day.
        guard asOf <= today else {
            throw UsageError(
                code: .invalidValue,
                message: "--as-of is after today (\(today)); a run can only be for a day "
                    + "that has begun",
                command: "matcher sync"
            )
        }
        try self.init(options: options, asOf: asOf)
    }

    /// Reads every option of `matcher sync` but `--as-of`, which the caller decides:
    /// `matcher schedule`, which shares the options, sets each run's day itself.
    init(options: ParsedOptions, asOf: CalendarDate) throws {
        configuration = SyncConfiguration(
            applicationsPath: try options.requiredPath("--applications"),
            deliveriesDirectory: try options.requiredPath("--deliveries"),
            asOf: asOf
        )
        configuration.resultsPath = try options.path("--results")
        configuration.mappingsDirectory = try options.path("--mappings") ?? "mappings"
        configuration.policyYear = try options.int("--policy-year", in: 2000...2100)
        if let days = try options.int("--max-delivery-age", in: 0...365) {
            configuration.maximumDeliveryAgeDays = days
        }
        configuration.allowStale = options.flag("--allow-stale")
        storePath = try options.path("--store") ?? "matcher.sqlite"
        // SQLite reads these as an in-memory or URI database: the results would vanish
        // when the run ends, yet the report would say they were stored.
        if storePath.hasPrefix(":") || storePath.hasPrefix("file:") {
            throw UsageError(
                code: .invalidValue,
                message: "--store must name a file; in-memory and URI databases are not kept",
                command: "matcher sync"
            )
        }
        configuration.protectedPaths = [storePath]
        reportFile = try options.path("--report-json").map(ReportFile.init(pattern:))
        logFormat = try LogFormat(options: options)
    }

    func run() throws -> Int32 {
        // A wrong mapping or path is found before the store is even created. The export is
        // checked here rather than in `prepare`, which a schedule also calls at its start,
        // long before the night's export arrives.
        let setup = try SyncJob.prepare(configuration)
        do {
            try ApplicationExport.checkReadable(path: configuration.applicationsPath)
        } catch {
            throw SyncError(.input, error.message)
        }
        try checkReportTarget(for: configuration.asOf)
        // The store is opened next, for its clear errors about a wrong path; opening is
        // safe while another run holds the lock, and nothing is written before the lock.
        let store: MatcherStore
        do {
            store = try MatcherStore(path: storePath)
        } catch {
            throw SyncError(.store, error.description)
        }
        let lock = try RunLock(storePath: storePath)
        defer { withExtendedLifetime(lock) {} }
        // The progress line would garble a JSON log, and is only for a person watching.
        let display =
            showsProgress && logFormat == .text ? ProgressDisplay.standardError() : nil
        defer { display?.finish() }
        var output = logOutput
        if let display {
            output = { line in display.writeLine(line) }
        }
        var job = SyncJob(
            configuration: configuration,
            store: store,
            logger: Logger(handler: logFormat.handler(output: output)),
            progress: { progress in display?.update(progress) }
        )
        job.preparedSetup = setup
        let report = try job.run()
        display?.finish()
        print(report.text, terminator: "")
        if let reportFile {
            do {
                try reportFile.write(report, day: configuration.asOf)
            } catch {
                throw SyncError(
                    .output,
                    "run \(report.runId) stored its results, but the JSON report was not "
                        + "written: " + error.message
                )
            }
        }
        if let exportError = report.exportError {
            throw SyncError(.output, exportError)
        }
        return report.status == RunStatus.succeeded.rawValue
            ? ExitCode.success : ExitCode.partialSuccess
    }

    /// Refuses a `--report-json` file that the run for `day` could not write, or that
    /// would replace a file the run reads or writes.
    func checkReportTarget(for day: CalendarDate) throws(SyncError) {
        try reportFile?.checkTarget(
            for: day,
            notSameAs: [storePath, configuration.applicationsPath]
                + (configuration.resultsPath.map { [$0] } ?? []),
            notInside: [configuration.deliveriesDirectory, configuration.mappingsDirectory]
        )
    }

    /// Today in Kunshan: a run started at 01:30 is for that day, wherever the server is.
    static func today() -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .gmt
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        guard let year = parts.year, let month = parts.month, let day = parts.day,
            let date = CalendarDate(year: year, month: month, day: day)
        else { preconditionFailure("the system calendar gave no date for now") }
        return date
    }
}

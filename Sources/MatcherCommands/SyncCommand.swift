import Foundation
import MatcherCore
import MatcherStore
import MatcherSync

/// `matcher sync`: one run of the nightly job.
struct SyncCommand {
    var configuration: SyncConfiguration
    var storePath: String

    init(options: ParsedOptions) throws {
        try self.init(options: options, asOf: try options.date("--as-of") ?? Self.today())
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
        storePath = try options.path("--store") ?? "matcher.sqlite"
        configuration.protectedPaths = [storePath]
    }

    func run() throws -> Int32 {
        // The store is opened first, for its clear errors about a wrong path; opening is
        // safe while another run holds the lock, and nothing is written before the lock.
        let store: MatcherStore
        do {
            store = try MatcherStore(path: storePath)
        } catch {
            throw SyncError(.store, error.description)
        }
        let lock = try RunLock(storePath: storePath)
        defer { withExtendedLifetime(lock) {} }
        let job = SyncJob(
            configuration: configuration,
            store: store,
            log: { line in
                MatcherCommandLine.printError("[\(Timestamp.text(Date()))] \(line)")
            }
        )
        let report = try job.run()
        print(report.text, terminator: "")
        return report.status == RunStatus.succeeded.rawValue
            ? ExitCode.success : ExitCode.partialSuccess
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

import Foundation
import MatcherCore

/// The run's report as a JSON file beside the printed one, for tools that watch the nightly
/// job (`--report-json FILE`).
///
/// The path may hold `{day}`, which each run replaces with its day (`YYYY-MM-DD`), so
/// `matcher schedule` keeps one file per night; without it, each run replaces the file.
/// The JSON is the report the store keeps, pretty-printed with sorted keys.
public struct ReportFile: Sendable, Hashable {
    /// The path as given, perhaps holding ``dayPlaceholder``.
    public var pattern: String

    /// What a path's `{day}` is replaced with the run's day in.
    public static let dayPlaceholder = "{day}"

    /// Creates the file's description from the path as given.
    public init(pattern: String) {
        self.pattern = pattern
    }

    /// The file for a run for `day`.
    public func path(for day: CalendarDate) -> String {
        pattern.replacingOccurrences(of: Self.dayPlaceholder, with: day.description)
    }

    /// Refuses a file the report must not replace: a folder or other non-file, one of
    /// `protected` (the store, the export, the application export), or a path in a folder
    /// that does not exist or cannot be written; checked before the run, so a typo costs
    /// seconds, not a night's run.
    public func checkTarget(
        for day: CalendarDate,
        notSameAs protected: [String],
        notInside protectedFolders: [String] = []
    ) throws(SyncError) {
        try OutputFile.checkTarget(
            path(for: day),
            flag: "--report-json",
            notSameAs: protected,
            notInside: protectedFolders
        )
    }

    /// Writes `report` for the run's day, replacing the file in one step, and returns the
    /// path written.
    ///
    /// The JSON goes to a temporary file beside the target, which is then renamed over it
    /// (rename(2) replaces a file atomically): a reader sees the old report or the new one,
    /// never half of one.
    @discardableResult
    public func write(_ report: RunReport, day: CalendarDate) throws(SyncError) -> String {
        let path = path(for: day)
        let data = try Self.json(of: report)
        try OutputFile.replace(path) { handle in
            try handle.write(contentsOf: data)
        }
        return path
    }

    /// The report as the file holds it: pretty-printed, keys sorted, ending in a line break.
    public static func json(of report: RunReport) throws(SyncError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(report) + Data("\n".utf8)
        } catch {
            throw SyncError(.output, "cannot encode the run report: \(error)")
        }
    }
}

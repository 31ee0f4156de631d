import Foundation
import MatcherCore

#if canImport(Glibc)
    import Glibc
#endif

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
    public func checkTarget(for day: CalendarDate, notSameAs protected: [String])
        throws(SyncError)
    {
        let path = path(for: day)
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let type = attributes[.type] as? FileAttributeType, type != .typeRegular
        {
            let what = type == .typeDirectory ? "a folder; name a file in it" : "not a regular file"
            throw SyncError(.output, "--report-json \(path) is \(what)")
        }
        let target = Self.canonical(path)
        let companions = protected.flatMap { [$0, $0 + "-wal", $0 + "-shm", $0 + ".lock"] }
        for other in companions where Self.canonical(other) == target {
            throw SyncError(.output, "--report-json \(path) would overwrite \(other)")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw SyncError(.output, "the folder \(folder) of --report-json does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw SyncError(.output, "the folder \(folder) of --report-json is not writable")
        }
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
        let target = URL(fileURLWithPath: path)
        let temporaryPath = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(getpid()).partial").path
        do {
            guard FileManager.default.createFile(atPath: temporaryPath, contents: nil) else {
                throw SyncError(.output, "cannot create \(temporaryPath)")
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporaryPath))
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
            guard rename(temporaryPath, path) == 0 else {
                throw SyncError(
                    .output,
                    "cannot move the report into place: \(String(cString: strerror(errno)))"
                )
            }
        } catch let error as SyncError {
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw error
        } catch {
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw SyncError(.output, "cannot write the report to \(path): \(error)")
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

    /// One spelling per file: absolute, with `.`, `..` and links resolved.
    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}

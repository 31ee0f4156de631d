import Foundation
import MatcherCore
import MatcherStore

/// The result export: one JSON line per live application with its current result.
public enum ResultExport {
    /// One line of the export, with the field names of the export contract.
    struct Line: Encodable {
        var applicationId: String
        var version: Int
        var runId: String
        var matchedAt: String
        var socialInsurance: SocialInsuranceResult
        var property: PropertyResult
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A result as the store keeps it: canonical JSON, without the run that made it.
    static func document(of result: MatchResult) throws(SyncError) -> Data {
        do {
            return try encoder.encode(result)
        } catch {
            throw SyncError(.output, "cannot encode the result of \(result.applicationId)")
        }
    }

    /// Refuses a target the export must not replace: anything but a regular file (a
    /// folder, a device such as /dev/null), a file the run reads or writes, anything inside
    /// a folder the run reads, or a path in a folder that does not exist.
    ///
    /// - Parameters:
    ///   - protected: files that may not be replaced (the export, the store); the store's
    ///     companion files (`-wal`, `-shm`, `.lock`) are protected with it.
    ///   - protectedFolders: folders nothing may be written into (deliveries, mappings).
    public static func checkTarget(
        _ path: String,
        notSameAs protected: [String],
        notInside protectedFolders: [String] = []
    ) throws(SyncError) {
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let type = attributes[.type] as? FileAttributeType, type != .typeRegular
        {
            let what = type == .typeDirectory ? "a folder; name a file in it" : "not a regular file"
            throw SyncError(.output, "--results \(path) is \(what)")
        }
        let target = canonical(path)
        let companions = protected.flatMap { [$0, $0 + "-wal", $0 + "-shm", $0 + ".lock"] }
        for other in companions where canonical(other) == target {
            throw SyncError(.output, "--results \(path) would overwrite \(other)")
        }
        for folder in protectedFolders {
            let inside = canonical(folder) + "/"
            if target.hasPrefix(inside) {
                throw SyncError(
                    .output,
                    "--results \(path) is inside \(folder), which the run reads"
                )
            }
        }
        var isDirectory: ObjCBool = false
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw SyncError(.output, "the folder \(folder) of --results does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw SyncError(.output, "the folder \(folder) of --results is not writable")
        }
    }

    /// One spelling per file: absolute, with `.`, `..` and links resolved.
    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Writes the current result of every application in `liveApplicationIds`.
    ///
    /// Written to a temporary file beside the target and renamed over it in one step
    /// (rename(2) replaces a file atomically), so a reader sees the old export or the new
    /// one, never half of one or none.
    public static func write(
        to path: String,
        liveApplicationIds: [String],
        store: MatcherStore
    ) throws(SyncError) {
        let current: [String: StoredResult]
        do {
            current = try store.currentResults()
        } catch {
            throw SyncError(.store, error.description)
        }
        let target = URL(fileURLWithPath: path)
        let temporaryPath = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(getpid()).partial").path
        do {
            guard FileManager.default.createFile(atPath: temporaryPath, contents: nil) else {
                throw SyncError(.output, "cannot create \(temporaryPath)")
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporaryPath))
            defer { try? handle.close() }
            try writeLines(of: liveApplicationIds, current: current, to: handle)
            try handle.synchronize()
            guard rename(temporaryPath, path) == 0 else {
                throw SyncError(
                    .output,
                    "cannot move the export into place: \(String(cString: strerror(errno)))"
                )
            }
        } catch let error as SyncError {
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw error
        } catch {
            try? FileManager.default.removeItem(atPath: temporaryPath)
            throw SyncError(.output, "cannot write the results to \(path): \(error)")
        }
    }

    private static func writeLines(
        of applicationIds: [String],
        current: [String: StoredResult],
        to handle: FileHandle
    ) throws {
        let decoder = JSONDecoder()
        let encoder = Self.encoder
        var batch = Data()
        for applicationId in applicationIds {
            guard let stored = current[applicationId] else { continue }
            let result = try decoder.decode(MatchResult.self, from: stored.document)
            let line = Line(
                applicationId: result.applicationId,
                version: result.version,
                runId: String(stored.runId),
                matchedAt: stored.matchedAt,
                socialInsurance: result.socialInsurance,
                property: result.property
            )
            batch.append(try encoder.encode(line))
            batch.append(0x0A)
            if batch.count > 1 << 20 {
                try handle.write(contentsOf: batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: batch)
    }
}

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

    /// Refuses a target the export must not replace; see ``OutputFile/checkTarget``.
    public static func checkTarget(
        _ path: String,
        notSameAs protected: [String],
        notInside protectedFolders: [String] = []
    ) throws(SyncError) {
        try OutputFile.checkTarget(
            path,
            flag: "--results",
            notSameAs: protected,
            notInside: protectedFolders
        )
    }

    /// Writes the current result of every application in `liveApplicationIds`.
    ///
    /// Replaced in one step (``OutputFile/replace(_:_:)``): a reader sees the old export or
    /// the new one, never half of one or none.
    public static func write(
        to path: String,
        liveApplicationIds: [String],
        store: MatcherStore
    ) throws(SyncError) {
        let current = try SyncError.fromStore { () throws(StoreError) in
            try store.currentResults()
        }
        try OutputFile.replace(path) { handle in
            try writeLines(of: liveApplicationIds, current: current, to: handle)
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

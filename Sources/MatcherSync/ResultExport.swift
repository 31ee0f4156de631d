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

    /// Writes the current result of every application in `liveApplicationIds`.
    ///
    /// Written to a temporary file beside the target and renamed into place, so a reader
    /// never sees half an export.
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
        let temporaryPath = path + ".partial"
        do {
            guard FileManager.default.createFile(atPath: temporaryPath, contents: nil) else {
                throw SyncError(.output, "cannot create \(temporaryPath)")
            }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporaryPath))
            defer { try? handle.close() }
            let decoder = JSONDecoder()
            let encoder = Self.encoder
            var batch = Data()
            for applicationId in liveApplicationIds {
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
            try handle.synchronize()
            if FileManager.default.fileExists(atPath: path) {
                try FileManager.default.removeItem(atPath: path)
            }
            try FileManager.default.moveItem(atPath: temporaryPath, toPath: path)
        } catch let error as SyncError {
            throw error
        } catch {
            throw SyncError(.output, "cannot write the results to \(path): \(error)")
        }
    }
}

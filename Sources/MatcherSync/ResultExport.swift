import Dispatch
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
            return try result.canonicalJSON()
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

    /// The export line of a stored result: the result with the run that made it.
    static func line(of stored: StoredResult) throws -> Data {
        if let line = splicedLine(of: stored) {
            return line
        }
        let result = try JSONDecoder().decode(MatchResult.self, from: stored.document)
        let line = Line(
            applicationId: result.applicationId,
            version: result.version,
            runId: String(stored.runId),
            matchedAt: stored.matchedAt,
            socialInsurance: result.socialInsurance,
            property: result.property
        )
        return try encoder.encode(line)
    }

    /// The export line made from the stored document's own bytes, or nil when the document
    /// is not in the form ``document(of:)`` writes.
    ///
    /// A stored document is `{"applicationId":…,"property":{…},"socialInsurance":{…},
    /// "version":…}`, with sorted keys; the line adds `matchedAt` and `runId` in their sorted
    /// places. Inserting them into the bytes gives what decoding and encoding anew gives, at
    /// a small part of the cost, which matters when every result of a province is written.
    static func splicedLine(of stored: StoredResult) -> Data? {
        var matchedAt = stored.matchedAt
        var runId = String(stored.runId)
        return matchedAt.withUTF8 { time -> Data? in
            // Both are written by this service; anything needing escapes takes the long way.
            guard time.allSatisfy(JSONScan.isPlain) else { return nil }
            return runId.withUTF8 { run -> Data? in
                stored.document.withUnsafeBytes { raw -> Data? in
                    let bytes = raw.bindMemory(to: UInt8.self)
                    var scan = JSONScan(bytes)
                    guard scan.skip(#"{"applicationId":"#), scan.skipString() else { return nil }
                    let afterId = scan.offset
                    guard scan.skip(#","property":"#), scan.skipValue() else { return nil }
                    let afterProperty = scan.offset
                    guard scan.skip(#","socialInsurance":"#) else { return nil }
                    var line = Data(capacity: bytes.count + 80)
                    line.append(UnsafeBufferPointer(rebasing: bytes[0..<afterId]))
                    Self.append(#","matchedAt":""#, to: &line)
                    line.append(time)
                    line.append(0x22)
                    line.append(UnsafeBufferPointer(rebasing: bytes[afterId..<afterProperty]))
                    Self.append(#","runId":""#, to: &line)
                    line.append(run)
                    line.append(0x22)
                    line.append(UnsafeBufferPointer(rebasing: bytes[afterProperty...]))
                    return line
                }
            }
        }
    }

    private static func append(_ text: StaticString, to data: inout Data) {
        data.append(text.utf8Start, count: text.utf8CodeUnitCount)
    }
}

/// Steps through JSON that this service wrote: literal text, strings and whole values.
struct JSONScan {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var offset = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Whether a byte stands for itself inside a JSON string.
    static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte != 0x22 && byte != 0x5C
    }

    /// Steps over `text` when the bytes continue with it.
    mutating func skip(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard bytes.count - offset >= count, let base = bytes.baseAddress,
            memcmp(base + offset, text.utf8Start, count) == 0
        else { return false }
        offset += count
        return true
    }

    /// Steps over a string, escapes included.
    mutating func skipString() -> Bool {
        guard offset < bytes.count, bytes[offset] == 0x22 else { return false }
        offset += 1
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x22:
                offset += 1
                return true
            case 0x5C:
                offset += 2
            default:
                offset += 1
            }
        }
        return false
    }

    /// Steps over one value: an object or array with everything in it, a string, or a
    /// scalar.
    mutating func skipValue() -> Bool {
        var depth = 0
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x22:
                guard skipString() else { return false }
                if depth == 0 { return true }
                continue
            case 0x7B, 0x5B:
                depth += 1
            case 0x7D, 0x5D:
                guard depth > 0 else { return true }
                depth -= 1
                if depth == 0 {
                    offset += 1
                    return true
                }
            case 0x2C where depth == 0:
                return true
            default:
                break
            }
            offset += 1
        }
        return depth == 0
    }
}

/// The result export as a run writes it while it matches: the line of every live
/// application's result, in the order of their ids, in a temporary file that ``finish()``
/// puts in place once the run's results are committed.
///
/// A line that cannot be made, or a write that fails, fails the export and not the run:
/// the first error is kept, later lines are let go, and ``finish()`` throws it.
///
/// Lines are written on a queue of the writer's own, so that matching goes on while they
/// go to disk; at most ``batchesInFlight`` batches wait for it, which bounds the memory.
final class ExportWriter: @unchecked Sendable {
    // Unchecked: the buffer, the failure and the file are used only on `queue`.
    private let pending: OutputFile.Pending
    private var buffer = Data()
    private var failure: SyncError?
    private let queue = DispatchQueue(label: "result-export")
    private let room = DispatchSemaphore(value: batchesInFlight)

    /// Lines are written in pieces of about this many bytes.
    private static let writeSize = 1 << 20
    /// Batches appended and not yet written.
    static let batchesInFlight = 4

    init(path: String) throws(SyncError) {
        pending = try OutputFile.Pending(replacing: path)
        buffer.reserveCapacity(Self.writeSize + (64 << 10))
    }

    /// Queues a batch of lines, in order after those appended before; waits while
    /// ``batchesInFlight`` batches are queued.
    func append(_ lines: [Result<Data, SyncError>]) {
        room.wait()
        queue.async { [self] in
            defer { room.signal() }
            for line in lines {
                guard failure == nil else { return }
                switch line {
                case .success(let bytes):
                    buffer.append(bytes)
                    buffer.append(0x0A)
                    if buffer.count >= Self.writeSize {
                        flush()
                    }
                case .failure(let error):
                    failure = error
                }
            }
        }
    }

    /// Writes what is left and syncs it to disk behind the queued lines, so that it goes
    /// on while the run commits; nothing may be appended after it. ``finish()`` waits for
    /// it.
    func writeOutInBackground() {
        queue.async { [self] in
            flush()
            guard failure == nil else { return }
            do throws(SyncError) {
                try pending.synchronize()
            } catch {
                failure = error
            }
        }
    }

    /// Writes what is left and moves the export into place.
    func finish() throws(SyncError) {
        let failure = queue.sync { () -> SyncError? in
            flush()
            return self.failure
        }
        if let failure {
            pending.discard()
            throw failure
        }
        try pending.commit()
    }

    /// Removes the temporary file, leaving any earlier export as it was.
    func discard() {
        queue.sync {}
        pending.discard()
    }

    private func flush() {
        guard failure == nil, !buffer.isEmpty else { return }
        do {
            try pending.handle.write(contentsOf: buffer)
        } catch {
            failure = SyncError(.output, "cannot write \(pending.path): \(readableReason(error))")
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

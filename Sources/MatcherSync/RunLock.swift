import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Keeps a second sync off a store while one runs.
///
/// An advisory `flock` on `<store>.lock`: the kernel releases it when the process ends in
/// any way, `kill -9` included, so a crashed run never leaves a stale lock behind. The
/// file holds the holder's pid and start time, for the message the next run prints.
public final class RunLock {
    private let descriptor: Int32

    /// Takes the lock of the store at `storePath`, or fails at once if another process
    /// holds it.
    public init(storePath: String, now: Date = Date()) throws(SyncError) {
        // Through a link or another spelling it is still the same store, so the lock is
        // taken on the store's real path.
        let path =
            URL(fileURLWithPath: storePath).standardizedFileURL.resolvingSymlinksInPath().path
            + ".lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SyncError(
                .store,
                "cannot open the lock file \(path): \(String(cString: strerror(errno)))"
            )
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.holder(of: descriptor)
            close(descriptor)
            throw SyncError(
                .locked,
                "another sync is running on \(storePath)\(holder); this one did nothing"
            )
        }
        let note = "pid \(getpid()) since \(Timestamp.text(now))\n"
        _ = ftruncate(descriptor, 0)
        _ = note.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    private static func holder(of descriptor: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 128)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return "" }
        let text = String(decoding: buffer[0..<count], as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "" : " (\(text))"
    }
}

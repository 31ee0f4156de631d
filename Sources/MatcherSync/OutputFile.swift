import Foundation
import MatcherCore

#if canImport(Glibc)
    import Glibc
#endif

/// A file the service writes for others to read (the result export, the JSON report):
/// checked before a run, and replaced in one step.
enum OutputFile {
    /// Refuses a target that may not be replaced: anything but a regular file (a folder, a
    /// device such as /dev/null), a file the run reads or writes, anything inside a folder
    /// the run reads, or a path in a folder that does not exist.
    ///
    /// - Parameters:
    ///   - flag: the option that named the path, for the message.
    ///   - protected: files that may not be replaced (the export, the store); the store's
    ///     companion files (`-wal`, `-shm`, `.lock`) are protected with it.
    ///   - protectedFolders: folders nothing may be written into (deliveries, mappings).
    static func checkTarget(
        _ path: String,
        flag: String,
        notSameAs protected: [String],
        notInside protectedFolders: [String] = []
    ) throws(SyncError) {
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let type = attributes[.type] as? FileAttributeType, type != .typeRegular
        {
            let what = type == .typeDirectory ? "a folder; name a file in it" : "not a regular file"
            throw SyncError(.output, "\(flag) \(path) is \(what)")
        }
        let target = canonical(path)
        let companions = protected.flatMap { [$0, $0 + "-wal", $0 + "-shm", $0 + ".lock"] }
        for other in companions where canonical(other) == target {
            throw SyncError(.output, "\(flag) \(path) would overwrite \(other)")
        }
        for folder in protectedFolders where target.hasPrefix(canonical(folder) + "/") {
            throw SyncError(.output, "\(flag) \(path) is inside \(folder), which the run reads")
        }
        var isDirectory: ObjCBool = false
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw SyncError(.output, "the folder \(folder) of \(flag) does not exist")
        }
        guard FileManager.default.isWritableFile(atPath: folder) else {
            throw SyncError(.output, "the folder \(folder) of \(flag) is not writable")
        }
        // Permissions say yes to root anywhere, and nothing of a read-only or virtual file
        // system: a file is made there and removed, as the write at the end will need.
        let probe = folder + "/.\(URL(fileURLWithPath: path).lastPathComponent).\(getpid()).probe"
        let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw SyncError(
                .output,
                "\(flag) \(path) cannot be written: the folder \(folder) takes no new file "
                    + "(\(reason))"
            )
        }
        close(descriptor)
        unlink(probe)
    }

    /// Writes a temporary file beside `path` with `body`, then renames it over `path`:
    /// rename(2) replaces a file atomically, so a reader sees the old file or the new one,
    /// never half of one or none.
    static func replace(_ path: String, _ body: (FileHandle) throws -> Void) throws(SyncError) {
        let pending = try Pending(replacing: path)
        do {
            try body(pending.handle)
        } catch let error as SyncError {
            pending.discard()
            throw error
        } catch {
            pending.discard()
            throw SyncError(.output, "cannot write \(path): \(readableReason(error))")
        }
        try pending.commit()
    }

    /// A file being written beside the one it will replace, under a temporary name, until
    /// ``commit()`` renames it over its target or ``discard()`` removes it.
    final class Pending {
        let path: String
        let temporaryPath: String
        let handle: FileHandle
        private var isOpen = true
        private var isSynchronized = false

        init(replacing path: String) throws(SyncError) {
            let target = URL(fileURLWithPath: path)
            let folder = target.deletingLastPathComponent()
            let prefix = ".\(target.lastPathComponent)."
            // A run killed while writing leaves its temporary file; the next write removes it.
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names where name.hasPrefix(prefix) && name.hasSuffix(".partial") {
                try? FileManager.default.removeItem(
                    atPath: folder.appendingPathComponent(name).path
                )
            }
            self.path = path
            temporaryPath = folder.appendingPathComponent("\(prefix)\(getpid()).partial").path
            guard FileManager.default.createFile(atPath: temporaryPath, contents: nil) else {
                throw SyncError(.output, "cannot create \(temporaryPath)")
            }
            do {
                handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporaryPath))
            } catch {
                try? FileManager.default.removeItem(atPath: temporaryPath)
                throw SyncError(.output, "cannot write \(temporaryPath): \(readableReason(error))")
            }
        }

        deinit {
            discard()
        }

        /// Writes what was written to disk; ``commit()`` then only moves the file into place.
        func synchronize() throws(SyncError) {
            guard isOpen else {
                throw SyncError(.output, "\(temporaryPath) was already closed")
            }
            do {
                try handle.synchronize()
                isSynchronized = true
            } catch {
                throw SyncError(.output, "cannot write \(path): \(readableReason(error))")
            }
        }

        /// Writes what was written to disk, unless ``synchronize()`` did, and moves the file
        /// into place.
        func commit() throws(SyncError) {
            guard isOpen else {
                throw SyncError(.output, "\(temporaryPath) was already closed")
            }
            isOpen = false
            do {
                if !isSynchronized {
                    try handle.synchronize()
                }
                try handle.close()
            } catch {
                try? FileManager.default.removeItem(atPath: temporaryPath)
                throw SyncError(.output, "cannot write \(path): \(readableReason(error))")
            }
            guard rename(temporaryPath, path) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(atPath: temporaryPath)
                throw SyncError(.output, "cannot move \(path) into place: \(reason)")
            }
        }

        /// Removes the temporary file, leaving the target as it was.
        func discard() {
            guard isOpen else { return }
            isOpen = false
            try? handle.close()
            try? FileManager.default.removeItem(atPath: temporaryPath)
        }
    }

    /// One spelling per file: absolute, with `.`, `..` and links resolved.
    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}

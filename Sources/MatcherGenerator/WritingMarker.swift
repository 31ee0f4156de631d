import Glibc

/// The `night.writing` file of an output folder, held open and locked while a night is
/// written into the folder.
///
/// The lock keeps a second generator from deleting or writing over the files of one that is
/// still writing; the kernel lets go of it when the process ends in any way, `kill -9`
/// included. The file itself outlives a generator that was cut off, so a marker that is there
/// but not locked names a night whose writing was cut off.
final class WritingMarker {
    let path: String
    /// Whether the marker was there before this generator took it, left by one cut off.
    let wasLeftOver: Bool
    private var descriptor: Int32

    /// Takes the marker of `folder`, creating it when there is none; fails at once when
    /// another generator holds it.
    init(in folder: String) throws(GeneratorError) {
        path = folder + "/" + NightGenerator.writingMarker
        while true {
            var wasLeftOver = false
            var descriptor = open(path, O_RDONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if descriptor < 0, errno == EEXIST {
                wasLeftOver = true
                descriptor = open(path, O_RDONLY | O_CLOEXEC)
                // Removed between the two calls by a generator that finished.
                if descriptor < 0, errno == ENOENT { continue }
            }
            guard descriptor >= 0 else {
                throw GeneratorError(.output, "cannot write into \(folder): \(Self.reason())")
            }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                let failure = errno
                if !wasLeftOver {
                    unlink(path)
                }
                close(descriptor)
                guard failure == EWOULDBLOCK else {
                    throw GeneratorError(
                        .output,
                        "cannot lock \(path): \(String(cString: strerror(failure)))"
                    )
                }
                throw GeneratorError(
                    .outputInUse,
                    "another `matcher generate` is writing into \(folder); wait for it or "
                        + "name another folder"
                )
            }
            // A generator that finishes removes its marker before it lets go of the lock, so
            // the lock just taken may be on a file that no longer has a name, while a marker
            // made since belongs to another generator. Only the file the folder names counts.
            guard Self.isNamed(path, by: descriptor) else {
                close(descriptor)
                continue
            }
            self.wasLeftOver = wasLeftOver
            self.descriptor = descriptor
            return
        }
    }

    deinit {
        // A night that was not finished keeps its marker, which names it as cut off.
        release()
    }

    /// Removes the marker and lets go of it: the night is whole.
    func finish() {
        unlink(path)
        release()
    }

    /// Leaves the folder as this generator found it: a marker it made goes, one left over
    /// stays.
    func withdraw() {
        if !wasLeftOver {
            unlink(path)
        }
        release()
    }

    private func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    private static func isNamed(_ path: String, by descriptor: Int32) -> Bool {
        var held = stat()
        var named = stat()
        guard fstat(descriptor, &held) == 0, stat(path, &named) == 0 else { return false }
        return held.st_dev == named.st_dev && held.st_ino == named.st_ino
    }

    private static func reason() -> String {
        String(cString: strerror(errno))
    }
}

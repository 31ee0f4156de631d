import Glibc

/// Reads a file front to back into caller-provided memory, hashing and counting every byte.
///
/// Plain `read(2)` on one descriptor: the readers above it need no more than sequential
/// chunks, and this keeps memory fixed however large the file is.
final class ByteFileReader {
    let path: String
    let hasher: SHA256Hasher
    private(set) var byteCount = 0
    private(set) var reachedEnd = false
    private let descriptor: Int32

    init(path: String) throws {
        // Opened without waiting, so that a named pipe no program writes to cannot hold the
        // run (and the store's lock) forever before it is refused below. On the regular
        // file that is read, the flag changes nothing.
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            throw FeedReadError.fileSystem(errno, path: path, action: "open")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let number = errno
            close(descriptor)
            throw FeedReadError.fileSystem(number, path: path, action: "inspect")
        }
        // Reading a directory fails only at the first read(2) with a vaguer message.
        guard status.st_mode & S_IFMT != S_IFDIR else {
            close(descriptor)
            throw FeedReadError.fileSystem(EISDIR, path: path, action: "open")
        }
        // A pipe, socket or device is no delivery or export: what it gives is not what a
        // manifest counted, and cannot be read again to find what was refused.
        guard status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw FeedReadError(
                code: .notARegularFile,
                message: "\(path) is not a regular file but a pipe, socket or device; "
                    + "name the file itself.",
                path: path
            )
        }
        // Only a hint: the kernel may read further ahead for a front-to-back scan.
        _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_SEQUENTIAL)
        do {
            hasher = try SHA256Hasher()
        } catch {
            close(descriptor)
            throw error
        }
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Reads up to `buffer.count` bytes into `buffer`, returning how many; 0 means the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !reachedEnd, let base = buffer.baseAddress, buffer.count > 0 else {
            return 0
        }
        while true {
            let count = Glibc.read(descriptor, base, buffer.count)
            if count > 0 {
                hasher.update(UnsafeRawBufferPointer(start: base, count: count))
                byteCount += count
                return count
            }
            if count == 0 {
                reachedEnd = true
                return 0
            }
            if errno != EINTR {
                throw FeedReadError.fileSystem(errno, path: path, action: "read")
            }
        }
    }
}

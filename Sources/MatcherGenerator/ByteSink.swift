import Glibc
import MatcherCore
import MatcherFeeds

/// A file written in one pass through a large reusable buffer, hashed (SHA-256) and counted
/// on the way, so the manifest is known the moment the last row is written.
///
/// Write errors are remembered rather than thrown from every append, which keeps the row
/// loops free of error handling; ``finish()`` reports the first one.
final class ByteSink {
    let path: String
    private let descriptor: Int32
    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var used = 0
    private let hasher: SHA256Hasher
    private let digitPairs = ByteSink.makeDigitPairs()
    private var failure: GeneratorError?
    /// Data rows written, counted by the caller with ``endRow()``.
    private(set) var rows = 0
    /// Bytes handed to the file so far.
    private(set) var bytesWritten = 0

    /// Creates (or truncates) the file at `path`.
    init(path: String, capacity: Int = 4 << 20) throws(GeneratorError) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw GeneratorError(.output, "cannot create \(path): \(Self.systemMessage())")
        }
        do {
            hasher = try SHA256Hasher()
        } catch {
            close(descriptor)
            throw GeneratorError(.output, "cannot hash \(path): \(readableReason(error))")
        }
        self.capacity = capacity
        buffer = .allocate(capacity: capacity)
    }

    deinit {
        buffer.deallocate()
        digitPairs.deallocate()
        if descriptor >= 0 {
            close(descriptor)
        }
    }

    /// Makes room for `count` more bytes; every append of a known size calls this.
    @inline(__always)
    func reserve(_ count: Int) {
        if used + count > capacity {
            flush()
        }
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        reserve(1)
        buffer[used] = byte
        used += 1
    }

    @inline(__always)
    func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let count = bytes.count
        guard count > 0, let base = bytes.baseAddress else { return }
        if count > capacity {
            flush()
            write(UnsafeRawBufferPointer(bytes))
            return
        }
        reserve(count)
        // Most pieces are a few bytes: a loop beats a call to memmove for those.
        if count <= 16 {
            for index in 0..<count {
                buffer[used + index] = base[index]
            }
        } else {
            (buffer + used).update(from: base, count: count)
        }
        used += count
    }

    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// A non-negative number in decimal, zero-padded to `width` digits.
    @inline(__always)
    func append(decimal value: Int, width: Int = 1) {
        var digits = 1
        var limit = 10
        while value >= limit && digits < 19 {
            digits += 1
            limit &*= 10
        }
        let count = max(digits, width)
        reserve(count)
        var remaining = value
        var position = used + count
        // Two digits at a time from a table: half the divisions of one at a time.
        while position - used >= 2 {
            let pair = remaining % 100 * 2
            remaining /= 100
            position -= 2
            buffer[position] = digitPairs[pair]
            buffer[position + 1] = digitPairs[pair + 1]
        }
        if position > used {
            buffer[used] = UInt8(truncatingIfNeeded: 0x30 + remaining % 10)
        }
        used += count
    }

    /// "00", "01", ... "99" as ASCII bytes, two per number.
    private static func makeDigitPairs() -> UnsafeMutablePointer<UInt8> {
        let pairs = UnsafeMutablePointer<UInt8>.allocate(capacity: 200)
        for value in 0..<100 {
            pairs[2 * value] = UInt8(0x30 + value / 10)
            pairs[2 * value + 1] = UInt8(0x30 + value % 10)
        }
        return pairs
    }

    /// Ends a data row: a line feed, counted.
    @inline(__always)
    func endRow() {
        append(0x0A)
        rows += 1
    }

    /// Ends the header row, which is not counted.
    func endHeader() {
        append(0x0A)
    }

    func flush() {
        guard used > 0 else { return }
        write(UnsafeRawBufferPointer(start: buffer, count: used))
        used = 0
    }

    private func write(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bytes)
        guard failure == nil, var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = Glibc.write(descriptor, base, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                failure = GeneratorError(
                    .output,
                    "cannot write \(path): \(Self.systemMessage())"
                )
                return
            }
            remaining -= written
            base += written
        }
        bytesWritten += bytes.count
    }

    /// Flushes and closes the file; returns its rows and SHA-256 (lowercase hex).
    func finish() throws(GeneratorError) -> (rows: Int, sha256: String) {
        flush()
        if let failure {
            throw failure
        }
        do {
            return (rows, try hasher.finalizeHex())
        } catch {
            throw GeneratorError(.output, "cannot hash \(path): \(readableReason(error))")
        }
    }

    private static func systemMessage() -> String {
        String(cString: strerror(errno))
    }
}

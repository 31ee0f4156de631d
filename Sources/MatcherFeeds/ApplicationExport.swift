import Foundation
import MatcherCore

/// A night's application export, read: the applications taken and the lines refused.
public struct ApplicationExport: Sendable {
    /// An application and the line it came from.
    public struct Entry: Sendable {
        public var line: Int
        public var application: Application
        /// The line's bytes as read, without its line break: should a later check refuse
        /// the line, these are what is kept, not the application encoded anew.
        public var raw: Data
    }

    /// A line that could not be taken, with its bytes so it can be found and fixed.
    public struct RefusedLine: Sendable {
        public var error: ApplicationLineError
        public var raw: Data
    }

    public var entries: [Entry] = []
    public var refused: [RefusedLine] = []
    /// Lines that held nothing but white space; not applications, not errors.
    public var blankLines = 0

    /// The longest line taken, in bytes without its line break: 1 MiB.
    ///
    /// One child's application is a few kilobytes, so a longer line is a broken export. The
    /// limit keeps memory bounded however long the line, and keeps refused bytes small
    /// enough to store.
    public static let maximumLineLength = 1 << 20

    /// How much of a line over ``maximumLineLength`` is kept as its refused bytes: the
    /// first 64 KiB. The rest is read past and not kept anywhere.
    public static let keptBytesOfLongLine = 64 << 10

    /// One line of the export as ``read(path:preparing:batches:)`` hands it on: what
    /// `prepare` made of its application, or why the line was refused.
    public enum Item<Prepared: Sendable>: Sendable {
        case application(PreparedEntry<Prepared>)
        case refused(RefusedLine)
        /// A line holding nothing but white space.
        case blank
    }

    /// A line whose application was taken, as `prepare` made it.
    ///
    /// The application itself is not handed on: it is given to `prepare` on the core that
    /// decoded it, and let go there, so that the reader in file order copies and frees
    /// only this.
    public struct PreparedEntry<Prepared: Sendable>: Sendable {
        public var line: Int
        public var applicationId: String
        /// The line's bytes as read, as ``Entry/raw``.
        public var raw: Data
        public var prepared: Prepared
    }

    /// Reads a JSON Lines export, tolerating a UTF-8 byte-order mark.
    ///
    /// Only a file that cannot be opened or read fails as a whole; every bad line is
    /// refused on its own, with its line number and reason, and the rest is still read.
    /// A line that repeats an `applicationId` is refused, and the first one kept: which of
    /// two versions of the truth is right is for the portal to say, not for us to guess.
    /// A line longer than ``maximumLineLength`` is refused with only its first
    /// ``keptBytesOfLongLine`` bytes.
    public static func read(path: String) throws(FeedError) -> ApplicationExport {
        var export = ApplicationExport()
        do {
            _ = try read(path: path, preparing: { $0 }) { items in
                for item in items {
                    switch item {
                    case .application(let entry):
                        export.entries.append(
                            Entry(line: entry.line, application: entry.prepared, raw: entry.raw)
                        )
                    case .refused(let line): export.refused.append(line)
                    case .blank: export.blankLines += 1
                    }
                }
            }
        } catch let error as FeedError {
            throw error
        } catch {
            // The collecting closure throws nothing, so only the file can have failed.
            throw FeedError(.unreadable, "cannot read the application export \(path): \(error)")
        }
        return export
    }

    /// Opens the export as reading it does, and refuses it as reading would (a path that is
    /// missing, a folder, a pipe or a file that cannot be read), and refuses a file whose
    /// first bytes show it is no JSON Lines text at all: a compressed file, a database, a
    /// program, UTF-16 text. Each of its "lines" would be refused one by one, and the night
    /// would pass for one with broken lines.
    public static func checkReadable(path: String) throws(FeedError) {
        var head = [UInt8](repeating: 0, count: 16)
        let count: Int
        do {
            let reader = try ByteFileReader(path: path)
            count = try head.withUnsafeMutableBytes { try reader.read(into: $0) }
        } catch {
            throw FeedError(
                .unreadable,
                "cannot read the application export \(path): \(reason(for: error))",
                cause: error
            )
        }
        if let kind = notTextKind(startingWith: head.prefix(count)) {
            throw FeedError(
                .unreadable,
                "\(path) is not the application export (JSON Lines in UTF-8) but \(kind)"
            )
        }
    }

    /// What a file beginning with `head` is, when its first bytes say it is no text: the
    /// signatures of the files most often given by mistake.
    static func notTextKind(startingWith head: ArraySlice<UInt8>) -> String? {
        let signatures: [(bytes: [UInt8], kind: String)] = [
            ([0x1F, 0x8B], "a gzip-compressed file"),
            ([0x50, 0x4B, 0x03, 0x04], "a zip archive (or a spreadsheet)"),
            ([0x42, 0x5A, 0x68], "a bzip2-compressed file"),
            ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "an xz-compressed file"),
            ([0x28, 0xB5, 0x2F, 0xFD], "a zstd-compressed file"),
            (Array("SQLite format 3".utf8) + [0], "an SQLite database"),
            ([0x7F, 0x45, 0x4C, 0x46], "a program"),
            ([0xFF, 0xFE, 0x00, 0x00], "UTF-32 text"),
            ([0x00, 0x00, 0xFE, 0xFF], "UTF-32 text"),
            ([0xFF, 0xFE], "UTF-16 text"),
            ([0xFE, 0xFF], "UTF-16 text"),
            // UTF-16 without its byte order mark: the opening brace beside a zero byte.
            ([0x7B, 0x00], "UTF-16 text"),
            ([0x00, 0x7B], "UTF-16 text"),
        ]
        return signatures.first { head.starts(with: $0.bytes) }?.kind
    }

    /// Reads a JSON Lines export as ``read(path:)`` does, handing its lines to `take` in
    /// batches, in file order, so that a night's export is never held at once.
    ///
    /// Each application is given to `prepare` on the core that decoded its line, and only
    /// what `prepare` returns is handed on: what the caller does per application in file
    /// order is then only what must be in order.
    ///
    /// - Returns: the number of the line each `applicationId` taken was first seen on.
    /// - Throws: ``FeedError`` when the file cannot be opened or read, or what `take` throws.
    public static func read<Prepared: Sendable>(
        path: String,
        preparing prepare: @Sendable (Application) -> Prepared,
        batches take: ([Item<Prepared>]) throws -> Void
    ) throws -> [String: Int] {
        var firstLineOfApplication: [String: Int] = [:]
        var batch: [Line] = []
        // Decoding is most of the work and each line is decoded alone, so a batch of lines
        // is decoded on every core; taking them, which finds repeated ids, keeps file order.
        func takeBatch() throws {
            guard !batch.isEmpty else { return }
            var items = batch.parallelMap(minimumSlice: 64) { line -> Item<Prepared> in
                switch decode(line) {
                case .blank:
                    return .blank
                case .refused(let error):
                    return .refused(RefusedLine(error: error, raw: line.bytes))
                case .application(let application):
                    let entry = PreparedEntry(
                        line: line.number,
                        applicationId: application.applicationId,
                        raw: line.bytes,
                        prepared: prepare(application)
                    )
                    return .application(entry)
                }
            }
            batch.removeAll(keepingCapacity: true)
            for index in items.indices {
                guard case .application(let entry) = items[index] else { continue }
                if let first = firstLineOfApplication[entry.applicationId] {
                    let error = ApplicationLineError(
                        line: entry.line,
                        reason: "repeats the applicationId of line \(first)",
                        applicationId: entry.applicationId
                    )
                    items[index] = .refused(RefusedLine(error: error, raw: entry.raw))
                } else {
                    firstLineOfApplication[entry.applicationId] = entry.line
                }
            }
            do {
                try take(items)
            } catch {
                throw PassedOn(error: error)
            }
        }
        do {
            try forEachLine(ofFileAt: path) { line in
                batch.append(line)
                if batch.count == batchSize {
                    try takeBatch()
                }
            }
            try takeBatch()
        } catch let passed as PassedOn {
            throw passed.error
        } catch {
            throw FeedError(
                .unreadable,
                "cannot read the application export \(path): \(reason(for: error))",
                cause: error
            )
        }
        return firstLineOfApplication
    }

    /// What the caller's `take` threw, carried past the file reading's own errors.
    private struct PassedOn: Error {
        var error: any Error
    }

    /// Why the file could not be read, without its path: the message names it once.
    static func reason(for error: any Error) -> String {
        guard let error = error as? FeedReadError else {
            return "\(error)"
        }
        switch error.code {
        case .fileNotFound:
            return "it does not exist"
        case .notAFile:
            return "it is a directory, not a file"
        case .notARegularFile:
            return "it is not a regular file but a pipe, socket or device"
        case .permissionDenied:
            return "this user may not read it; fix its permissions"
        default:
            // The underlying cause says what failed without the path, e.g. an I/O error.
            return error.underlying.map { "\($0)" } ?? "\(error.code)"
        }
    }

    /// Lines decoded together: enough to keep every core busy, few enough that memory
    /// holds them easily (each is at most ``maximumLineLength``, nearly always ~2 KiB).
    static let batchSize = 4096

    /// What one line holds, decided from its bytes alone.
    enum Decoded: Sendable {
        case blank
        case refused(ApplicationLineError)
        case application(Application)
    }

    /// Decodes one line; whatever depends on other lines (a repeated id) is decided after,
    /// in file order.
    @Sendable static func decode(_ line: Line) -> Decoded {
        let number = line.number
        let bytes = line.bytes
        guard line.length <= Self.maximumLineLength else {
            return .refused(
                ApplicationLineError(
                    line: number,
                    reason: "line is longer than 1 MiB (\(line.length) bytes); "
                        + "only its first 64 KiB are kept"
                )
            )
        }
        let isBlank = bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        guard !isBlank else {
            return .blank
        }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            return .refused(ApplicationLineError(line: number, reason: "not valid UTF-8 text"))
        }
        do {
            return .application(try ApplicationLine.decode(bytes, lineNumber: number))
        } catch {
            return .refused(error)
        }
    }

    /// One line as ``forEachLine(ofFileAt:maximumLength:keptBytes:chunkSize:_:)`` hands it on.
    struct Line: Sendable {
        /// 1-based.
        var number: Int
        /// The line without its line break; only the first bytes when it is over the limit.
        var bytes: Data
        /// The whole line's length in bytes, also when `bytes` holds only its start.
        var length: Int
    }

    /// Calls `body` with every line of the file (without its line break), streaming.
    ///
    /// Memory stays within `maximumLength` plus one chunk: a line that grows past the limit
    /// keeps only its first `keptBytes` while the rest is read past to the next line break.
    static func forEachLine(
        ofFileAt path: String,
        maximumLength: Int = maximumLineLength,
        keptBytes: Int = keptBytesOfLongLine,
        chunkSize: Int = 1 << 20,
        _ body: (Line) throws -> Void
    ) throws {
        let reader = try ByteFileReader(path: path)
        var pending = Data()
        var length = 0
        var number = 0
        var buffer = [UInt8](repeating: 0, count: max(1, chunkSize))
        var atStart = true

        func append(_ part: UnsafeRawBufferPointer) {
            length += part.count
            if length <= maximumLength {
                pending.append(contentsOf: part)
                return
            }
            // Over the limit: the start is all that is kept, and pending stays within it.
            let kept = min(keptBytes, maximumLength)
            pending.append(contentsOf: part.prefix(max(0, kept - pending.count)))
            if pending.count > kept {
                pending.removeSubrange((pending.startIndex + kept)...)
            }
        }

        func finishLine() throws {
            number += 1
            // A copy of just the bytes: a kept refused line must not hold on to the buffer.
            let bytes = pending.withUnsafeBytes { Data($0) }
            try body(Line(number: number, bytes: bytes, length: length))
            pending.removeAll(keepingCapacity: true)
            length = 0
        }

        while true {
            let count = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
            if count == 0 { break }
            try buffer.withUnsafeBytes { whole in
                var chunk = UnsafeRawBufferPointer(rebasing: whole[0..<count])
                if atStart {
                    atStart = false
                    if chunk.starts(with: [0xEF, 0xBB, 0xBF]) {
                        chunk = UnsafeRawBufferPointer(rebasing: chunk[3...])
                    }
                }
                // memchr finds the line breaks; a line wholly inside the chunk is copied once,
                // straight into its own `Data`.
                while let base = chunk.baseAddress, !chunk.isEmpty,
                    let found = memchr(base, 0x0A, chunk.count)
                {
                    let lineLength = base.distance(to: UnsafeRawPointer(found))
                    let line = UnsafeRawBufferPointer(start: base, count: lineLength)
                    if length == 0 && lineLength <= maximumLength {
                        number += 1
                        try body(Line(number: number, bytes: Data(line), length: lineLength))
                    } else {
                        append(line)
                        try finishLine()
                    }
                    chunk = UnsafeRawBufferPointer(rebasing: chunk[(lineLength + 1)...])
                }
                append(chunk)
            }
        }
        if length > 0 {
            try finishLine()
        }
    }
}

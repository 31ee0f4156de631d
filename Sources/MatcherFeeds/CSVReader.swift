import Glibc

/// Reads an RFC 4180 CSV file record by record, straight from its bytes, and computes the
/// file's SHA-256 on the way.
///
/// The reader splits on the bytes of comma, quote, CR and LF, which never occur inside a
/// multi-byte character in UTF-8 or GB 18030, and decodes nothing itself: callers decode
/// only the fields they need through `CSVRecord.string(_:decoder:)`. Memory stays at one
/// buffer of `chunkSize` bytes however large the file, growing only to hold a single record
/// longer than that.
///
/// How it reads:
/// - Fields are separated by `,`. A record ends at CRLF, LF, or a lone CR; a lone CR is
///   taken as a line break, as old exporters wrote it, rather than kept as data that would
///   then hide at the end of an ID number.
/// - A field starting with `"` is quoted: it may contain commas, line breaks and `""` for
///   one quote, and comes back without its quotes.
/// - A line with no bytes at all is not a record: every feed has several columns, so it
///   cannot be a data row, and an empty line at the end is only a trailing line break.
///   Such lines are counted in `blankLineCount`. The last record may lack a line break.
/// - A UTF-8 byte order mark at the start of the file is skipped, though hashed and counted.
///
/// Malformed quoting is read leniently and reported on the record, not thrown, so one bad
/// row does not stop a file of millions: a `"` inside an unquoted field is kept as data, and
/// text between a closing quote and the next separator is appended to the field. Either
/// sets `CSVRecord.problem`. Failures after which no further record can be trusted are
/// thrown, and the reader then throws the same error on every later call: the file cannot be
/// read, a quoted field is still open at the end of the file (the file is cut short), or a
/// record outgrows `maximumRecordSize`.
///
/// A reader is used from one task at a time; it is not `Sendable`.
public final class CSVReader {
    /// The file being read.
    public let path: String
    /// The SHA-256 of every byte of the file, as 64 lowercase hex digits; nil until
    /// `nextRecord()` has returned nil.
    public private(set) var sha256Hex: String?
    /// How many bytes have been read from the file; the file's size once the end is reached.
    public var byteCount: Int { file.byteCount }
    /// How many records `nextRecord()` has returned, the header included.
    public internal(set) var recordCount = 0
    /// How many empty lines were passed over (see the type's description).
    public internal(set) var blankLineCount = 0
    /// The first line a lone CR ended, when one did: a CR typed into a field splits its
    /// row in two, and an operator told that the rows disagree with the manifest needs to
    /// know where.
    public internal(set) var firstLoneCarriageReturnLine: Int?
    /// Whether the file started with a UTF-8 byte order mark, which was skipped.
    public private(set) var skippedByteOrderMark = false

    let file: ByteFileReader
    private let chunkSize: Int
    let maximumRecordSize: Int
    var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// Bytes `storage[0..<end]` have been read; the unread record starts at `recordStart`.
    var end = 0
    var recordStart = 0
    /// The file offset of `storage[0]`.
    var storageFileOffset = 0
    var line = 1
    var fields = FieldBounds(capacity: 64)
    private(set) var checkedByteOrderMark = false
    private(set) var finished = false
    private(set) var failure: (any Error)?

    /// Opens a CSV file for reading.
    ///
    /// - Parameters:
    ///   - path: The file to read.
    ///   - chunkSize: How many bytes to read at a time; at least 1.
    ///   - maximumRecordSize: The longest record, in bytes, the reader will hold before
    ///     giving up; it bounds memory when a quote never closes.
    /// - Throws: `FeedReadError` naming the path if the file cannot be opened.
    public init(
        path: String,
        chunkSize: Int = 1 << 20,
        maximumRecordSize: Int = 1 << 24
    ) throws {
        self.path = path
        self.chunkSize = max(1, chunkSize)
        self.maximumRecordSize = max(1, maximumRecordSize)
        file = try ByteFileReader(path: path)
        capacity = self.chunkSize
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deallocate()
        fields.deallocate()
    }

    /// Returns the next record, or nil at the end of the file.
    ///
    /// The record borrows the reader's buffer and is valid until the next call.
    ///
    /// - Throws: `FeedReadError` if the file cannot be read, ends inside a quoted field, or
    ///   holds a record longer than `maximumRecordSize`; later calls throw it again.
    public func nextRecord() throws -> CSVRecord? {
        if let failure {
            throw failure
        }
        if finished {
            return nil
        }
        do {
            if !checkedByteOrderMark {
                try skipByteOrderMark()
            }
            if let record = plainLineRecord() {
                recordCount += 1
                return record
            }
            guard let record = try parseRecord() else {
                sha256Hex = try file.hasher.finalizeHex()
                finished = true
                return nil
            }
            recordCount += 1
            return record
        } catch {
            failure = error
            throw error
        }
    }

    private func skipByteOrderMark() throws {
        while end < 3 && !file.reachedEnd {
            _ = try refill(keepingFrom: 0, recordLine: 1)
        }
        if end >= 3 && storage[0] == 0xEF && storage[1] == 0xBB && storage[2] == 0xBF {
            recordStart = 3
            skippedByteOrderMark = true
        }
        checkedByteOrderMark = true
    }
}

// MARK: - Buffering

extension CSVReader {
    /// Moves the unfinished record, from `start` on, to the front of the buffer and reads
    /// more of the file after it; returns how far the record moved.
    func refill(keepingFrom start: Int, recordLine: Int) throws -> Int {
        let kept = end - start
        if start > 0 {
            if kept > 0 {
                memmove(storage, storage + start, kept)
            }
            storageFileOffset += start
            end = kept
        }
        guard kept <= maximumRecordSize else {
            let hasQuote = memchr(storage, Int32(Self.quoteByte), kept) != nil
            throw recordTooLarge(
                line: recordLine,
                byteOffset: storageFileOffset,
                hasQuote: hasQuote
            )
        }
        // Keeps every read at least half a chunk, so a long record costs few system calls.
        if capacity - end < max(1, chunkSize / 2) {
            grow(to: max(capacity * 2, end + chunkSize))
        }
        let free = UnsafeMutableRawBufferPointer(start: storage + end, count: capacity - end)
        end += try file.read(into: free)
        return start
    }

    private func grow(to newCapacity: Int) {
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        larger.update(from: storage, count: end)
        storage.deallocate()
        storage = larger
        capacity = newCapacity
    }
}

// MARK: - Problems

extension CSVReader {
    func describe(_ problem: QuotingProblem) -> FeedReadError {
        let place = "\(path), line \(problem.line) (byte \(problem.byteOffset))"
        let what: String
        switch problem.kind {
        case .strayQuote:
            what =
                "field \(problem.field) has a quote inside an unquoted field, which was "
                + "kept as data. RFC 4180 wants such a field quoted with its quotes doubled"
        case .textAfterClosingQuote:
            what =
                "field \(problem.field) has text after its closing quote, which was "
                + "appended to the field. A quoted field must end at its closing quote"
        }
        return FeedReadError(
            code: .malformedField,
            message: "\(place): \(what); check the department's export.",
            path: path,
            line: problem.line,
            byteOffset: problem.byteOffset
        )
    }

    func unterminatedQuote(line: Int, byteOffset: Int) -> FeedReadError {
        FeedReadError(
            code: .unterminatedQuote,
            message: "\(path): the quoted field opened on line \(line) (byte \(byteOffset)) is "
                + "still open at the end of the file, so the file is probably cut short; ask "
                + "the department to deliver it again.",
            path: path,
            line: line,
            byteOffset: byteOffset
        )
    }

    /// `hasQuote`: whether the record's bytes hold a quote, which tells the likely cause.
    func recordTooLarge(line: Int, byteOffset: Int, hasQuote: Bool) -> FeedReadError {
        let cause =
            hasQuote
            ? "most likely a quote there never closes"
            : "it holds no quote, so its line breaks are most likely lost or not LF, CRLF or CR"
        return FeedReadError(
            code: .recordTooLarge,
            message: "\(path): the record starting on line \(line) (byte \(byteOffset)) runs "
                + "past \(maximumRecordSize) bytes, far longer than any feed row; \(cause). "
                + "Check the file around that line.",
            path: path,
            line: line,
            byteOffset: byteOffset
        )
    }
}

/// One record of a CSV file: its fields as byte ranges in the reader's buffer.
///
/// A record borrows the reader's memory, so that reading a record allocates nothing per
/// field: its bytes are valid only until the next call to `CSVReader.nextRecord()`. Decode
/// or copy what you need before reading on. Quoted fields come back without their quotes
/// and with doubled quotes collapsed.
public struct CSVRecord {
    /// The 1-based physical line the record starts on; the header is line 1.
    public let line: Int
    /// The offset in bytes of the record's first byte from the start of the file.
    public let byteOffset: Int
    /// How many fields the record has; at least 1.
    public let fieldCount: Int

    // Records are returned by the million, so they stay small: the path is the reader's and
    // a problem is kept as bare facts until someone asks for the error. The reader is not
    // retained: a record is only valid while its reader reads on (see above), and counting
    // references to it for every row cost more than splitting the row.
    unowned(unsafe) let reader: CSVReader
    let quotingProblem: CSVReader.QuotingProblem?
    let base: UnsafePointer<UInt8>
    let ranges: UnsafePointer<Range<Int>>

    /// How the record breaks RFC 4180 quoting, if it does (code `.malformedField`).
    ///
    /// The fields were still read, as `CSVReader` describes, so the caller decides whether
    /// to use the record or reject it and carry on with the next.
    public var problem: FeedReadError? {
        quotingProblem.map(reader.describe)
    }

    /// Whether the record breaks RFC 4180 quoting; ``problem`` says how.
    public var hasQuotingProblem: Bool {
        quotingProblem != nil
    }

    /// The bytes of field `index` (0-based), valid until the next `nextRecord()`.
    public func bytes(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let range = self.range(index)
        return UnsafeBufferPointer(start: base + range.lowerBound, count: range.count)
    }

    /// Whether field `index` (0-based) has no bytes; `""` quoted counts as empty too.
    public func isEmpty(_ index: Int) -> Bool {
        range(index).isEmpty
    }

    /// Decodes field `index` (0-based) to a `String`.
    ///
    /// - Throws: `FeedReadError` with code `.invalidText`, naming the file, the record's
    ///   line, the field and the offending bytes in hex.
    public func string(_ index: Int, decoder: FieldDecoder) throws -> String {
        do {
            return try decoder.decodeOrFail(bytes(index))
        } catch {
            let fieldOffset = byteOffset + range(index).lowerBound
            let path = reader.path
            throw FeedReadError(
                code: .invalidText,
                message: "\(path), record on line \(line), field \(index + 1) (byte "
                    + "\(fieldOffset)): \(error.describedBytes) at position \(error.offset) "
                    + "of the field are not valid \(decoder.encoding.rawValue); check that "
                    + "the manifest names the encoding the file is really in.",
                path: path,
                line: line,
                byteOffset: fieldOffset
            )
        }
    }

    /// Decodes every field, e.g. to read a header row.
    public func strings(decoder: FieldDecoder) throws -> [String] {
        try (0..<fieldCount).map { try string($0, decoder: decoder) }
    }

    private func range(_ index: Int) -> Range<Int> {
        // The ranges are raw memory, so the bounds check an array would make is made here.
        precondition(index >= 0 && index < fieldCount, "field index \(index) out of range")
        return ranges[index]
    }
}

extension CSVRecord {
    /// The bytes of field `index` when they are printable ASCII without spaces, the form
    /// nearly every key column comes in; nil otherwise.
    ///
    /// Such bytes are their own text in every encoding a delivery may use and need no
    /// trimming, so a reader can decide from them alone whether a row is wanted, and decode
    /// only the rows it keeps.
    public func plainASCII(_ index: Int) -> UnsafeBufferPointer<UInt8>? {
        let field = bytes(index)
        return Self.isPlainASCII(field) ? field : nil
    }

    /// Whether bytes are printable ASCII without spaces, and at least one; see
    /// ``plainASCII(_:)``.
    public static func isPlainASCII(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        !field.isEmpty && field.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }
}

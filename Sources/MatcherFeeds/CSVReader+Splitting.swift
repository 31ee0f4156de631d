import Glibc

extension CSVReader {
    private enum Mode {
        case fieldStart
        case unquoted
        case quoted
        case afterClosingQuote
    }

    /// Where a record first broke the quoting rules; turned into an error once it ends.
    struct QuotingProblem {
        enum Kind {
            case strayQuote
            case textAfterClosingQuote
        }

        var kind: Kind
        var line: Int
        var byteOffset: Int
        var field: Int
    }

    private static let comma: UInt8 = 0x2C
    private static let quote: UInt8 = 0x22
    private static let carriageReturn: UInt8 = 0x0D
    private static let lineFeed: UInt8 = 0x0A

    // One loop over the bytes with the state in locals, so that the hot path touches no
    // class properties. Quoted fields are unescaped in place: each collapsed `""` moves the
    // rest of the field one byte left, never before the field's first content byte, so a
    // field's start stays where it was in the file and error offsets stay exact. When the
    // buffer runs out mid-record, `refill` moves the record to the front and every position
    // shifts with it.
    func parseRecord() throws -> CSVRecord? {
        // A plain copy of the reader's reusable buffer, written back on every way out
        // (throws included) because appending may have moved it.
        var ranges = fields
        ranges.count = 0
        defer { fields = ranges }

        var bytes = storage
        var end = self.end
        var atEnd = file.reachedEnd
        var start = recordStart
        var index = start
        var line = self.line
        var recordLine = line
        var mode = Mode.fieldStart
        // The field's content starts at `fieldStart`; content before `write` is final, and
        // the bytes from `segmentStart` to the scan position still have to move to `write`.
        var fieldStart = start
        var segmentStart = start
        var write = start
        var quoteLine = line
        var quoteOffset = 0
        // Only the facts are kept while scanning; a `FeedReadError` is large enough that
        // carrying one through the loop slowed every byte.
        var problem: QuotingProblem?

        parsing: while true {
            switch mode {
            case .fieldStart:
                if index == end {
                    guard atEnd else {
                        break
                    }
                    if ranges.count == 0 {
                        recordStart = index
                        self.line = line
                        return nil
                    }
                    // A separator just before the end leaves one more, empty field.
                    fieldStart = index
                    segmentStart = index
                    write = index
                    mode = .unquoted
                    continue parsing
                }
                let byte = bytes[index]
                if byte == Self.quote {
                    quoteLine = line
                    quoteOffset = storageFileOffset + index
                    index += 1
                    fieldStart = index
                    segmentStart = index
                    write = index
                    mode = .quoted
                    continue parsing
                }
                if ranges.count == 0 && (byte == Self.lineFeed || byte == Self.carriageReturn) {
                    let hasNext = index + 1 < end
                    if byte == Self.carriageReturn && !hasNext && !atEnd {
                        break
                    }
                    let isCRLF =
                        byte == Self.carriageReturn && hasNext
                        && bytes[index + 1] == Self.lineFeed
                    index += isCRLF ? 2 : 1
                    line += 1
                    blankLineCount += 1
                    start = index
                    recordLine = line
                    continue parsing
                }
                fieldStart = index
                segmentStart = index
                write = index
                mode = .unquoted
                continue parsing

            case .unquoted:
                while index < end {
                    if end - index >= 8 {
                        let candidates = Self.bytesBelow(Self.comma + 1, at: bytes + index)
                        if candidates == 0 {
                            index += 8
                            continue
                        }
                        index += candidates.trailingZeroBitCount >> 3
                    }
                    let byte = bytes[index]
                    // Every byte that matters here is at most a comma; most bytes are above.
                    if byte > Self.comma {
                        index += 1
                        continue
                    }
                    if byte == Self.comma {
                        Self.closeField(
                            bytes,
                            start: start,
                            fieldStart: fieldStart,
                            segmentStart: segmentStart,
                            write: write,
                            end: index,
                            into: &ranges
                        )
                        index += 1
                        mode = .fieldStart
                        continue parsing
                    }
                    if byte == Self.lineFeed || byte == Self.carriageReturn {
                        let hasNext = index + 1 < end
                        if byte == Self.carriageReturn && !hasNext && !atEnd {
                            break
                        }
                        Self.closeField(
                            bytes,
                            start: start,
                            fieldStart: fieldStart,
                            segmentStart: segmentStart,
                            write: write,
                            end: index,
                            into: &ranges
                        )
                        let isCRLF =
                            byte == Self.carriageReturn && hasNext
                            && bytes[index + 1] == Self.lineFeed
                        if byte == Self.carriageReturn && !isCRLF
                            && firstLoneCarriageReturnLine == nil
                        {
                            firstLoneCarriageReturnLine = line
                        }
                        index += isCRLF ? 2 : 1
                        line += 1
                        break parsing
                    }
                    if byte == Self.quote && problem == nil {
                        problem = QuotingProblem(
                            kind: .strayQuote,
                            line: line,
                            byteOffset: storageFileOffset + index,
                            field: ranges.count + 1
                        )
                    }
                    index += 1
                }
                if atEnd && index == end {
                    Self.closeField(
                        bytes,
                        start: start,
                        fieldStart: fieldStart,
                        segmentStart: segmentStart,
                        write: write,
                        end: index,
                        into: &ranges
                    )
                    break parsing
                }

            case .quoted:
                while index < end {
                    if end - index >= 8 {
                        let candidates = Self.bytesBelow(Self.quote + 1, at: bytes + index)
                        if candidates == 0 {
                            index += 8
                            continue
                        }
                        index += candidates.trailingZeroBitCount >> 3
                    }
                    let byte = bytes[index]
                    // Quote, CR and LF are all at most a quote; most bytes are above.
                    if byte > Self.quote {
                        index += 1
                        continue
                    }
                    if byte == Self.quote {
                        let hasNext = index + 1 < end
                        if !hasNext && !atEnd {
                            break
                        }
                        let isDoubled = hasNext && bytes[index + 1] == Self.quote
                        // A doubled quote keeps its first half as content.
                        let segmentEnd = isDoubled ? index + 1 : index
                        let count = segmentEnd - segmentStart
                        if write != segmentStart && count > 0 {
                            memmove(bytes + write, bytes + segmentStart, count)
                        }
                        write += count
                        if isDoubled {
                            index += 2
                            segmentStart = index
                            continue
                        }
                        index += 1
                        mode = .afterClosingQuote
                        continue parsing
                    }
                    if byte == Self.lineFeed {
                        line += 1
                    } else if byte == Self.carriageReturn {
                        let hasNext = index + 1 < end
                        if !hasNext && !atEnd {
                            break
                        }
                        // CRLF counts once, at its LF.
                        if !hasNext || bytes[index + 1] != Self.lineFeed {
                            line += 1
                        }
                    }
                    index += 1
                }
                if atEnd && index == end {
                    throw unterminatedQuote(line: quoteLine, byteOffset: quoteOffset)
                }

            case .afterClosingQuote:
                if index == end && !atEnd {
                    break
                }
                if index < end {
                    let byte = bytes[index]
                    let isSeparator =
                        byte == Self.comma || byte == Self.lineFeed
                        || byte == Self.carriageReturn
                    if !isSeparator && problem == nil {
                        problem = QuotingProblem(
                            kind: .textAfterClosingQuote,
                            line: line,
                            byteOffset: storageFileOffset + index,
                            field: ranges.count + 1
                        )
                    }
                }
                // The rest of the field, normally nothing, is read as unquoted text
                // appended after the content already written.
                segmentStart = index
                mode = .unquoted
                continue parsing
            }

            // The buffer ran out before the record ended and more of the file remains.
            let shift = try refill(keepingFrom: start, recordLine: recordLine)
            bytes = storage
            end = self.end
            atEnd = file.reachedEnd
            start -= shift
            index -= shift
            fieldStart -= shift
            segmentStart -= shift
            write -= shift
        }

        recordStart = index
        self.line = line
        return CSVRecord(
            line: recordLine,
            byteOffset: storageFileOffset + start,
            fieldCount: ranges.count,
            reader: self,
            quotingProblem: problem,
            base: UnsafePointer(bytes + start),
            ranges: UnsafePointer(ranges.base)
        )
    }

    /// Marks, in the high bit of each byte, the bytes among the eight at `pointer` whose
    /// value is below `limit`, which must be at most 0x80. The lowest marked byte is exact;
    /// marks above it may be spurious, so only the first is to be trusted.
    @inline(__always)
    private static func bytesBelow(_ limit: UInt8, at pointer: UnsafeMutablePointer<UInt8>)
        -> UInt64
    {
        // The borrow trick from "Bit Twiddling Hacks" (hasless); the little-endian view puts
        // the first byte in memory lowest, so trailing zeros count the bytes to skip.
        let word = UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
        let ones: UInt64 = 0x0101_0101_0101_0101
        return (word &- ones &* UInt64(limit)) & ~word & (ones &* 0x80)
    }

    /// Ends the current field at `end`, first moving its pending segment into place.
    @inline(__always)
    private static func closeField(
        _ bytes: UnsafeMutablePointer<UInt8>,
        start: Int,
        fieldStart: Int,
        segmentStart: Int,
        write: Int,
        end: Int,
        into ranges: inout FieldBounds
    ) {
        let count = end - segmentStart
        if write != segmentStart && count > 0 {
            memmove(bytes + write, bytes + segmentStart, count)
        }
        ranges.append((fieldStart - start)..<(write + count - start))
    }
}

/// The fields of the record being read, as ranges from its first byte, in memory the reader
/// reuses for every record so that reading a record allocates nothing.
///
/// A plain value over manually managed memory: `CSVReader` owns the one live copy and
/// deallocates it.
struct FieldBounds {
    private(set) var base: UnsafeMutablePointer<Range<Int>>
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    @inline(__always)
    mutating func append(_ range: Range<Int>) {
        if count == capacity {
            grow()
        }
        (base + count).initialize(to: range)
        count += 1
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<Range<Int>>.allocate(capacity: capacity * 2)
        larger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }

    func deallocate() {
        base.deallocate()
    }
}

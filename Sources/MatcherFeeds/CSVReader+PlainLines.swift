import Glibc

extension CSVReader {
    /// The next record when it is a plain line: wholly in the buffer, ended by LF or CRLF,
    /// with no quote and no other carriage return in it. Nearly every row of a delivery has
    /// this form, and for it the fields are the runs between its commas, so it is split in
    /// one pass with no state to keep. Anything else (a quoted field, a lone CR, a blank
    /// line, a line cut by the end of the buffer or the file, one over the size limit) gives nil and is read by
    /// ``parseRecord()``, which reads a plain line to the same fields.
    func plainLineRecord() -> CSVRecord? {
        let start = recordStart
        let available = end - start
        guard available > 0 else { return nil }
        let base = storage + start
        guard let found = memchr(base, Int32(Self.lineFeedByte), available) else { return nil }
        let lineFeed = UnsafeMutableRawPointer(base).distance(to: found)
        // The full reader says how a record outgrows the limit.
        guard lineFeed <= maximumRecordSize else { return nil }
        var length = lineFeed
        if length > 0 && base[length - 1] == Self.carriageReturnByte {
            length -= 1
        }
        // A blank line is counted, not returned: the full reader does that.
        guard length > 0 else { return nil }

        var ranges = fields
        ranges.count = 0
        defer { fields = ranges }
        var fieldStart = 0
        var index = 0
        while index < length {
            // Eight bytes at a time while none of them can be a comma, quote or CR, which
            // are all at most a comma.
            if length - index >= 8 {
                let candidates = Self.bytesAtMostComma(at: base + index)
                if candidates == 0 {
                    index += 8
                    continue
                }
                index += candidates.trailingZeroBitCount >> 3
            }
            let byte = base[index]
            if byte == Self.commaByte {
                ranges.append(fieldStart..<index)
                fieldStart = index + 1
            } else if byte == Self.quoteByte || byte == Self.carriageReturnByte {
                return nil
            }
            index += 1
        }
        ranges.append(fieldStart..<length)

        let recordLine = line
        line += 1
        recordStart = start + lineFeed + 1
        return CSVRecord(
            line: recordLine,
            byteOffset: storageFileOffset + start,
            fieldCount: ranges.count,
            reader: self,
            quotingProblem: nil,
            base: UnsafePointer(base),
            ranges: UnsafePointer(ranges.base)
        )
    }

    static let commaByte: UInt8 = 0x2C
    static let quoteByte: UInt8 = 0x22
    static let carriageReturnByte: UInt8 = 0x0D
    static let lineFeedByte: UInt8 = 0x0A

    /// Marks, in the high bit of each byte, the bytes among the eight at `pointer` that are
    /// at most a comma. The lowest mark is exact; marks above it may be spurious, so only
    /// the first is to be trusted (see ``bytesBelow(_:at:)``).
    @inline(__always)
    private static func bytesAtMostComma(at pointer: UnsafeMutablePointer<UInt8>) -> UInt64 {
        let word = UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
        let ones: UInt64 = 0x0101_0101_0101_0101
        return (word &- ones &* UInt64(commaByte + 1)) & ~word & (ones &* 0x80)
    }
}

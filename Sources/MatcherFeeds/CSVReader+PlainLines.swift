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
        defer { fields = ranges }
        guard Self.splitPlainLine(base, length: length, into: &ranges) else { return nil }

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

    /// Calls `body` with every record left in the file, as ``nextRecord()`` would return
    /// them one by one, and returns once the file is read to its end.
    ///
    /// The plain lines already in the buffer are split in one loop that keeps its place in
    /// local variables, which is most of the cost of reading a delivery; any other record is
    /// read by ``nextRecord()``. A record is valid only inside `body`.
    ///
    /// A caller that needs few of the rows can say which it does not need: a plain line of
    /// `fieldCount` fields for which `isUnneeded` is true is counted and passed over without
    /// being split, and never reaches `body`. Every other record reaches `body` as before.
    ///
    /// - Parameters:
    ///   - tick: told how many records were read so far, every `interval` records, whether
    ///     they reached `body` or not.
    /// - Throws: what ``nextRecord()`` throws, or what `body` throws.
    public func forEachRecord(
        fieldCount: Int = 0,
        isUnneeded: (PlainCSVLine) -> Bool = { _ in false },
        every interval: Int = .max,
        tick: (Int) -> Void = { _ in },
        _ body: (CSVRecord) throws -> Void
    ) throws {
        var untilTick = max(1, interval)
        func counted() {
            untilTick -= 1
            if untilTick == 0 {
                untilTick = max(1, interval)
                tick(recordCount)
            }
        }
        while true {
            if failure == nil, !finished, checkedByteOrderMark {
                try forEachPlainLineInBuffer(
                    fieldCount: fieldCount,
                    isUnneeded: isUnneeded,
                    untilTick: &untilTick,
                    interval: max(1, interval),
                    tick: tick,
                    body
                )
            }
            guard let record = try nextRecord() else { return }
            counted()
            try body(record)
        }
    }

    /// Hands on the plain lines at the front of the buffer, up to the first record that is
    /// not one.
    private func forEachPlainLineInBuffer(
        fieldCount: Int,
        isUnneeded: (PlainCSVLine) -> Bool,
        untilTick: inout Int,
        interval: Int,
        tick: (Int) -> Void,
        _ body: (CSVRecord) throws -> Void
    ) throws {
        var start = recordStart
        let end = self.end
        var line = self.line
        var records = 0
        let limit = maximumRecordSize
        let bytes = storage
        var ranges = fields
        defer {
            fields = ranges
            recordStart = start
            self.line = line
            recordCount += records
        }
        let filters = fieldCount > 0
        while start < end {
            let base = bytes + start
            guard let found = memchr(base, Int32(Self.lineFeedByte), end - start) else { return }
            let lineFeed = UnsafeMutableRawPointer(base).distance(to: found)
            var length = lineFeed
            if length > 0 && base[length - 1] == Self.carriageReturnByte {
                length -= 1
            }
            // A blank line, or one over the limit: the full reader reads it.
            guard length > 0, lineFeed <= limit else { return }
            if filters {
                let (commas, isPlain) = Self.countCommas(base, length: length)
                guard isPlain else { return }
                if commas + 1 == fieldCount
                    && isUnneeded(PlainCSVLine(base: UnsafePointer(base), count: length))
                {
                    start += lineFeed + 1
                    line += 1
                    records += 1
                    untilTick -= 1
                    if untilTick == 0 {
                        untilTick = interval
                        tick(recordCount + records)
                    }
                    continue
                }
            }
            guard Self.splitPlainLine(base, length: length, into: &ranges) else { return }
            let record = CSVRecord(
                line: line,
                byteOffset: storageFileOffset + start,
                fieldCount: ranges.count,
                reader: self,
                quotingProblem: nil,
                base: UnsafePointer(base),
                ranges: UnsafePointer(ranges.base)
            )
            start += lineFeed + 1
            line += 1
            records += 1
            untilTick -= 1
            if untilTick == 0 {
                untilTick = interval
                tick(recordCount + records)
            }
            try body(record)
        }
    }

    /// The commas of a line, and whether it has no quote and no carriage return: one pass
    /// without a branch per byte, which the compiler turns into vector instructions. Counts
    /// are kept a byte wide within blocks of 255 bytes, so that a vector holds sixteen.
    @inline(__always)
    private static func countCommas(_ base: UnsafeMutablePointer<UInt8>, length: Int)
        -> (commas: Int, isPlain: Bool)
    {
        var commas = 0
        var specials: UInt8 = 0
        var blockStart = 0
        while blockStart < length {
            let blockEnd = min(length, blockStart + 255)
            var blockCommas: UInt8 = 0
            for index in blockStart..<blockEnd {
                let byte = base[index]
                blockCommas &+= byte == commaByte ? 1 : 0
                specials |= (byte == quoteByte ? 1 : 0) | (byte == carriageReturnByte ? 1 : 0)
            }
            commas += Int(blockCommas)
            blockStart = blockEnd
        }
        return (commas, specials == 0)
    }

    /// Splits a line at its commas into `ranges`; false when the line holds a quote or a
    /// carriage return, which only the full reader reads.
    @inline(__always)
    private static func splitPlainLine(
        _ base: UnsafeMutablePointer<UInt8>,
        length: Int,
        into ranges: inout FieldBounds
    ) -> Bool {
        ranges.count = 0
        var fieldStart = 0
        var index = 0
        while index < length {
            if length - index >= 8 {
                let candidates = bytesAtMostComma(at: base + index)
                if candidates == 0 {
                    index += 8
                    continue
                }
                index += candidates.trailingZeroBitCount >> 3
            }
            let byte = base[index]
            if byte == commaByte {
                ranges.append(fieldStart..<index)
                fieldStart = index + 1
            } else if byte == quoteByte || byte == carriageReturnByte {
                return false
            }
            index += 1
        }
        ranges.append(fieldStart..<length)
        return true
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

/// A line of a CSV file with no quote and no carriage return, whose fields are the runs
/// between its commas; offered to a caller that may pass it over unsplit.
public struct PlainCSVLine {
    let base: UnsafePointer<UInt8>
    let count: Int

    /// The bytes of field `index` (0-based); the line must have more than `index` fields.
    public func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        var fieldStart = 0
        var remaining = index
        while remaining > 0 {
            guard let comma = memchr(base + fieldStart, 0x2C, count - fieldStart) else {
                preconditionFailure("field \(index) is past the line's last field")
            }
            fieldStart = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(comma)) + 1
            remaining -= 1
        }
        var fieldEnd = count
        if let comma = memchr(base + fieldStart, 0x2C, count - fieldStart) {
            fieldEnd = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(comma))
        }
        return UnsafeBufferPointer(start: base + fieldStart, count: fieldEnd - fieldStart)
    }
}

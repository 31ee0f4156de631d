import Foundation

/// A 64-bit FNV-1a hash that is the same in every process and on every machine.
///
/// Swift's `Hasher` is seeded anew in each process, so it cannot say whether what a run
/// saw equals what an earlier run saw. This one can; it is not meant to resist anyone
/// crafting collisions, only to notice that data changed.
public struct StableHash: Sendable {
    private var state: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine(_ text: String) {
        feed(text)
        end()
    }

    /// Takes in a text's bytes without ending it: parts fed one after another and then
    /// ended hash as the one text they spell together, made without making it.
    mutating func feed(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            for byte in bytes {
                state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            }
        }
    }

    mutating func feed(byte: UInt8) {
        state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    /// Ends a text: a separator no text contains, so ("ab", "c") and ("a", "bc") differ.
    mutating func end() {
        state = (state ^ 0xFF) &* 0x0000_0100_0000_01b3
    }

    /// Combines text given as its UTF-8 bytes: the same as ``combine(_:)-(String)`` of the
    /// text they spell.
    public mutating func combine(utf8 bytes: some Sequence<UInt8>) {
        for byte in bytes {
            state = (state ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        state = (state ^ 0xFF) &* 0x0000_0100_0000_01b3
    }

    public mutating func combine(_ number: Int) {
        combine(String(number))
    }

    /// The hash as 16 lowercase hex digits.
    public var hex: String {
        let digits = String(state, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension DepartmentEvidence {
    /// What the department holds for one person, as a hash that ignores row order.
    ///
    /// The hash is over the rows' lines in sorted order. Every contribution line starts
    /// with `c` and every person line with `p`, each followed by the unit separator, so
    /// the contributions sort first; contribution lines of plain ASCII, as they nearly
    /// always are, sort by their bytes as they sort as text, and are made and sorted as
    /// bytes.
    public var fingerprint: String {
        var hash = StableHash()
        hash.combine(snapshotMonth.description)
        if !combinePlainContributionLines(into: &hash) {
            for line in contributions.map(Self.contributionLine).sorted() {
                hash.combine(line)
            }
        }
        if persons.count == 1 {
            // One line needs no sorting: its fields are fed as the line they make.
            let person = persons[0]
            hash.feed(byte: 0x70)
            for field in [
                person.personalNumber, person.name, person.idNumber, person.accountStatus ?? "",
            ] {
                hash.feed(byte: 0x1F)
                hash.feed(field)
            }
            hash.feed(byte: 0x1F)
            hash.feed(byte: person.accountIsNormal ? 0x31 : 0x30)
            hash.end()
        } else {
            for line in persons.map(Self.personLine).sorted() {
                hash.combine(line)
            }
        }
        return hash.hex
    }

    private static func personLine(_ person: InsuredPerson) -> String {
        line([
            "p", person.personalNumber, person.name, person.idNumber, person.accountStatus ?? "",
            person.accountIsNormal ? "1" : "0",
        ])
    }

    private static func contributionLine(_ period: ContributionPeriod) -> String {
        line([
            "c", period.personalNumber, period.insuranceType, period.firstMonth.description,
            period.lastMonth?.description ?? "", period.region,
        ])
    }

    /// Combines the contribution lines in sorted order, made and sorted as bytes in one
    /// buffer; false, having combined nothing, when one is not plain ASCII.
    private func combinePlainContributionLines(into hash: inout StableHash) -> Bool {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(contributions.count * 48)
        var lines: [Range<Int>] = []
        lines.reserveCapacity(contributions.count)
        var isPlain = true
        for period in contributions {
            let start = buffer.count
            buffer.append(0x63)
            buffer.append(0x1F)
            isPlain = isPlain && Self.appendASCII(period.personalNumber, to: &buffer)
            buffer.append(0x1F)
            isPlain = isPlain && Self.appendASCII(period.insuranceType, to: &buffer)
            buffer.append(0x1F)
            Self.append(period.firstMonth, to: &buffer)
            buffer.append(0x1F)
            if let last = period.lastMonth {
                Self.append(last, to: &buffer)
            }
            buffer.append(0x1F)
            isPlain = isPlain && Self.appendASCII(period.region, to: &buffer)
            lines.append(start..<buffer.count)
        }
        guard isPlain else { return false }
        buffer.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            lines.sort { left, right in
                let common = min(left.count, right.count)
                let order = memcmp(base + left.lowerBound, base + right.lowerBound, common)
                return order != 0 ? order < 0 : left.count < right.count
            }
            for line in lines {
                hash.combine(utf8: UnsafeBufferPointer(rebasing: bytes[line]))
            }
        }
        return true
    }

    /// Appends a text's bytes; false when one of them is not ASCII.
    private static func appendASCII(_ text: String, to buffer: inout [UInt8]) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            buffer.append(contentsOf: bytes)
            return bytes.allSatisfy { $0 < 0x80 }
        }
    }

    /// A month as ``YearMonth/description`` writes it.
    private static func append(_ month: YearMonth, to buffer: inout [UInt8]) {
        guard (1000...9999).contains(month.year), (1...12).contains(month.month) else {
            buffer.append(contentsOf: month.description.utf8)
            return
        }
        let year = month.year
        buffer.append(UInt8(year / 1000) + 0x30)
        buffer.append(UInt8(year / 100 % 10) + 0x30)
        buffer.append(UInt8(year / 10 % 10) + 0x30)
        buffer.append(UInt8(year % 10) + 0x30)
        buffer.append(0x2D)
        buffer.append(UInt8(month.month / 10) + 0x30)
        buffer.append(UInt8(month.month % 10) + 0x30)
    }

    /// The fields of one row joined by the unit separator, which no field holds; the same
    /// text `joined(separator:)` gives, built in one piece.
    static func line(_ fields: [String]) -> String {
        var line = ""
        line.reserveCapacity(fields.reduce(fields.count) { $0 + $1.utf8.count })
        for (index, field) in fields.enumerated() {
            if index > 0 {
                line.append("\u{1F}")
            }
            line.append(field)
        }
        return line
    }
}

extension Array where Element == RegisteredOwnership {
    /// What the registry holds for one certificate, as a hash that ignores row order.
    public var fingerprint: String {
        let fields = { (row: RegisteredOwnership) in
            [
                row.certificateType.rawValue, row.printedNumber, row.ownerName, row.ownerIdNumber,
                row.ownershipForm, row.plannedUse, row.address, row.registeredOn.description,
                row.state,
            ]
        }
        var hash = StableHash()
        if count == 1 {
            // One line needs no sorting: its fields are fed as the line they make.
            for (index, field) in fields(self[0]).enumerated() {
                if index > 0 {
                    hash.feed(byte: 0x1F)
                }
                hash.feed(field)
            }
            hash.end()
        } else {
            for line in map({ DepartmentEvidence.line(fields($0)) }).sorted() {
                hash.combine(line)
            }
        }
        return hash.hex
    }
}

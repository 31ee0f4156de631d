import Foundation

extension MatchResult {
    /// The result as canonical JSON: sorted keys, unescaped slashes, absent values as null;
    /// the bytes `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]` writes.
    ///
    /// A province's run writes a million of these, and the generic encoder spends most of
    /// its time on machinery rather than bytes, so the usual shape is written directly.
    /// A result with anything unusual (a text needing escapes, a key that is not plain
    /// lower-case, a number that `description` writes with an exponent) is left to
    /// `JSONEncoder`, which is what keeps the two writers' bytes equal.
    public func canonicalJSON() throws -> Data {
        try CanonicalJSONWriter.json(of: self) { $0.write($1) }
    }
}

/// Writes the usual shape of a ``MatchResult``; every `write` returns false where the
/// value is not of that shape.
struct CanonicalJSONWriter {
    var bytes: [UInt8] = []

    /// `capacity`: the bytes usually written, so that the buffer is allocated once.
    init(capacity: Int = 768) {
        bytes.reserveCapacity(capacity)
    }

    /// `value` as canonical JSON: by `write` where it manages, by `JSONEncoder` where not.
    static func json<Value: Encodable>(
        of value: Value,
        capacity: Int = 768,
        _ write: (inout CanonicalJSONWriter, Value) -> Bool
    ) throws -> Data {
        var writer = CanonicalJSONWriter(capacity: capacity)
        if write(&writer, value) {
            return Data(writer.bytes)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    mutating func write(_ result: MatchResult) -> Bool {
        literal(#"{"applicationId":"#)
        guard string(result.applicationId) else { return false }
        literal(#","property":"#)
        guard write(result.property) else { return false }
        literal(#","socialInsurance":"#)
        guard write(result.socialInsurance) else { return false }
        literal(#","version":"#)
        integer(result.version)
        literal("}")
        return true
    }

    private mutating func write(_ property: PropertyResult) -> Bool {
        literal(#"{"monthsOwned":"#)
        append(property.monthsOwned.map { String($0) } ?? "null")
        literal(#","outcome":"#)
        guard string(property.outcome.rawValue) else { return false }
        literal(#","parentMessages":"#)
        guard strings(property.parentMessages) else { return false }
        literal(#","points":"#)
        guard number(property.points) else { return false }
        literal(#","problems":"#)
        guard strings(property.problems.map(\.rawValue)) else { return false }
        literal(#","registeredOn":"#)
        if let registeredOn = property.registeredOn {
            guard string(registeredOn.description) else { return false }
        } else {
            literal("null")
        }
        literal("}")
        return true
    }

    private mutating func write(_ socialInsurance: SocialInsuranceResult) -> Bool {
        literal(#"{"months":"#)
        if let months = socialInsurance.months {
            guard table(months) else { return false }
        } else {
            literal("null")
        }
        literal(#","outcome":"#)
        guard string(socialInsurance.outcome.rawValue) else { return false }
        literal(#","parentMessages":"#)
        guard strings(socialInsurance.parentMessages) else { return false }
        literal(#","points":"#)
        guard number(socialInsurance.points) else { return false }
        literal(#","problems":"#)
        guard strings(socialInsurance.problems.map(\.rawValue)) else { return false }
        literal("}")
        return true
    }

    /// `{"type":{"band":n,…},…}` with both levels' keys sorted, as the table keeps them.
    private mutating func table(_ months: InsuranceMonths) -> Bool {
        bytes.append(0x7B)
        for (typeIndex, entry) in months.table.enumerated() {
            if typeIndex > 0 { bytes.append(0x2C) }
            guard plainKey(entry.type) else { return false }
            bytes.append(0x3A)
            bytes.append(0x7B)
            for (bandIndex, band) in entry.bands.enumerated() {
                if bandIndex > 0 { bytes.append(0x2C) }
                guard plainKey(band.band) else { return false }
                bytes.append(0x3A)
                integer(band.months)
            }
            bytes.append(0x7D)
        }
        bytes.append(0x7D)
        return true
    }

    /// A key of lower-case ASCII letters only, quoted; false for any other key. For such
    /// keys every ordering of strings agrees, and none needs an escape.
    private mutating func plainKey(_ key: String) -> Bool {
        var key = key
        return key.withUTF8 { utf8 in
            guard !utf8.isEmpty, utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else {
                return false
            }
            bytes.append(0x22)
            bytes.append(contentsOf: utf8)
            bytes.append(0x22)
            return true
        }
    }

    /// An integer in decimal, as `String(value)` writes it.
    mutating func integer(_ value: Int) {
        guard value >= 0, value < 10_000 else {
            append(String(value))
            return
        }
        if value >= 1000 { bytes.append(UInt8(value / 1000) + 0x30) }
        if value >= 100 { bytes.append(UInt8(value / 100 % 10) + 0x30) }
        if value >= 10 { bytes.append(UInt8(value / 10 % 10) + 0x30) }
        bytes.append(UInt8(value % 10) + 0x30)
    }

    mutating func strings(_ values: [String]) -> Bool {
        literal("[")
        for (index, value) in values.enumerated() {
            if index > 0 { literal(",") }
            guard string(value) else { return false }
        }
        literal("]")
        return true
    }

    /// A string that needs no escapes; false for one that does, or that some writer might
    /// escape (DEL, the line and paragraph separators U+2028 and U+2029).
    mutating func string(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { utf8 in
            guard Self.needsNoEscapes(utf8) else { return false }
            bytes.append(0x22)
            bytes.append(contentsOf: utf8)
            bytes.append(0x22)
            return true
        }
    }

    private static func needsNoEscapes(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = utf8.count
        while index < count {
            let byte = utf8[index]
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F {
                return false
            }
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
            if byte == 0xE2, index + 2 < count, utf8[index + 1] == 0x80,
                utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9
            {
                return false
            }
            index += 1
        }
        return true
    }

    /// A number as `JSONEncoder` writes it: `description`, without a trailing `.0`.
    private mutating func number(_ value: Double?) -> Bool {
        guard let value else {
            literal("null")
            return true
        }
        guard value.isFinite else { return false }
        var text = value.description
        guard !text.contains("e") else { return false }
        if text.hasSuffix(".0") {
            text.removeLast(2)
        }
        append(text)
        return true
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    mutating func literal(_ text: StaticString) {
        bytes.append(
            contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        )
    }

}

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

    init() {
        bytes.reserveCapacity(768)
    }

    /// `value` as canonical JSON: by `write` where it manages, by `JSONEncoder` where not.
    static func json<Value: Encodable>(
        of value: Value,
        _ write: (inout CanonicalJSONWriter, Value) -> Bool
    ) throws -> Data {
        var writer = CanonicalJSONWriter()
        if write(&writer, value) {
            return Data(writer.bytes)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    mutating func write(_ result: MatchResult) -> Bool {
        append(#"{"applicationId":"#)
        guard string(result.applicationId) else { return false }
        append(#","property":"#)
        guard write(result.property) else { return false }
        append(#","socialInsurance":"#)
        guard write(result.socialInsurance) else { return false }
        append(#","version":"#)
        append(String(result.version))
        append("}")
        return true
    }

    private mutating func write(_ property: PropertyResult) -> Bool {
        append(#"{"monthsOwned":"#)
        append(property.monthsOwned.map { String($0) } ?? "null")
        append(#","outcome":"#)
        guard string(property.outcome.rawValue) else { return false }
        append(#","parentMessages":"#)
        guard strings(property.parentMessages) else { return false }
        append(#","points":"#)
        guard number(property.points) else { return false }
        append(#","problems":"#)
        guard strings(property.problems.map(\.rawValue)) else { return false }
        append(#","registeredOn":"#)
        if let registeredOn = property.registeredOn {
            guard string(registeredOn.description) else { return false }
        } else {
            append("null")
        }
        append("}")
        return true
    }

    private mutating func write(_ socialInsurance: SocialInsuranceResult) -> Bool {
        append(#"{"months":"#)
        if let months = socialInsurance.months {
            guard table(months.byType) else { return false }
        } else {
            append("null")
        }
        append(#","outcome":"#)
        guard string(socialInsurance.outcome.rawValue) else { return false }
        append(#","parentMessages":"#)
        guard strings(socialInsurance.parentMessages) else { return false }
        append(#","points":"#)
        guard number(socialInsurance.points) else { return false }
        append(#","problems":"#)
        guard strings(socialInsurance.problems.map(\.rawValue)) else { return false }
        append("}")
        return true
    }

    /// `{"type":{"band":n,…},…}` with both levels' keys sorted.
    private mutating func table(_ byType: [String: [String: Int]]) -> Bool {
        append("{")
        for (typeIndex, type) in byType.keys.sorted().enumerated() {
            guard Self.isPlainKey(type) else { return false }
            if typeIndex > 0 { append(",") }
            _ = string(type)
            append(":{")
            let bands = byType[type] ?? [:]
            for (bandIndex, band) in bands.keys.sorted().enumerated() {
                guard Self.isPlainKey(band) else { return false }
                if bandIndex > 0 { append(",") }
                _ = string(band)
                append(":")
                append(String(bands[band] ?? 0))
            }
            append("}")
        }
        append("}")
        return true
    }

    mutating func strings(_ values: [String]) -> Bool {
        append("[")
        for (index, value) in values.enumerated() {
            if index > 0 { append(",") }
            guard string(value) else { return false }
        }
        append("]")
        return true
    }

    /// A string that needs no escapes; false for one that does, or that some writer might
    /// escape (DEL, the line and paragraph separators U+2028 and U+2029).
    mutating func string(_ value: String) -> Bool {
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in value.utf8 {
            if byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0x7F {
                return false
            }
            if previous == (0xE2, 0x80) && (byte == 0xA8 || byte == 0xA9) {
                return false
            }
            previous = (previous.1, byte)
        }
        bytes.append(0x22)
        bytes += value.utf8
        bytes.append(0x22)
        return true
    }

    /// A number as `JSONEncoder` writes it: `description`, without a trailing `.0`.
    private mutating func number(_ value: Double?) -> Bool {
        guard let value else {
            append("null")
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
        bytes += text.utf8
    }

    /// Lower-case ASCII letters only: for such keys every ordering of strings agrees.
    private static func isPlainKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A }
    }
}

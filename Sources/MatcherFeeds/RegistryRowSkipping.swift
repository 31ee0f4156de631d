import MatcherCore

/// Reads the certificate of a UTF-8 registry row from its bytes, when it is printed in the
/// registry's own usual form, so that the rows no application needs are passed over
/// without decoding a field.
///
/// Every answer is the key ``CertificateNumber/parseRegistered(type:printed:)`` gives for
/// the same text; anything else (another layout, full-width characters, spaces, another
/// encoding) gives nil and the row is read the full way.
struct RegistryRowSkipping {
    /// The certificate types met so far, by the bytes of their column.
    private var typesByBytes: [([UInt8], CertificateType?)] = []
    private let types: [String: CertificateType]

    init(types: [String: CertificateType]) {
        self.types = types
    }

    /// The key of a row, or nil when it is not printed in a usual form.
    mutating func key(
        type typeField: UnsafeBufferPointer<UInt8>,
        number: UnsafeBufferPointer<UInt8>
    ) -> CertificateKey? {
        switch certificateType(typeField) {
        case .realEstate: Self.realEstateKey(number)
        case .houseOwnership: Self.houseOwnershipKey(number)
        case nil: nil
        }
    }

    /// The type a column's bytes name. A handful of values occur, so each is decoded once.
    private mutating func certificateType(_ field: UnsafeBufferPointer<UInt8>)
        -> CertificateType?
    {
        for (bytes, type) in typesByBytes where bytes.elementsEqual(field) {
            return type
        }
        guard typesByBytes.count < 8 else { return nil }
        // Untrimmed bytes decide: a padded value is another entry, and a value the
        // mapping does not know is read (and refused) the full way.
        let text = String(decoding: field, as: UTF8.self)
        let type = String(validating: field, as: UTF8.self) == nil ? nil : types[text]
        typesByBytes.append((Array(field), type))
        return type
    }

    private static let realEstateLead = Array("苏(".utf8)
    private static let realEstateMiddle = Array(")昆山市不动产权第".utf8)
    private static let numberEnd = Array("号".utf8)
    private static let houseOwnershipLead = Array("昆房权证".utf8)
    private static let houseOwnershipMiddle = Array("字第".utf8)

    /// `苏(YYYY)昆山市不动产权第NNNNNNN号`, the year within the years a certificate can bear.
    static func realEstateKey(_ bytes: UnsafeBufferPointer<UInt8>) -> CertificateKey? {
        var scan = ByteScan(bytes)
        guard scan.skip(realEstateLead), let year = scan.digits(count: 4),
            (1990...2100).contains(Int(year) ?? 0), scan.skip(realEstateMiddle),
            let serial = scan.digits(count: 7), scan.skip(numberEnd), scan.isAtEnd,
            let yearValue = Int(year)
        else { return nil }
        return .realEstate(year: yearValue, serial: serial)
    }

    /// `昆房权证<district>字第<letters and digits>号`, the district Chinese characters other
    /// than 房, 权 and 证, the letters upper-cased as the full reading does.
    static func houseOwnershipKey(_ bytes: UnsafeBufferPointer<UInt8>) -> CertificateKey? {
        var scan = ByteScan(bytes)
        guard scan.skip(houseOwnershipLead), scan.skipDistrict(before: houseOwnershipMiddle),
            scan.skip(houseOwnershipMiddle), let number = scan.alphanumerics(),
            scan.skip(numberEnd), scan.isAtEnd
        else { return nil }
        return .houseOwnership(number.uppercased())
    }
}

/// A cursor over a field's bytes.
private struct ByteScan {
    let bytes: UnsafeBufferPointer<UInt8>
    var offset = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var isAtEnd: Bool {
        offset == bytes.count
    }

    mutating func skip(_ expected: [UInt8]) -> Bool {
        guard bytes.count - offset >= expected.count,
            bytes[offset..<(offset + expected.count)].elementsEqual(expected)
        else { return false }
        offset += expected.count
        return true
    }

    /// Exactly `count` ASCII digits, and no digit after them.
    mutating func digits(count: Int) -> String? {
        guard bytes.count - offset >= count else { return nil }
        let run = bytes[offset..<(offset + count)]
        guard run.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if offset + count < bytes.count, (0x30...0x39).contains(bytes[offset + count]) {
            return nil
        }
        offset += count
        return String(decoding: run, as: UTF8.self)
    }

    /// One or more ASCII letters and digits.
    mutating func alphanumerics() -> String? {
        let start = offset
        while offset < bytes.count, Self.isAlphanumeric(bytes[offset]) {
            offset += 1
        }
        guard offset > start else { return nil }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    /// One or more three-byte UTF-8 characters of the main CJK block other than 房, 权 and
    /// 证, up to `end`.
    mutating func skipDistrict(before end: [UInt8]) -> Bool {
        let start = offset
        while bytes.count - offset >= 3 {
            if bytes.count - offset >= end.count,
                bytes[offset..<(offset + end.count)].elementsEqual(end)
            {
                break
            }
            let lead = bytes[offset]
            let second = bytes[offset + 1]
            let third = bytes[offset + 2]
            guard lead & 0xF0 == 0xE0, second & 0xC0 == 0x80, third & 0xC0 == 0x80 else {
                return false
            }
            let scalar =
                UInt32(lead & 0x0F) << 12 | UInt32(second & 0x3F) << 6 | UInt32(third & 0x3F)
            guard (0x4E00...0x9FFF).contains(scalar), !Self.certificateWords.contains(scalar)
            else { return false }
            offset += 3
        }
        return offset > start
    }

    private static let certificateWords: Set<UInt32> = Set(
        "房权证".unicodeScalars.map(\.value)
    )

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte)
            || (0x61...0x7A).contains(byte)
    }
}

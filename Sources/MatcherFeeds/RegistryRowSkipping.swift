import Glibc
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

    /// The bytes of ``CertificateKey/lookupText`` of a row's certificate, written into
    /// `buffer` and counted, or nil when the row is not printed in a usual form: the key
    /// ``key(type:number:)`` gives, without making it.
    mutating func lookupBytes(
        type typeField: UnsafeBufferPointer<UInt8>,
        number: UnsafeBufferPointer<UInt8>,
        into buffer: UnsafeMutableBufferPointer<UInt8>
    ) -> Int? {
        switch certificateType(typeField) {
        case .realEstate:
            guard let (year, serial) = Self.realEstateParts(number),
                buffer.count >= 2 + year.count + serial.count
            else { return nil }
            buffer[0] = 0x52
            var written = 1
            for byte in number[year] {
                buffer[written] = byte
                written += 1
            }
            buffer[written] = 0x3A
            written += 1
            for byte in number[serial] {
                buffer[written] = byte
                written += 1
            }
            return written
        case .houseOwnership:
            guard let digits = Self.houseOwnershipParts(number),
                buffer.count >= 1 + digits.count
            else { return nil }
            buffer[0] = 0x48
            var written = 1
            for byte in number[digits] {
                // Lower-case ASCII letters are upper-cased, as the full reading does.
                buffer[written] = byte >= 0x61 && byte <= 0x7A ? byte - 0x20 : byte
                written += 1
            }
            return written
        case nil:
            return nil
        }
    }

    /// The type a column's bytes name. A handful of values occur, so each is decoded once.
    private mutating func certificateType(_ field: UnsafeBufferPointer<UInt8>)
        -> CertificateType?
    {
        for (bytes, type) in typesByBytes where Self.equal(bytes, field) {
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
        guard let (year, serial) = realEstateParts(bytes), let yearValue = Int(text(bytes[year]))
        else { return nil }
        return .realEstate(year: yearValue, serial: text(bytes[serial]))
    }

    /// The year's and the serial's bytes of a 不动产权证 printed in the usual form.
    private static func realEstateParts(_ bytes: UnsafeBufferPointer<UInt8>)
        -> (year: Range<Int>, serial: Range<Int>)?
    {
        var scan = ByteScan(bytes)
        guard scan.skip(realEstateLead), let year = scan.digits(count: 4),
            (1990...2100).contains(digitValue(bytes[year])), scan.skip(realEstateMiddle),
            let serial = scan.digits(count: 7), scan.skip(numberEnd), scan.isAtEnd
        else { return nil }
        return (year, serial)
    }

    /// `昆房权证<district>字第<letters and digits>号`, the district Chinese characters other
    /// than 房, 权 and 证, the letters upper-cased as the full reading does.
    static func houseOwnershipKey(_ bytes: UnsafeBufferPointer<UInt8>) -> CertificateKey? {
        guard let number = houseOwnershipParts(bytes) else { return nil }
        return .houseOwnership(text(bytes[number]).uppercased())
    }

    /// The number's bytes of a 房屋所有权证 printed in the usual form.
    private static func houseOwnershipParts(_ bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var scan = ByteScan(bytes)
        guard scan.skip(houseOwnershipLead), scan.skipDistrict(before: houseOwnershipMiddle),
            scan.skip(houseOwnershipMiddle), let number = scan.alphanumerics(),
            scan.skip(numberEnd), scan.isAtEnd
        else { return nil }
        return number
    }

    private static func equal(_ known: [UInt8], _ field: UnsafeBufferPointer<UInt8>) -> Bool {
        guard known.count == field.count else { return false }
        return known.withUnsafeBufferPointer { known in
            guard let left = known.baseAddress, let right = field.baseAddress else { return true }
            return memcmp(left, right, known.count) == 0
        }
    }

    private static func text(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes), as: UTF8.self)
    }

    private static func digitValue(_ digits: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
        digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }
}

extension CertificateKey {
    /// The key spelt in ASCII for a ``ByteKeySet``: `R<year>:<serial>` or `H<number>`, one
    /// spelling per key and no two keys alike.
    var lookupText: String {
        switch self {
        case .realEstate(let year, let serial): "R\(year):\(serial)"
        case .houseOwnership(let number): "H\(number)"
        }
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
        guard bytes.count - offset >= expected.count, let base = bytes.baseAddress else {
            return expected.isEmpty
        }
        let matches = expected.withUnsafeBufferPointer { expected in
            guard let start = expected.baseAddress else { return true }
            return memcmp(base + offset, start, expected.count) == 0
        }
        guard matches else { return false }
        offset += expected.count
        return true
    }

    /// Exactly `count` ASCII digits, and no digit after them.
    mutating func digits(count: Int) -> Range<Int>? {
        guard bytes.count - offset >= count else { return nil }
        let run = bytes[offset..<(offset + count)]
        guard run.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if offset + count < bytes.count, (0x30...0x39).contains(bytes[offset + count]) {
            return nil
        }
        offset += count
        return run.startIndex..<run.endIndex
    }

    /// One or more ASCII letters and digits.
    mutating func alphanumerics() -> Range<Int>? {
        let start = offset
        while offset < bytes.count, Self.isAlphanumeric(bytes[offset]) {
            offset += 1
        }
        guard offset > start else { return nil }
        return start..<offset
    }

    /// One or more three-byte UTF-8 characters of the main CJK block other than 房, 权 and
    /// 证, up to `end`.
    mutating func skipDistrict(before end: [UInt8]) -> Bool {
        let start = offset
        while bytes.count - offset >= 3 {
            var ahead = self
            if ahead.skip(end) {
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

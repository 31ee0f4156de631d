import Foundation
import MatcherCore
import Testing

@testable import MatcherFeeds

/// A key read from a row's bytes is the key the full reading gives, and unusual prints are
/// left to the full reading.
@Suite struct RegistryRowSkippingTests {
    static let types: [String: CertificateType] = [
        "不动产权证": .realEstate, "房屋所有权证": .houseOwnership,
    ]

    static func fastKey(_ type: String, _ printed: String) -> CertificateKey? {
        var skipping = RegistryRowSkipping(types: types)
        var type = type
        var printed = printed
        return type.withUTF8 { typeBytes in
            printed.withUTF8 { skipping.key(type: typeBytes, number: $0) }
        }
    }

    /// The lookup bytes read from the row, as text.
    static func fastLookupText(_ type: String, _ printed: String) -> String? {
        var skipping = RegistryRowSkipping(types: types)
        var type = type
        var printed = printed
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            let count = type.withUTF8 { typeBytes in
                printed.withUTF8 { skipping.lookupBytes(type: typeBytes, number: $0, into: buffer) }
            }
            return count.map { String(decoding: buffer[0..<$0], as: UTF8.self) }
        }
    }

    static func fullKey(_ type: String, _ printed: String) -> CertificateKey? {
        types[type].flatMap { CertificateNumber.parseRegistered(type: $0, printed: printed) }
    }

    @Test(arguments: [
        ("不动产权证", "苏(2019)昆山市不动产权第0123456号"),
        ("不动产权证", "苏(1990)昆山市不动产权第9999999号"),
        ("不动产权证", "苏(2100)昆山市不动产权第0000011号"),
        ("房屋所有权证", "昆房权证玉山字第201234567号"),
        ("房屋所有权证", "昆房权证花桥字第ab0012号"),
        ("房屋所有权证", "昆房权证陆家镇字第7号"),
    ])
    func usualPrintsAreReadFromTheirBytesAlike(type: String, printed: String) throws {
        let fast = try #require(Self.fastKey(type, printed))
        #expect(fast == Self.fullKey(type, printed))
        #expect(Self.fastLookupText(type, printed) == fast.lookupText)
    }

    @Test(arguments: [
        ("不动产权证", "苏（2019）昆山市不动产权第0123456号"),
        ("不动产权证", "苏(2019)昆山市不动产权第123456号"),
        ("不动产权证", "苏(2019)昆山市不动产权第01234567号"),
        ("不动产权证", "苏(1989)昆山市不动产权第0123456号"),
        ("不动产权证", "苏(2019)昆山市不动产权第0123456号 "),
        ("不动产权证", "苏(2019)南京市不动产权第0123456号"),
        ("不动产权证", "苏(2019)昆山市不动产权第０１２３４５６号"),
        ("不动产权证", "苏(20１9)昆山市不动产权第0123456号"),
        ("房屋所有权证", "昆房权证房山字第201234567号"),
        ("房屋所有权证", "昆房权证字第201234567号"),
        ("房屋所有权证", "昆房权证玉山字第2012-34567号"),
        ("房屋所有权证 ", "昆房权证玉山字第201234567号"),
        ("土地证", "苏(2019)昆山市不动产权第0123456号"),
        ("房屋所有权证", "苏(2019)昆山市不动产权第0123456号"),
    ])
    func otherPrintsAreLeftToTheFullReading(type: String, printed: String) {
        #expect(Self.fastKey(type, printed) == nil)
        #expect(Self.fastLookupText(type, printed) == nil)
    }

    @Test func everyRowOfTheSampleRegistryIsReadAlikeOrLeftToTheFullReading() throws {
        let path = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(
                "fixtures/basic/deliveries/registry/2023-05-10/certificates.csv"
            )
            .path
        let reader = try CSVReader(path: path)
        let decoder = try FieldDecoder(encoding: .utf8)
        _ = try reader.nextRecord()
        var read = 0
        while let record = try reader.nextRecord() {
            let type = try record.string(0, decoder: decoder)
            let printed = try record.string(1, decoder: decoder)
            if let fast = Self.fastKey(type, printed) {
                #expect(fast == Self.fullKey(type, printed), "\(printed)")
                #expect(Self.fastLookupText(type, printed) == fast.lookupText)
                read += 1
            } else {
                #expect(Self.fastLookupText(type, printed) == nil)
            }
        }
        #expect(read > 10)
    }
}

@Suite struct CertificateLookupTextTests {
    @Test func everyKeyHasItsOwnSpelling() {
        let keys: [CertificateKey] = [
            .realEstate(year: 2019, serial: "0123456"), .realEstate(year: 201, serial: "90123456"),
            .realEstate(year: 2019, serial: "012345"), .houseOwnership("R2019:0123456"),
            .houseOwnership("2019"), .houseOwnership(""),
        ]
        #expect(Set(keys.map(\.lookupText)).count == keys.count)
    }
}

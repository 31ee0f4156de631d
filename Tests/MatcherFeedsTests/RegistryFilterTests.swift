import Foundation
import MatcherCore
import Testing

@testable import MatcherFeeds

/// Which registry rows a reading keeps, and which certificates its refused rows make
/// unreliable.
@Suite struct RegistryFilterTests {
    static let owner = "320583198001011238"
    static let coOwner = "320583198202022347"
    static let stranger = "320583198503033453"

    /// The same serial in three years, a home of the owner under another serial shared with
    /// a co-owner, a stranger's home, and a row of the owner that cannot be used.
    static let rows = [
        "不动产权证,苏(2019)昆山市不动产权第0123456号,王建国,\(stranger),单独所有,住宅,阳光花园1幢101室,2019-03-01,现势",
        "不动产权证,苏(2020)昆山市不动产权第0123456号,李梅,\(stranger),单独所有,住宅,阳光花园2幢101室,2020-03-01,现势",
        "不动产权证,苏(2021)昆山市不动产权第0123456号,张伟,\(stranger),单独所有,住宅,阳光花园3幢101室,2021-03-01,现势",
        "不动产权证,苏(2018)昆山市不动产权第0200001号,周建国,320583800101123,共同共有,住宅,春晖花园1幢101室,2018-02-15,现势",
        "不动产权证,苏(2018)昆山市不动产权第0200001号,陈静,\(coOwner),共同共有,住宅,春晖花园1幢101室,2018-02-15,现势",
        "房屋所有权证,昆房权证玉山字第201234567号,王强,\(stranger),单独所有,住宅,朝阳路8号,2010-05-01,现势",
        "房屋所有权证,昆房权证玉山字第209999999号,周建国,\(owner),单独所有,住宅,朝阳路9号,not-a-date,现势",
    ]

    static let ownerHome = CertificateKey.realEstate(year: 2018, serial: "0200001")
    static let refusedOwnerHome = CertificateKey.houseOwnership("209999999")
    static let typed = CertificateKey.realEstate(year: 2021, serial: "0123456")

    let mappings = URL(fileURLWithPath: SampleDeliveries.deliveries)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("mappings").path

    /// A registry delivery of `rows`, with its manifest.
    func delivery(_ rows: [String], in directory: CSVTestDirectory) throws -> DeliveryFolder {
        let header = "证书类型,产权证号,权利人,权利人证件号,共有方式,规划用途,坐落,登记时间,权属状态\n"
        let path = try directory.write(
            header + rows.map { $0 + "\n" }.joined(),
            named: "certificates.csv"
        )
        let manifest: [String: Any] = [
            "encoding": "UTF-8",
            "files": [
                "certificates.csv": [
                    "rows": rows.count, "sha256": try SHA256Hasher.hex(ofFileAt: path),
                ]
            ],
        ]
        let data = try JSONSerialization.data(withJSONObject: manifest)
        _ = try directory.write(Array(data), named: "manifest.json")
        let date = try #require(CalendarDate("2023-05-10"))
        return DeliveryFolder(source: "registry", date: date, path: directory.path)
    }

    func read(_ filter: RegistryFilter) throws -> RegistrySnapshot {
        let directory = try CSVTestDirectory()
        let folder = try delivery(Self.rows, in: directory)
        let mapping = try FeedMapping.load(source: "registry", mappingsDirectory: mappings)
        return try RegistrySnapshot.load(from: folder, mapping: mapping, filter: filter)
    }

    @Test func aFilterOfKeysAloneReadsAsTheKeysDo() throws {
        let directory = try CSVTestDirectory()
        let folder = try delivery(Self.rows, in: directory)
        let mapping = try FeedMapping.load(source: "registry", mappingsDirectory: mappings)
        let keys: Set = [Self.typed, Self.refusedOwnerHome]
        let byKeys = try RegistrySnapshot.load(from: folder, mapping: mapping, keys: keys)
        let byFilter = try RegistrySnapshot.load(
            from: folder,
            mapping: mapping,
            filter: RegistryFilter(keys: keys)
        )
        #expect(byFilter.rowsByCertificate == byKeys.rowsByCertificate)
        #expect(byFilter.refusedRows == byKeys.refusedRows)
        #expect(byFilter.unreliableCertificates == byKeys.unreliableCertificates)
        #expect(byFilter.delivery.rowsKept == 1)
        #expect(byKeys.delivery.rowsKept == 1)
    }

    @Test func keysAloneKeepOnlyTheirCertificates() throws {
        let snapshot = try read(RegistryFilter(keys: [Self.typed]))
        #expect(Set(snapshot.rowsByCertificate.keys) == [Self.typed])
        #expect(snapshot.unreliableCertificates.isEmpty)
    }

    @Test func aSerialIsKeptInEveryYear() throws {
        let snapshot = try read(RegistryFilter(keys: [Self.typed], realEstateSerials: ["0123456"]))
        let years = snapshot.rowsByCertificate.keys.compactMap { key -> Int? in
            guard case .realEstate(let year, "0123456") = key else { return nil }
            return year
        }
        #expect(years.sorted() == [2019, 2020, 2021])
        #expect(snapshot.rowsByCertificate.count == 3)
    }

    @Test func anOwnersRowsAreKeptWhateverTheCertificate() throws {
        let ownerKey = MatchRules.lookupKey(of: Self.owner, as: .resident)
        let snapshot = try read(RegistryFilter(keys: [Self.typed], ownerIDKeys: [ownerKey]))
        // The registry holds this owner's number in its 15-digit form.
        let home = try #require(snapshot.rows(for: Self.ownerHome))
        #expect(home.map(\.ownerName) == ["周建国"])
        #expect(snapshot.rowsByCertificate[Self.typed]?.count == 1)
        #expect(snapshot.rowsByCertificate.count == 2)
    }

    @Test func aRefusedRowOfAWantedOwnerMakesItsCertificateUnreliable() throws {
        let ownerKey = MatchRules.lookupKey(of: Self.owner, as: .resident)
        let snapshot = try read(RegistryFilter(keys: [], ownerIDKeys: [ownerKey]))
        #expect(snapshot.refusedRows.map(\.line) == [8])
        #expect(snapshot.unreliableCertificates == [Self.refusedOwnerHome])
        #expect(snapshot.rows(for: Self.refusedOwnerHome) == nil)
    }

    @Test func rowsOfOtherOwnersAreNotReadAtAll() throws {
        let strangerKey = MatchRules.lookupKey(of: Self.stranger, as: .resident)
        let snapshot = try read(RegistryFilter(keys: [], ownerIDKeys: [strangerKey]))
        #expect(snapshot.refusedRows.isEmpty)
        #expect(snapshot.unreliableCertificates.isEmpty)
        #expect(snapshot.rowsByCertificate.count == 4)
    }

    @Test func aWantedOwnersRowWithAnUnknownTypeIsTracedToItsCertificate() throws {
        let rows =
            Self.rows + [
                "房产证,苏(2017)昆山市不动产权第0300003号,周建国,\(Self.owner),单独所有,住宅,朝阳路10号,2017-01-01,现势"
            ]
        let directory = try CSVTestDirectory()
        let folder = try delivery(rows, in: directory)
        let mapping = try FeedMapping.load(source: "registry", mappingsDirectory: mappings)
        let ownerKey = MatchRules.lookupKey(of: Self.owner, as: .resident)
        let byOwner = try RegistrySnapshot.load(
            from: folder,
            mapping: mapping,
            filter: RegistryFilter(keys: [], ownerIDKeys: [ownerKey])
        )
        let byKey = try RegistrySnapshot.load(from: folder, mapping: mapping, keys: [Self.typed])
        let traced = CertificateKey.realEstate(year: 2017, serial: "0300003")
        #expect(byOwner.unreliableCertificates == [traced, Self.refusedOwnerHome])
        #expect(byKey.unreliableCertificates.isEmpty)
        #expect(byKey.refusedRows.map(\.line) == [9])
    }

    @Test func aRefusedRowUnderTheSameSerialInAnotherYearMakesThatYearUnreliable() throws {
        let rows =
            Self.rows.dropLast() + [
                "不动产权证,苏(2022)昆山市不动产权第0123456号,赵磊,\(Self.stranger),单独所有,住宅,阳光花园4幢101室,2022-03-01,未知"
            ]
        let directory = try CSVTestDirectory()
        let folder = try delivery(Array(rows), in: directory)
        let mapping = try FeedMapping.load(source: "registry", mappingsDirectory: mappings)
        let bySerial = try RegistrySnapshot.load(
            from: folder,
            mapping: mapping,
            filter: RegistryFilter(keys: [Self.typed], realEstateSerials: ["0123456"])
        )
        let byKey = try RegistrySnapshot.load(from: folder, mapping: mapping, keys: [Self.typed])
        let refusedYear = CertificateKey.realEstate(year: 2022, serial: "0123456")
        #expect(bySerial.unreliableCertificates == [refusedYear])
        #expect(bySerial.rows(for: Self.typed)?.count == 1)
        #expect(byKey.unreliableCertificates.isEmpty)
        // Only the rows a reading keeps have their values checked, as ever.
        #expect(bySerial.refusedRows.map(\.line) == [8])
        #expect(byKey.refusedRows.isEmpty)
    }
}

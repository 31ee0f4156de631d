import Foundation
import MatcherCore
import MatcherStore
import Testing

@testable import MatcherSync

/// Values in delivery rows: padding is form, an unknown code is refused, and whatever is
/// refused leaves its owner pending rather than wrong.
@Suite struct DeliveryValueTests {
    /// The sample deliveries with `edit` applied to one file of one source, manifest redone.
    func deliveries(
        in folder: TemporaryFolder,
        _ source: String,
        _ file: String,
        edit: (String) -> String
    ) throws -> String {
        let deliveries = try folder.copy("fixtures/basic/deliveries", to: "deliveries")
        let delivery = "\(deliveries)/\(source)/2023-05-10"
        let path = delivery + "/" + file
        try edit(try String(contentsOfFile: path, encoding: .utf8))
            .write(toFile: path, atomically: true, encoding: .utf8)
        try writeManifest(in: delivery)
        return deliveries
    }

    func outcome(_ sync: SyncRun, _ id: String, _ half: String) throws -> String? {
        (try sync.exported()[id]?[half] as? [String: Any])?["outcome"] as? String
    }

    @Test func paddedCodesAreReadAsTheirCodes() throws {
        let folder = try TemporaryFolder()
        let medical = try deliveries(in: folder, "medical", "persons.csv") {
            $0.replacingOccurrences(
                of: "周建国,341221198503151037,正常",
                with: "周建国,341221198503151037, 正常 "
            )
        }
        let sync = try SyncRun(folder: folder)
        try sync.run(deliveries: medical)
        #expect(try outcome(sync, "A2023-0001", "socialInsurance") == "SI_MATCHED")
    }

    @Test func unknownRegistryStateLeavesTheOwnerPending() throws {
        let folder = try TemporaryFolder()
        let registry = try deliveries(in: folder, "registry", "certificates.csv") {
            $0.replacingOccurrences(of: "2022-02-15,现势", with: "2022-02-15,XS")
        }
        let sync = try SyncRun(folder: folder)
        let report = try sync.run(deliveries: registry)
        #expect(report.refusedRows.first?.reason == "state is not one the mapping knows")
        #expect(try outcome(sync, "A2023-0001", "property") == "PR_PENDING")
        #expect(try outcome(sync, "A2023-0013", "property") == "PR_MATCHED")
    }

    @Test func unknownCertificateTypeIsTracedUnderBothTypes() throws {
        let folder = try TemporaryFolder()
        let registry = try deliveries(in: folder, "registry", "certificates.csv") {
            $0.replacingOccurrences(
                of: "不动产权证,苏(2022)昆山市不动产权第0100001号",
                with: "不动产权证书,苏(2022)昆山市不动产权第0100001号"
            )
        }
        let sync = try SyncRun(folder: folder)
        try sync.run(deliveries: registry)
        #expect(try outcome(sync, "A2023-0001", "property") == "PR_PENDING")
    }

    @Test func rowThatCannotBeTracedRefusesTheDelivery() throws {
        let folder = try TemporaryFolder()
        let hrss = try deliveries(in: folder, "hrss", "persons.csv") {
            $0.replacingOccurrences(of: "SB0002,王明,41272319860708259X", with: "SB0002,王明,")
        }
        let sync = try SyncRun(folder: folder)
        let report = try sync.run(deliveries: hrss)
        let refused = try #require(report.refusedDeliveries.first)
        #expect(refused.reason.contains("cannot be traced"))
        #expect(report.pendingSources == ["hrss"])
    }

    @Test func csvFileTheManifestDoesNotListRefusesTheDelivery() throws {
        let folder = try TemporaryFolder()
        let deliveries = try folder.copy("fixtures/basic/deliveries", to: "deliveries")
        try "a,b\n1,2\n".write(
            toFile: deliveries + "/hrss/2023-05-10/extra.csv",
            atomically: true,
            encoding: .utf8
        )
        let sync = try SyncRun(folder: folder)
        let report = try sync.run(deliveries: deliveries)
        #expect(report.refusedDeliveries.first?.reason.contains("holds extra.csv") == true)
    }

    @Test func listedFileTheRunDoesNotReadIsCheckedToo() throws {
        let folder = try TemporaryFolder()
        let deliveries = try folder.copy("fixtures/basic/deliveries", to: "deliveries")
        let delivery = deliveries + "/hrss/2023-05-10"
        try "a,b\n1,2\n".write(toFile: delivery + "/extra.csv", atomically: true, encoding: .utf8)
        try writeManifest(in: delivery)
        try "a,b\n1,3\n".write(toFile: delivery + "/extra.csv", atomically: true, encoding: .utf8)
        let sync = try SyncRun(folder: folder)
        let report = try sync.run(deliveries: deliveries)
        #expect(report.refusedDeliveries.first?.reason.contains("extra.csv has sha256") == true)
    }

    @Test func mappingWithoutAColumnIsAConfigurationError() throws {
        let folder = try TemporaryFolder()
        let mappings = try folder.copy("mappings", to: "mappings")
        let path = mappings + "/feeds/hrss.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "\"name\": [\"姓名\"],", with: "")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let error = try #require(throws: SyncError.self) {
            try MatchingSetup.load(
                mappingsDirectory: mappings,
                asOf: try #require(CalendarDate("2023-05-10"))
            )
        }
        #expect(error.message.contains("files.persons.csv.name has no header name"))
    }
}

import Foundation
import MatcherCore
import MatcherStore
import Testing

@testable import MatcherSync

/// Deliveries that disagree with their manifests, lack files or hold bad rows: each is
/// refused and reported, and never half-used.
@Suite struct DeliveryRefusalTests {
    /// The basic deliveries plus a newer hrss delivery, made by `damage`.
    func deliveriesWithNewerHRSS(
        in folder: TemporaryFolder,
        damage: (String) throws -> Void
    ) throws -> String {
        let deliveries = try folder.copy("fixtures/basic/deliveries", to: "deliveries")
        let newer = deliveries + "/hrss/2023-05-11"
        try FileManager.default.copyItem(atPath: deliveries + "/hrss/2023-05-10", toPath: newer)
        try damage(newer)
        return deliveries
    }

    /// Cuts the file's last record, as a transfer that stopped early would.
    func dropLastLine(of path: String) throws {
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        bytes.removeLast()  // the final line break
        let previousBreak = try #require(bytes.lastIndex(of: 0x0A))
        bytes.removeSubrange((previousBreak + 1)...)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    @Test func truncatedFileIsRefusedAndTheOlderDeliveryUsed() throws {
        let folder = try TemporaryFolder()
        let deliveries = try deliveriesWithNewerHRSS(in: folder) { newer in
            try dropLastLine(of: newer + "/persons.csv")
        }
        let sync = try SyncRun(folder: folder)
        let report = try sync.run(deliveries: deliveries, asOf: "2023-05-11")
        let refused = try #require(report.refusedDeliveries.first)
        #expect(refused.source == "hrss" && refused.date == "2023-05-11")
        #expect(refused.reason.contains("persons.csv"))
        #expect(refused.reason.contains("20 data rows, its manifest says 21"))
        #expect(report.deliveries.first { $0.source == "hrss" }?.date == "2023-05-10")
        #expect(report.results.pending == 0)
        #expect(try sync.exported()["A2023-0001"] != nil)
    }

    @Test func changedBytesAreRefusedByTheirChecksum() throws {
        let folder = try TemporaryFolder()
        let deliveries = try deliveriesWithNewerHRSS(in: folder) { newer in
            let path = newer + "/contributions.csv"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "201908", with: "201907")
                .write(toFile: path, atomically: true, encoding: .utf8)
        }
        let sync = try SyncRun(folder: folder)
        let report = try sync.run(deliveries: deliveries, asOf: "2023-05-11")
        let refused = try #require(report.refusedDeliveries.first)
        #expect(refused.reason.contains("contributions.csv has sha256"))
        #expect(report.deliveries.first { $0.source == "hrss" }?.date == "2023-05-10")
    }

    @Test func deliveryLackingAFileIsRefused() throws {
        let folder = try TemporaryFolder()
        let deliveries = try deliveriesWithNewerHRSS(in: folder) { newer in
            try FileManager.default.removeItem(atPath: newer + "/contributions.csv")
        }
        let sync = try SyncRun(folder: folder)
        let report = try sync.run(deliveries: deliveries, asOf: "2023-05-11")
        let refused = try #require(report.refusedDeliveries.first)
        #expect(refused.reason.contains("lacks contributions.csv"))
    }

    @Test func deliveryWithoutManifestIsRefused() throws {
        let folder = try TemporaryFolder()
        let deliveries = try deliveriesWithNewerHRSS(in: folder) { newer in
            try FileManager.default.removeItem(atPath: newer + "/manifest.json")
        }
        let sync = try SyncRun(folder: folder)
        let report = try sync.run(deliveries: deliveries, asOf: "2023-05-11")
        #expect(report.refusedDeliveries.first?.reason.contains("no manifest.json") == true)
    }

    @Test func deliveryLaterThanTheRunDayIsNotUsed() throws {
        let folder = try TemporaryFolder()
        let deliveries = try deliveriesWithNewerHRSS(in: folder) { _ in }
        let sync = try SyncRun(folder: folder)
        let report = try sync.run(deliveries: deliveries, asOf: "2023-05-10")
        #expect(report.deliveries.first { $0.source == "hrss" }?.date == "2023-05-10")
        #expect(report.refusedDeliveries.isEmpty)
    }

    @Test func sourceWithNoCompleteDeliveryLeavesItsResultsPending() throws {
        let folder = try TemporaryFolder()
        let deliveries = try folder.copy("fixtures/basic/deliveries", to: "deliveries")
        try dropLastLine(of: deliveries + "/registry/2023-05-10/certificates.csv")
        let sync = try SyncRun(folder: folder)
        let report = try sync.run(deliveries: deliveries)
        #expect(report.pendingSources == ["registry"])
        #expect(report.outcomes["PR_PENDING"] == 11)
        #expect(report.outcomes["SI_MATCHED"] == 13)
        let line = try #require(try sync.exported()["A2023-0001"])
        let property = try #require(line["property"] as? [String: Any])
        #expect(property["outcome"] as? String == "PR_PENDING")
        #expect(property["parentMessages"] as? [String] == ["房产数据对接中，请次日查看"])
    }

    @Test func badRowIsRefusedByLineAndTheRestOfTheDeliveryIsUsed() throws {
        let folder = try TemporaryFolder()
        let deliveries = try deliveriesWithNewerHRSS(in: folder) { newer in
            let path = newer + "/contributions.csv"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            // Line 2 is SB0001's pension: its first month becomes unreadable.
            try text.replacingOccurrences(of: "SB0001,110,201908", with: "SB0001,110,2019-8")
                .write(toFile: path, atomically: true, encoding: .utf8)
            try writeManifest(in: newer)
        }
        let sync = try SyncRun(folder: folder)
        let report = try sync.run(deliveries: deliveries, asOf: "2023-05-11")
        #expect(report.refusedDeliveries.isEmpty)
        let row = try #require(report.refusedRows.first)
        #expect(row.file == "hrss/2023-05-11/contributions.csv")
        #expect(row.line == 2)
        #expect(row.reason.contains("firstMonth"))
        let line = try #require(try sync.exported()["A2023-0001"])
        let insurance = try #require(line["socialInsurance"] as? [String: Any])
        let months = try #require(insurance["months"] as? [String: [String: Int]])
        #expect(months["pension"] == ["recent": 0, "earlier": 0])
        #expect(months["unemployment"] == ["recent": 36, "earlier": 8])
    }

    @Test func rowWithTheWrongNumberOfFieldsIsRefused() throws {
        let folder = try TemporaryFolder()
        let deliveries = try deliveriesWithNewerHRSS(in: folder) { newer in
            let path = newer + "/persons.csv"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "SB0002,王明,", with: "SB0002,王明,extra,")
                .write(toFile: path, atomically: true, encoding: .utf8)
            try writeManifest(in: newer)
        }
        let sync = try SyncRun(folder: folder)
        let report = try sync.run(deliveries: deliveries, asOf: "2023-05-11")
        let row = try #require(report.refusedRows.first)
        #expect(row.line == 3)
        #expect(row.reason == "has 4 fields, the header has 3")
        #expect(!report.text.contains("41272319860708259X"))
    }
}

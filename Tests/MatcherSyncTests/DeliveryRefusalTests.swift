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

    @Test func carriageReturnTypedIntoARowIsNamedByItsLine() throws {
        let folder = try TemporaryFolder()
        let deliveries = try deliveriesWithNewerHRSS(in: folder) { newer in
            // The fixture's lines end in CRLF; a CR after the first comma of the fifth line
            // stands alone.
            let url = URL(fileURLWithPath: newer + "/persons.csv")
            var bytes = [UInt8](try Data(contentsOf: url))
            let lineStarts = [0] + bytes.indices.filter { bytes[$0] == 0x0A }.map { $0 + 1 }
            let comma = try #require(bytes[lineStarts[4]...].firstIndex(of: 0x2C))
            bytes.insert(0x0D, at: comma + 1)
            try Data(bytes).write(to: url)
        }
        let report = try SyncRun(folder: folder).run(deliveries: deliveries, asOf: "2023-05-11")
        let refused = try #require(report.refusedDeliveries.first)
        #expect(refused.reason.contains("22 data rows, its manifest says 21"))
        #expect(
            refused.reason.contains(
                "line 5 ends in a carriage return with no line feed after it"
            )
        )
    }

    @Test func fileCutInsideAQuoteIsRefusedNamingItOnce() throws {
        let folder = try TemporaryFolder()
        var cutFile = ""
        let deliveries = try deliveriesWithNewerHRSS(in: folder) { newer in
            cutFile = newer + "/persons.csv"
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: cutFile))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data("SB0099,\"周".utf8))
            try handle.close()
        }
        let report = try SyncRun(folder: folder).run(deliveries: deliveries, asOf: "2023-05-11")
        let refused = try #require(report.refusedDeliveries.first)
        #expect(
            refused.reason.hasPrefix(
                "hrss/2023-05-11/persons.csv cannot be read to the end: the quoted field opened "
                    + "on line 23"
            )
        )
        #expect(!refused.reason.contains(cutFile))
    }

    @Test func utf8FileAnnouncedAsGB18030IsRefusedNamingTheEncoding() throws {
        let folder = try TemporaryFolder()
        let deliveries = try deliveriesWithNewerHRSS(in: folder) { newer in
            try writeManifest(in: newer, encoding: "GB18030")
        }
        let report = try SyncRun(folder: folder).run(deliveries: deliveries, asOf: "2023-05-11")
        let refused = try #require(report.refusedDeliveries.first)
        #expect(refused.reason.contains("has every one read as UTF-8"))
        #expect(report.deliveries.first { $0.source == "hrss" }?.date == "2023-05-10")
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
        // The report names the folder once.
        #expect(report.text.contains("  hrss/2023-05-11: lacks contributions.csv"))
    }

    @Test func unlistedCSVWithItsExtensionInCapitalsIsRefused() throws {
        let folder = try TemporaryFolder()
        let deliveries = try deliveriesWithNewerHRSS(in: folder) { newer in
            try "a,b\n1,2\n".write(toFile: newer + "/extra.CSV", atomically: true, encoding: .utf8)
        }
        let report = try SyncRun(folder: folder).run(deliveries: deliveries, asOf: "2023-05-11")
        let refused = try #require(report.refusedDeliveries.first)
        #expect(refused.reason.contains("holds extra.CSV, which its manifest does not list"))
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

    @Test func manifestNamingAFileOutsideItsFolderIsRefusedNamingTheEntry() throws {
        let folder = try TemporaryFolder()
        let deliveries = try deliveriesWithNewerHRSS(in: folder) { newer in
            let path = newer + "/manifest.json"
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            var manifest = try #require(
                try JSONSerialization.jsonObject(with: data) as? [String: Any]
            )
            var files = try #require(manifest["files"] as? [String: Any])
            files["../../x\n.csv"] = ["rows": 1, "sha256": String(repeating: "0", count: 64)]
            manifest["files"] = files
            try JSONSerialization.data(withJSONObject: manifest)
                .write(to: URL(fileURLWithPath: path))
        }
        let sync = try SyncRun(folder: folder)
        let report = try sync.run(deliveries: deliveries, asOf: "2023-05-11")
        let refused = try #require(report.refusedDeliveries.first)
        #expect(refused.reason.contains(#"lists "../../x\n.csv", which is not a plain file name"#))
    }

    @Test func runDayBeforeEveryDeliveryIsWarnedOfPerSource() throws {
        let folder = try TemporaryFolder()
        let report = try SyncRun(folder: folder).run(asOf: "2023-05-09")
        for source in ["hrss", "medical", "registry"] {
            #expect(
                report.warnings.contains(
                    "\(source) has no delivery on or before 2023-05-09, only later ones (from "
                        + "2023-05-10); check that --as-of names the night meant"
                )
            )
        }
    }

    @Test(arguments: [
        ("fixtures/basic/deliveries/hrss", "holds 2023-05-10, a delivery of one source"),
        ("fixtures/basic/deliveries/hrss/2023-05-10", "holds manifest.json, so it is one delivery"),
        ("fixtures/basic", "holds a folder deliveries; name "),
        ("mappings", "holds none of the sources' folders"),
    ])
    func folderOneLevelOffGivenAsTheDeliveriesIsRefusedBeforeTheRun(
        folder: String,
        reason: String
    ) throws {
        var configuration = SyncConfiguration(
            applicationsPath: repositoryPath("fixtures/basic/applications.jsonl"),
            deliveriesDirectory: repositoryPath(folder),
            asOf: try #require(CalendarDate("2023-05-10"))
        )
        configuration.mappingsDirectory = repositoryPath("mappings")
        let error = #expect(throws: SyncError.self) { try SyncJob.prepare(configuration) }
        #expect(error?.message.contains(reason) == true, "\(error?.message ?? "")")
    }

    @Test func emptyDeliveriesFolderIsRunWithEverySourceWarnedOf() throws {
        let folder = try TemporaryFolder()
        let empty = folder.file("deliveries")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let report = try SyncRun(folder: folder).run(deliveries: empty)
        #expect(report.warnings.contains("\(empty) has no folder hrss"))
    }

    @Test func storeInsideTheDeliveriesIsRefusedBeforeTheRun() throws {
        let folder = try TemporaryFolder()
        let deliveries = try folder.copy("fixtures/basic/deliveries", to: "deliveries")
        var configuration = SyncConfiguration(
            applicationsPath: repositoryPath("fixtures/basic/applications.jsonl"),
            deliveriesDirectory: deliveries,
            asOf: try #require(CalendarDate("2023-05-10"))
        )
        configuration.mappingsDirectory = repositoryPath("mappings")
        configuration.protectedPaths = [deliveries + "/hrss/matcher.sqlite"]
        let error = #expect(throws: SyncError.self) { try SyncJob.prepare(configuration) }
        #expect(error?.message.contains("which the run writes, is inside \(deliveries)") == true)
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

    @Test func badRowIsRefusedAndLeavesOnlyItsOwnersResultPending() throws {
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
        // Counting SB0001's months without the row would give a final, wrong result.
        let exported = try sync.exported()
        let owner = try #require(exported["A2023-0001"]?["socialInsurance"] as? [String: Any])
        #expect(owner["outcome"] as? String == "SI_PENDING")
        let other = try #require(exported["A2023-0002"]?["socialInsurance"] as? [String: Any])
        #expect(other["outcome"] as? String == "SI_MATCHED")
        #expect(report.results.pending == 1)
    }

    @Test func contributionWithoutItsOwnerRefusesTheDelivery() throws {
        let folder = try TemporaryFolder()
        let deliveries = try deliveriesWithNewerHRSS(in: folder) { newer in
            let path = newer + "/contributions.csv"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "SB0001,110,201908", with: ",110,201908")
                .write(toFile: path, atomically: true, encoding: .utf8)
            try writeManifest(in: newer)
        }
        let sync = try SyncRun(folder: folder)
        let report = try sync.run(deliveries: deliveries, asOf: "2023-05-11")
        // Whose months the row holds is unknown, so no one's count can be trusted.
        let refused = try #require(report.refusedDeliveries.first)
        #expect(refused.reason.contains("personalNumber is empty"))
        #expect(report.deliveries.first { $0.source == "hrss" }?.date == "2023-05-10")
    }

    @Test func fileBrokenThroughoutIsRefusedHoweverFewOfItsRowsAreNeeded() throws {
        let folder = try TemporaryFolder()
        let deliveries = try deliveriesWithNewerHRSS(in: folder) { newer in
            let path = newer + "/contributions.csv"
            let lines = try String(contentsOfFile: path, encoding: .utf8)
                .components(separatedBy: "\r\n").filter { !$0.isEmpty }
            // Every row's first month unreadable, and far more rows than the night needs:
            // the refused rows are few of the file, but all of the rows read in full.
            var broken = [lines[0]]
            for line in lines.dropFirst() {
                var fields = line.split(separator: ",", omittingEmptySubsequences: false)
                fields[2] = "20x"
                broken.append(fields.joined(separator: ","))
            }
            for number in 0..<20_000 {
                broken.append("SBX\(number),110,20x,,320583")
            }
            try (broken.joined(separator: "\r\n") + "\r\n")
                .write(toFile: path, atomically: true, encoding: .utf8)
            try writeManifest(in: newer)
        }
        let sync = try SyncRun(folder: folder)
        let report = try sync.run(deliveries: deliveries, asOf: "2023-05-11")
        let refused = try #require(report.refusedDeliveries.first)
        #expect(refused.reason.contains("refused rows of the"))
        #expect(refused.reason.contains("more than 1%"))
        #expect(report.deliveries.first { $0.source == "hrss" }?.date == "2023-05-10")
        #expect(report.results.pending == 0)
        // Each refused row is still listed, to be sent back to the department.
        let listed = report.refusedRows.filter { $0.file == "hrss/2023-05-11/contributions.csv" }
        #expect(refused.reason.contains("its \(listed.count) refused rows are listed"))
        #expect(listed.count > 10 && listed.allSatisfy { $0.line > 1 })
        #expect(listed.allSatisfy { $0.reason.contains("firstMonth") })
    }

    @Test(arguments: [(copies: 400, listed: 400), (copies: 1_500, listed: 1_000)])
    func refusedDeliveryListsItsRefusedRowsUpToAThousand(copies: Int, listed: Int) throws {
        let folder = try TemporaryFolder()
        let deliveries = try deliveriesWithNewerHRSS(in: folder) { newer in
            let path = newer + "/contributions.csv"
            let lines = try String(contentsOfFile: path, encoding: .utf8)
                .components(separatedBy: "\r\n").filter { !$0.isEmpty }
            // A needed row broken many times over, in a file of rows nobody needs: more
            // broken rows than 1% of the whole file, and all of those read in full.
            var fields = lines[1].split(separator: ",", omittingEmptySubsequences: false)
            fields[2] = "20x"
            let broken = fields.joined(separator: ",")
            var rows = [lines[0]] + Array(repeating: broken, count: copies)
            for number in 0..<10_000 {
                rows.append("SBX\(number),110,202001,,320583")
            }
            try (rows.joined(separator: "\r\n") + "\r\n")
                .write(toFile: path, atomically: true, encoding: .utf8)
            try writeManifest(in: newer)
        }
        let sync = try SyncRun(folder: folder)
        let report = try sync.run(deliveries: deliveries, asOf: "2023-05-11")
        let refused = try #require(report.refusedDeliveries.first)
        #expect(refused.reason.contains("has \(copies) refused rows of the"))
        let rows = report.refusedRows.filter { $0.file == "hrss/2023-05-11/contributions.csv" }
        #expect(rows.count == listed)
        #expect(rows.first?.line == 2 && rows.last?.line == 1 + listed)
        let which = listed < copies ? "its first \(listed)" : "its \(listed)"
        #expect(refused.reason.contains("; \(which) refused rows are listed"))
    }

    @Test(arguments: ["\u{0}", "\u{7F}", "\u{1B}"])
    func idNumberWithAControlCharacterIsRefusedNotMatched(control: String) throws {
        let folder = try TemporaryFolder()
        let deliveries = try deliveriesWithNewerHRSS(in: folder) { newer in
            let path = newer + "/persons.csv"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(
                of: "SB0001,周建国,341221198503151037",
                with: "SB0001,周建国,34122119850315\(control)1037"
            ).write(toFile: path, atomically: true, encoding: .utf8)
            try writeManifest(in: newer)
        }
        let sync = try SyncRun(folder: folder)
        let report = try sync.run(deliveries: deliveries, asOf: "2023-05-11")
        #expect(report.refusedDeliveries.isEmpty)
        let refused = report.refusedRows.filter { $0.file == "hrss/2023-05-11/persons.csv" }
        #expect(refused.map(\.reason) == ["idNumber holds a control character, a damaged value"])
        // The person's half waits for a clean row rather than matching a damaged one.
        #expect(report.results.pending == 1)
    }

    @Test func rowWithTheWrongNumberOfFieldsRefusesTheDelivery() throws {
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
        // No column of such a row is in its place, so it could be anyone's record.
        let refused = try #require(report.refusedDeliveries.first)
        #expect(refused.reason.contains("line 3"))
        #expect(refused.reason.contains("has 4 fields, the header has 3"))
        #expect(report.deliveries.first { $0.source == "hrss" }?.date == "2023-05-10")
        #expect(!report.text.contains("41272319860708259X"))
    }

    @Test func twoColumnsForOneFieldRefuseTheDelivery() throws {
        let folder = try TemporaryFolder()
        let deliveries = try deliveriesWithNewerHRSS(in: folder) { newer in
            let path = newer + "/persons.csv"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "个人编号,姓名,公民身份号码", with: "个人编号,姓名,身份证号码")
                .replacingOccurrences(of: "\r\n", with: ",X\r\n")
                .replacingOccurrences(of: "身份证号码,X", with: "身份证号码,公民身份号码")
                .write(toFile: path, atomically: true, encoding: .utf8)
            try writeManifest(in: newer)
        }
        let sync = try SyncRun(folder: folder)
        let report = try sync.run(deliveries: deliveries, asOf: "2023-05-11")
        let refused = try #require(report.refusedDeliveries.first)
        #expect(refused.reason.contains("2 columns for idNumber"))
    }

    @Test func missingHeaderIsNamedWithoutPrintingTheFirstRow() throws {
        let folder = try TemporaryFolder()
        let deliveries = try deliveriesWithNewerHRSS(in: folder) { newer in
            let path = newer + "/persons.csv"
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            let firstBreak = try #require(bytes.firstIndex(of: 0x0A))
            try bytes[(firstBreak + 1)...].write(to: URL(fileURLWithPath: path))
            // One line fewer: the manifest counts the first data row as the header.
            try writeManifest(in: newer)
        }
        let sync = try SyncRun(folder: folder)
        let report = try sync.run(deliveries: deliveries, asOf: "2023-05-11")
        let refused = try #require(report.refusedDeliveries.first)
        #expect(refused.reason.contains("header row is probably missing"))
        #expect(!refused.reason.contains("周建国"))
        #expect(!refused.reason.contains("341221198503151037"))
    }

    @Test func emptySnapshotIsRefused() throws {
        let folder = try TemporaryFolder()
        let deliveries = try folder.copy("fixtures/basic/deliveries", to: "deliveries")
        let newer = deliveries + "/registry/2023-05-11"
        try FileManager.default.createDirectory(atPath: newer, withIntermediateDirectories: true)
        try "证书类型,产权证号,权利人,权利人证件号,共有方式,规划用途,坐落,登记时间,权属状态\n"
            .write(toFile: newer + "/certificates.csv", atomically: true, encoding: .utf8)
        try writeManifest(in: newer)
        let sync = try SyncRun(folder: folder)
        let report = try sync.run(deliveries: deliveries, asOf: "2023-05-11")
        #expect(report.refusedDeliveries.first?.reason.contains("holds no data rows") == true)
        #expect(report.deliveries.first { $0.source == "registry" }?.date == "2023-05-10")
    }

    @Test func strayFolderIsReportedAndNotRead() throws {
        let folder = try TemporaryFolder()
        let deliveries = try folder.copy("fixtures/basic/deliveries", to: "deliveries")
        try FileManager.default.createDirectory(
            atPath: deliveries + "/hrss/2023-13-45",
            withIntermediateDirectories: true
        )
        let sync = try SyncRun(folder: folder)
        let report = try sync.run(deliveries: deliveries)
        #expect(report.warnings.contains { $0.contains("hrss/2023-13-45") })
        #expect(report.text.contains("Warnings"))
    }

    @Test func missingDeliveriesFolderFailsBeforeAnyWork() throws {
        let folder = try TemporaryFolder()
        let sync = try SyncRun(folder: folder)
        let error = try #require(throws: SyncError.self) {
            try sync.run(deliveries: folder.file("absent"))
        }
        #expect(error.message.contains("does not exist"))
        #expect(try sync.store.runs().isEmpty)
    }

    @Test func brokenNightKeepsTheResultFoundBefore() throws {
        let folder = try TemporaryFolder()
        let sync = try SyncRun(folder: folder)
        try sync.run()
        let deliveries = try folder.copy("fixtures/basic/deliveries", to: "deliveries")
        try dropLastLine(of: deliveries + "/registry/2023-05-10/certificates.csv")
        let report = try sync.run(deliveries: deliveries, results: "night2.jsonl")
        #expect(report.pendingSources == ["registry"])
        // Nothing can be computed from a registry that cannot be read: the results stay.
        #expect(report.plan.unchanged == 20)
        #expect(report.results.changed == 0)
        let line = try #require(try sync.exported("night2.jsonl")["A2023-0001"])
        let property = try #require(line["property"] as? [String: Any])
        #expect(property["outcome"] as? String == "PR_MATCHED")
    }

    @Test func halfWhoseFeedIsMissingKeepsWhatItFoundWhileTheOtherHalfIsRecomputed() throws {
        let folder = try TemporaryFolder()
        let sync = try SyncRun(folder: folder)
        try sync.run()
        let deliveries = try deliveriesWithNewerHRSS(in: folder) { newer in
            let path = newer + "/contributions.csv"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "SB0001,110,201908", with: "SB0001,110,201808")
                .write(toFile: path, atomically: true, encoding: .utf8)
            try writeManifest(in: newer)
        }
        try dropLastLine(of: deliveries + "/registry/2023-05-10/certificates.csv")
        let report = try sync.run(deliveries: deliveries, asOf: "2023-05-11", results: "n2.jsonl")
        #expect(report.plan.sourceDataChanged["hrss"] == 1)
        #expect(report.results.keptWhilePending == 1)
        let line = try #require(try sync.exported("n2.jsonl")["A2023-0001"])
        let property = try #require(line["property"] as? [String: Any])
        #expect(property["outcome"] as? String == "PR_MATCHED")
        let insurance = try #require(line["socialInsurance"] as? [String: Any])
        let months = try #require(insurance["months"] as? [String: [String: Int]])
        #expect(months["pension"] == ["recent": 36, "earlier": 20])
    }
}

import Foundation
import MatcherCore
import MatcherStore
import Testing

@testable import MatcherSync

/// Applications across nights: resubmitted, withdrawn, deleted, repeated or stale.
@Suite struct ApplicationLifecycleTests {
    /// The sample export's line for `id`, as a JSON object to edit.
    func sampleLine(_ id: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(sampleText(id).utf8))
        return try #require(object as? [String: Any])
    }

    /// The sample export's line for `id`, byte for byte as the portal wrote it.
    func sampleText(_ id: String) throws -> String {
        let text = try String(
            contentsOfFile: repositoryPath("fixtures/basic/applications.jsonl"),
            encoding: .utf8
        )
        for line in text.split(separator: "\n") where line.contains("\"\(id)\"") {
            return String(line)
        }
        throw CocoaError(.fileReadCorruptFile)
    }

    /// Writes an export of lines given as text, byte for byte, and returns its path.
    func export(text lines: [String], named name: String, in folder: TemporaryFolder) throws
        -> String
    {
        let path = folder.file(name)
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Writes an export of the given lines and returns its path.
    func export(_ lines: [[String: Any]], named name: String, in folder: TemporaryFolder) throws
        -> String
    {
        var data = Data()
        for line in lines {
            data.append(try JSONSerialization.data(withJSONObject: line))
            data.append(0x0A)
        }
        let path = folder.file(name)
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func withdrawnApplicationLosesItsCurrentResult() throws {
        let folder = try TemporaryFolder()
        let sync = try SyncRun(folder: folder)
        try sync.run()
        var withdrawn = try sampleLine("A2023-0001")
        withdrawn["version"] = 2
        withdrawn["status"] = "withdrawn"
        let report = try sync.run(
            applications: try export([withdrawn], named: "night2.jsonl", in: folder),
            results: "night2.jsonl.results"
        )
        #expect(report.applications.withdrawn == 1)
        #expect(report.results.retired == 1)
        #expect(try sync.store.currentResults()["A2023-0001"] == nil)
        let exported = try sync.exported("night2.jsonl.results")
        #expect(exported["A2023-0001"] == nil)
        // The others, absent from the second night's export, keep their results.
        #expect(exported.count == 19)
        #expect(try sync.store.results(of: "A2023-0001").count == 1)
    }

    @Test func deletedApplicationLosesItsCurrentResult() throws {
        let folder = try TemporaryFolder()
        let sync = try SyncRun(folder: folder)
        try sync.run()
        var deleted = try sampleLine("A2023-0002")
        deleted["version"] = 2
        deleted["status"] = "deleted"
        let report = try sync.run(
            applications: try export([deleted], named: "night2.jsonl", in: folder)
        )
        #expect(report.applications.deleted == 1)
        #expect(try sync.store.currentResults()["A2023-0002"] == nil)
    }

    @Test func resubmissionGetsANewResultForItsVersion() throws {
        let folder = try TemporaryFolder()
        let sync = try SyncRun(folder: folder)
        try sync.run()
        // The parent corrects the typo in the points subject's ID number, and so in the
        // guardian the subject is a copy of.
        var corrected = try sampleLine("A2023-0009")
        corrected["version"] = 2
        var subject = try #require(corrected["pointsSubject"] as? [String: Any])
        subject["idNumber"] = "341221198503151491"
        corrected["pointsSubject"] = subject
        var guardians = try #require(corrected["guardians"] as? [[String: Any]])
        guardians[0]["idNumber"] = "341221198503151491"
        corrected["guardians"] = guardians
        let report = try sync.run(
            applications: try export([corrected], named: "night2.jsonl", in: folder)
        )
        #expect(report.applications.resubmitted == 1)
        #expect(report.results.changed == 1)
        #expect(report.plan.newOrChangedApplication == 1)
        #expect(report.plan.unchanged == 19)
        let results = try sync.store.results(of: "A2023-0009")
        #expect(results.map(\.version) == [1, 2])
        #expect(results.map(\.socialInsuranceOutcome) == ["SI_INVALID_ID", "SI_MATCHED"])
        let current = try #require(try sync.store.currentResults()["A2023-0009"])
        #expect(current.version == 2)
        #expect(current.runId == report.runId)
    }

    @Test func olderVersionIsRefusedAndTheStoredOneKept() throws {
        let folder = try TemporaryFolder()
        let sync = try SyncRun(folder: folder)
        var second = try sampleLine("A2023-0001")
        second["version"] = 2
        try sync.run(applications: try export([second], named: "night1.jsonl", in: folder))
        let first = try sampleText("A2023-0001")
        let path = try export(text: [first], named: "night2.jsonl", in: folder)
        let report = try sync.run(applications: path)
        let refused = try #require(report.refusedLines.first)
        #expect(refused.line == 1)
        #expect(refused.reason == "version 1 is older than the stored 2")
        #expect(try sync.store.currentResults()["A2023-0001"]?.version == 2)
        // The line as the portal wrote it, spacing and key order and all.
        let stored = try sync.store.refusedInputs(ofRun: report.runId)
        #expect(stored.filter { $0.input == path }.map(\.raw) == [Data(first.utf8)])
    }

    @Test func exportOfWhichNoLineIsAnApplicationIsWarnedOfOnce() throws {
        let folder = try TemporaryFolder()
        let sync = try SyncRun(folder: folder)
        // Another file given by mistake: a binary, whose lines are no JSON at all.
        let path = folder.file("applications.sqlite")
        try Data([0x53, 0x51, 0x4C, 0x00, 0xFF, 0x0A, 0x1F, 0x8B, 0x08, 0x0A, 0x7B, 0x0A])
            .write(to: URL(fileURLWithPath: path))
        let report = try sync.run(applications: path)
        #expect(report.applications.linesRead == 3)
        #expect(report.applications.refused == 3)
        let warnings = report.warnings.filter { $0.contains("no line of the application export") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("all 3 were refused") == true)
        #expect(warnings.first?.contains(path) == true)
    }

    @Test func exportWhoseLinesAreAllRefusedByTheStoreIsNoWrongFile() throws {
        let folder = try TemporaryFolder()
        let sync = try SyncRun(folder: folder)
        var second = try sampleLine("A2023-0001")
        second["version"] = 2
        try sync.run(applications: try export([second], named: "night1.jsonl", in: folder))
        let older = try export(text: [try sampleText("A2023-0001")], named: "n2.jsonl", in: folder)
        let report = try sync.run(applications: older)
        #expect(report.applications.refused == 1)
        #expect(!report.warnings.contains { $0.contains("no line of the application export") })
    }

    @Test func sameVersionWithOtherContentIsRefused() throws {
        let folder = try TemporaryFolder()
        let sync = try SyncRun(folder: folder)
        try sync.run()
        let original = try sampleText("A2023-0003")
        let changed = original.replacingOccurrences(
            of: #""town": "昆山开发区""#,
            with: #""town": "张浦镇""#
        )
        try #require(changed != original)
        let path = try export(text: [changed], named: "night2.jsonl", in: folder)
        let report = try sync.run(applications: path)
        #expect(report.refusedLines.first?.reason.contains("already received") == true)
        let refused = try sync.store.refusedInputs(ofRun: report.runId)
        #expect(refused.filter { $0.input == path }.map(\.raw) == [Data(changed.utf8)])
    }

    @Test func repeatedApplicationIdIsRefusedAndTheFirstLineKept() throws {
        let folder = try TemporaryFolder()
        let sync = try SyncRun(folder: folder)
        let first = try sampleLine("A2023-0001")
        var repeated = first
        repeated["version"] = 2
        let report = try sync.run(
            applications: try export([first, repeated], named: "night.jsonl", in: folder)
        )
        #expect(report.refusedLines.map(\.line) == [2])
        #expect(report.refusedLines.first?.reason == "repeats the applicationId of line 1")
        #expect(try sync.store.currentResults()["A2023-0001"]?.version == 1)
    }

    @Test func exportWithByteOrderMarkAndCRLFIsRead() throws {
        let folder = try TemporaryFolder()
        let line = try JSONSerialization.data(withJSONObject: try sampleLine("A2023-0001"))
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(line)
        data.append(contentsOf: Array("\r\n\r\n".utf8))
        let path = folder.file("bom.jsonl")
        try data.write(to: URL(fileURLWithPath: path))
        let sync = try SyncRun(folder: folder)
        let report = try sync.run(applications: path)
        #expect(report.refusedLines.isEmpty)
        #expect(report.applications.new == 1)
    }

    @Test func missingExportFailsTheRunAndSaysWhichFileAndWhy() throws {
        let folder = try TemporaryFolder()
        let sync = try SyncRun(folder: folder)
        let path = folder.file("absent.jsonl")
        let error = try #require(throws: SyncError.self) {
            try sync.run(applications: path)
        }
        #expect(error.message.contains("absent.jsonl"))
        #expect(error.message.hasSuffix("does not exist"))
        #expect(error.message.components(separatedBy: path).count == 2)
        #expect(try sync.store.runs().first?.status == .failed)
    }

    @Test func directoryAsExportFailsTheRunSayingItIsADirectory() throws {
        let folder = try TemporaryFolder()
        let sync = try SyncRun(folder: folder)
        let error = try #require(throws: SyncError.self) {
            try sync.run(applications: folder.path)
        }
        #expect(error.message.contains("is a directory, not a file"))
        #expect(error.message.components(separatedBy: folder.path).count == 2)
    }

    @Test func lineOverOneMebibyteIsRefusedAndStoredCutWhileTheRestIsTaken() throws {
        let folder = try TemporaryFolder()
        var long = try sampleLine("A2023-0002")
        long["padding"] = String(repeating: "x", count: 3 << 20)
        let path = try export(
            [try sampleLine("A2023-0001"), long, try sampleLine("A2023-0003")],
            named: "night.jsonl",
            in: folder
        )
        let sync = try SyncRun(folder: folder)
        let report = try sync.run(applications: path)
        #expect(report.applications.new == 2)
        let refused = try #require(report.refusedLines.first)
        #expect(refused.line == 2)
        #expect(refused.applicationId == nil)
        #expect(refused.reason.hasPrefix("line is longer than 1 MiB ("))
        let stored = try #require(try sync.store.refusedInputs(ofRun: report.runId).first)
        #expect(stored.raw?.count == 64 * 1024)
        #expect(stored.input == path)
    }

    @Test func applicationIdThatIsNotAPortalIdNeverReachesTheReport() throws {
        let folder = try TemporaryFolder()
        var faked = try sampleLine("A2023-0001")
        faked["applicationId"] = "A9\n  line 99 (A2023-0002): \u{1B}[32m周建国 341221198503151037"
        let sync = try SyncRun(folder: folder)
        let report = try sync.run(
            applications: try export([faked], named: "night.jsonl", in: folder)
        )
        let refused = try #require(report.refusedLines.first)
        #expect(refused.applicationId == nil)
        #expect(refused.reason.hasPrefix("`applicationId` is not a portal id"))
        for leaked in ["line 99", "\u{1B}", "周建国", "341221198503151037"] {
            #expect(!report.text.contains(leaked))
        }
    }
}

import Foundation
import MatcherCore
import MatcherStore
import Testing

@testable import MatcherSync

@Suite struct ReportFileTests {
    let day = CalendarDate(year: 2023, month: 5, day: 10)

    func report() -> RunReport {
        var report = RunReport(
            runId: 7,
            asOf: "2023-05-10",
            policyYear: 2023,
            startedAt: "2023-05-10T01:30:00+08:00"
        )
        report.status = RunStatus.partial.rawValue
        report.pendingSources = ["registry"]
        return report
    }

    @Test func theDayPlaceholderBecomesTheRunsDay() throws {
        let day = try #require(self.day)
        #expect(ReportFile(pattern: "/r/{day}.json").path(for: day) == "/r/2023-05-10.json")
        #expect(ReportFile(pattern: "/r/report.json").path(for: day) == "/r/report.json")
    }

    @Test func theReportIsWrittenPrettyWithSortedKeysAndReadsBack() throws {
        let folder = try TemporaryFolder()
        let day = try #require(self.day)
        let written = try ReportFile(pattern: folder.file("report-{day}.json"))
            .write(report(), day: day)
        #expect(written == folder.file("report-2023-05-10.json"))
        let data = try Data(contentsOf: URL(fileURLWithPath: written))
        #expect(try JSONDecoder().decode(RunReport.self, from: data) == report())
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasPrefix("{\n  \"applications\" : {"))
        #expect(text.hasSuffix("}\n"))
    }

    @Test func writingReplacesTheFileAndLeavesNoTemporaryFile() throws {
        let folder = try TemporaryFolder()
        let day = try #require(self.day)
        let path = folder.file("report.json")
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        try ReportFile(pattern: path).write(report(), day: day)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(try JSONDecoder().decode(RunReport.self, from: data).runId == 7)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["report.json"])
    }

    @Test func aFolderTheStoreOrAMissingFolderIsRefusedAsTarget() throws {
        let folder = try TemporaryFolder()
        let day = try #require(self.day)
        let store = folder.file("matcher.sqlite")
        let refused = [
            folder.path,
            store,
            store + "-wal",
            folder.file("missing/report.json"),
        ]
        for path in refused {
            #expect(throws: SyncError.self) {
                try ReportFile(pattern: path).checkTarget(for: day, notSameAs: [store])
            }
        }
        try ReportFile(pattern: folder.file("{day}.json")).checkTarget(for: day, notSameAs: [store])
    }
}

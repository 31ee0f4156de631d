import Foundation
import MatcherCore
import MatcherStore
import Testing

@testable import MatcherSync

/// The sample night of `fixtures/basic`, run end to end and compared field by field.
@Suite struct SampleNightTests {
    @Test func everyApplicationAgreesWithItsExpectedResult() throws {
        let sync = try SyncRun(folder: TemporaryFolder())
        try sync.run()
        let expected = try jsonLines(repositoryPath("fixtures/basic/expected.jsonl"))
        let exported = try sync.exported()
        #expect(expected.count == 20)
        for (id, fields) in expected.sorted(by: { $0.key < $1.key }) {
            let found = differences(
                expected: fields.filter { $0.key != "applicationId" },
                actual: exported[id]
            )
            #expect(found.isEmpty, "\(id): \(found.joined(separator: "; "))")
        }
        #expect(Set(exported.keys) == Set(expected.keys))
    }

    @Test func brokenLineIsReportedByNumberAndTheRestIsProcessed() throws {
        let sync = try SyncRun(folder: TemporaryFolder())
        let report = try sync.run()
        #expect(report.refusedLines.map(\.line) == [6])
        #expect(report.refusedLines.first?.reason.contains("JSON") == true)
        #expect(report.applications.linesRead == 22)
        #expect(report.applications.refused == 1)
        #expect(report.results.matched == 20)
        #expect(report.status == RunStatus.partial.rawValue)
    }

    @Test func refusedLineIsKeptInTheStoreWithItsBytes() throws {
        let sync = try SyncRun(folder: TemporaryFolder())
        let report = try sync.run()
        let refused = try sync.store.refusedInputs(ofRun: report.runId)
        let line = try #require(refused.first { $0.line == 6 })
        // The path as the run was given it, so two exports of the same name stay apart.
        #expect(line.input.hasSuffix("/fixtures/basic/applications.jsonl"))
        let raw = String(decoding: try #require(line.raw), as: UTF8.self)
        #expect(raw.hasPrefix("{\"applicationId\": \"A2023-9999\""))
    }

    @Test func withdrawnApplicationGetsNoResult() throws {
        let sync = try SyncRun(folder: TemporaryFolder())
        let report = try sync.run()
        #expect(try sync.exported()["A2023-0021"] == nil)
        #expect(report.applications.withdrawn == 1)
        #expect(try sync.store.currentResults()["A2023-0021"] == nil)
    }

    @Test func secondRunOverTheSameInputsChangesNothing() throws {
        let sync = try SyncRun(folder: TemporaryFolder())
        let first = try sync.run(results: "first.jsonl")
        let second = try sync.run(results: "second.jsonl")
        #expect(!first.changedNothing)
        #expect(second.changedNothing)
        // Nothing any result depends on changed, so nothing is matched again.
        #expect(second.plan.unchanged == 20)
        #expect(second.plan.matched == 0)
        #expect(second.results.changed == 0)
        #expect(second.applications.unchanged == 21)
        #expect(second.text.contains("Nothing changed"))
        let firstExport = try Data(
            contentsOf: URL(fileURLWithPath: sync.folder.file("first.jsonl"))
        )
        let secondExport = try Data(
            contentsOf: URL(fileURLWithPath: sync.folder.file("second.jsonl"))
        )
        #expect(firstExport == secondExport)
        #expect(try sync.store.runs().count == 2)
    }

    @Test func reportNamesTheDeliveriesUsedAndCountsEveryOutcome() throws {
        let sync = try SyncRun(folder: TemporaryFolder())
        let report = try sync.run()
        #expect(report.deliveries.map(\.source) == ["hrss", "medical", "registry"])
        #expect(report.deliveries.allSatisfy { $0.date == "2023-05-10" })
        #expect(report.deliveries.first?.rows == ["persons.csv": 21, "contributions.csv": 61])
        #expect(report.outcomes["SI_MATCHED"] == 13)
        #expect(report.outcomes["PR_NOT_DECLARED"] == 9)
        let outcomeTotal = report.outcomes.values.reduce(0, +)
        #expect(outcomeTotal == 40)
        let stored = try #require(try sync.store.run(id: report.runId))
        #expect(stored.status == .partial)
        #expect(try sync.store.deliveries(usedBy: report.runId).count == 3)
    }

    @Test func reportHoldsNoPersonalData() throws {
        let sync = try SyncRun(folder: TemporaryFolder())
        let report = try sync.run()
        let text = report.text
        let json = String(decoding: try RunReport.encoder.encode(report), as: UTF8.self)
        for personal in ["341221198503151037", "周建国", "4127 2319", "王 明"] {
            #expect(!text.contains(personal))
            #expect(!json.contains(personal))
        }
    }

    @Test func gb18030DeliveryWithReorderedAndRenamedColumnsGivesTheSameResults() throws {
        let folder = try TemporaryFolder()
        let basic = try SyncRun(folder: folder)
        try basic.run(results: "basic.jsonl")
        let variantFolder = try TemporaryFolder()
        let variant = try SyncRun(folder: variantFolder)
        let report = try variant.run(deliveries: repositoryPath("fixtures/variant/deliveries"))
        #expect(report.refusedDeliveries.isEmpty)
        #expect(report.refusedRows.isEmpty)
        let expected = try basic.exported("basic.jsonl")
        let actual = try variant.exported()
        for (id, fields) in expected {
            let comparable = ["socialInsurance", "property"]
            let found = differences(
                expected: fields.filter { comparable.contains($0.key) },
                actual: actual[id]
            )
            #expect(found.isEmpty, "\(id): \(found.joined(separator: "; "))")
        }
    }
}

import Foundation
import MatcherCore
import MatcherGenerator
import Testing

@testable import MatcherSync

/// A generated sample night run through the sync and checked against the generator's truth:
/// every field of every application, withdrawn and deleted ones left out, broken lines
/// reported by number.
@Suite struct GeneratedNightTests {
    /// A sample night; `rates`, as a rates file holds them, override the defaults.
    private func generate(
        seed: UInt64,
        into folder: TemporaryFolder,
        rates: String? = nil
    ) throws -> String {
        let path = folder.file("night")
        var configuration = GeneratorConfiguration(outputDirectory: path)
        configuration.seed = seed
        configuration.mappingsDirectory = repositoryPath("mappings")
        if let rates {
            let ratesPath = folder.file("rates.json")
            try Data(rates.utf8).write(to: URL(fileURLWithPath: ratesPath))
            configuration.rates = try CaseRates(overridingFrom: ratesPath)
        }
        _ = try NightGenerator(configuration: configuration).run()
        return path
    }

    private func truth(_ path: String) throws -> [[String: Any]] {
        let text = try String(contentsOfFile: path + "/truth.jsonl", encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func everyResultAgreesWithTheTruth(seed: UInt64) throws {
        try checkAgainstTheTruth(seed: seed)
    }

    /// Many pending cases, each a broken row, and few applications left to match: the
    /// generator holds the broken rows under the share at which the sync refuses a file
    /// whole, so the truth's final results stay final.
    @Test func highPendingRatesStillAgreeWithTheTruth() throws {
        let report = try checkAgainstTheTruth(
            seed: 5,
            rates: """
                {"si.pendingHrss": 0.05, "si.pendingMedical": 0.05, "pr.pending": 0.05,
                 "pr.notDeclared": 0.8}
                """
        )
        #expect(report.refusedDeliveries.isEmpty)
        #expect(!report.refusedRows.isEmpty)
    }

    @discardableResult
    private func checkAgainstTheTruth(seed: UInt64, rates: String? = nil) throws -> RunReport {
        let folder = try TemporaryFolder()
        let night = try generate(seed: seed, into: folder, rates: rates)
        let sync = try SyncRun(folder: folder)
        let report = try sync.run(
            applications: night + "/applications.jsonl",
            deliveries: night + "/deliveries"
        )
        let exported = try sync.exported()
        var expected = 0
        for line in try truth(night) {
            if line["expectResult"] as? Bool == true {
                expected += 1
                let id = try #require(line["applicationId"] as? String)
                let fields = line.filter { ["socialInsurance", "property"].contains($0.key) }
                let found = differences(expected: fields, actual: exported[id])
                let kind = line["case"] as? [String: Any] ?? [:]
                #expect(found.isEmpty, "\(id) (\(kind)): \(found.joined(separator: "; "))")
            } else if let id = line["applicationId"] as? String {
                #expect(exported[id] == nil, "\(id) is \(line["status"] ?? "") yet has a result")
            }
        }
        #expect(exported.count == expected)
        #expect(report.results.matched == expected)
        return report
    }

    @Test func brokenLinesAreReportedByNumber() throws {
        let folder = try TemporaryFolder()
        let night = try generate(seed: 4, into: folder)
        let report = try SyncRun(folder: folder).run(
            applications: night + "/applications.jsonl",
            deliveries: night + "/deliveries"
        )
        let broken = try truth(night).compactMap { $0["line"] as? Int }
        #expect(!broken.isEmpty)
        #expect(report.refusedLines.map(\.line).sorted() == broken.sorted())
        // The rows broken on purpose are refused one by one; no delivery is refused whole.
        #expect(report.refusedDeliveries.isEmpty)
        #expect(!report.refusedRows.isEmpty)
    }
}

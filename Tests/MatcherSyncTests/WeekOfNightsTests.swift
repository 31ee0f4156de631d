import Foundation
import MatcherCore
import MatcherStore
import Testing

@testable import MatcherSync

/// A scripted week: each night brings what real nights bring, and each night's results and
/// report must say exactly what happened.
@Suite struct WeekOfNightsTests {
    let folder: TemporaryFolder
    let deliveries: String
    let sync: SyncRun

    init() throws {
        folder = try TemporaryFolder()
        deliveries = folder.file("deliveries")
        for source in ["hrss", "medical", "registry"] {
            try FileManager.default.createDirectory(
                atPath: deliveries + "/" + source,
                withIntermediateDirectories: true
            )
        }
        sync = try SyncRun(folder: folder)
    }

    /// Delivers the sample night's files for `source` again, dated `date`.
    func deliver(_ source: String, on date: String, edit: (String) throws -> Void = { _ in })
        throws
    {
        let target = "\(deliveries)/\(source)/\(date)"
        try FileManager.default.copyItem(
            atPath: repositoryPath("fixtures/basic/deliveries/\(source)/2023-05-10"),
            toPath: target
        )
        try edit(target)
    }

    func replace(_ old: String, with new: String, in path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: old, with: new)
            .write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The sample export with `edits` applied to lines by application id; nil drops a line.
    func export(
        _ name: String,
        adding extra: [[String: Any]] = [],
        edits: [String: ([String: Any]) -> [String: Any]?] = [:]
    ) throws -> String {
        let path = folder.file(name)
        try SampleExport.write(to: path, adding: extra, edits: edits)
        return path
    }

    /// One line of the sample export; the broken line 6 is skipped.
    func sampleLine(_ id: String) throws -> [String: Any]? {
        try SampleExport.line(id)
    }

    func outcome(_ id: String, _ half: String, in results: String) throws -> String? {
        let line = try sync.exported(results)[id]
        return (line?[half] as? [String: Any])?["outcome"] as? String
    }

    @Test func aWeekOfNightsGivesTheRightResultsAndReports() throws {
        // Monday: the sample night.
        for source in ["hrss", "medical", "registry"] { try deliver(source, on: "2023-05-10") }
        let monday = try sync.run(
            applications: try export("mon.jsonl"),
            deliveries: deliveries,
            asOf: "2023-05-10",
            results: "mon.results"
        )
        #expect(monday.plan.newOrChangedApplication == 20)
        #expect(
            try outcome("A2023-0003", "socialInsurance", in: "mon.results") == "SI_MULTIPLE_SS_IDS"
        )

        // Tuesday: 人社 merged the two numbers of A2023-0003's parent; a new family applies.
        try deliver("hrss", on: "2023-05-11") { folder in
            try replace("SB0003B,孙伟", with: "SB0003A,孙伟", in: folder + "/persons.csv")
            try replace("SB0003B,", with: "SB0003A,", in: folder + "/contributions.csv")
            try writeManifest(in: folder)
        }
        try deliver("medical", on: "2023-05-11")
        try deliver("registry", on: "2023-05-11")
        var newcomer = try #require(try sampleLine("A2023-0002"))
        newcomer["applicationId"] = "A2023-0022"
        let tuesday = try sync.run(
            applications: try export("tue.jsonl", adding: [newcomer]),
            deliveries: deliveries,
            asOf: "2023-05-11",
            results: "tue.results"
        )
        #expect(tuesday.plan.newOrChangedApplication == 1)
        #expect(tuesday.plan.sourceDataChanged["hrss"] == 1)
        #expect(tuesday.plan.unchanged == 19)
        #expect(try outcome("A2023-0003", "socialInsurance", in: "tue.results") == "SI_MATCHED")
        #expect(tuesday.previousOutcomes?["SI_MULTIPLE_SS_IDS"] == 1)
        #expect(tuesday.outcomes["SI_MULTIPLE_SS_IDS"] == nil)
        #expect(tuesday.text.contains("SI_MULTIPLE_SS_IDS           1 → 0"))

        // Wednesday: A2023-0009 corrects the ID number; A2023-0001 withdraws to edit.
        try deliver("hrss", on: "2023-05-12") { folder in
            try FileManager.default.removeItem(atPath: folder)
            try FileManager.default.copyItem(
                atPath: deliveries + "/hrss/2023-05-11",
                toPath: folder
            )
        }
        try deliver("medical", on: "2023-05-12")
        try deliver("registry", on: "2023-05-12")
        let wednesday = try sync.run(
            applications: try export(
                "wed.jsonl",
                adding: [newcomer],
                edits: [
                    "A2023-0009": { fields in
                        var fields = fields
                        fields["version"] = 2
                        var subject = fields["pointsSubject"] as? [String: Any] ?? [:]
                        subject["idNumber"] = "341221198503151491"
                        fields["pointsSubject"] = subject
                        // The subject is a copy of the father, corrected with it.
                        var guardians = fields["guardians"] as? [[String: Any]] ?? []
                        guardians[0]["idNumber"] = "341221198503151491"
                        fields["guardians"] = guardians
                        return fields
                    },
                    "A2023-0001": { fields in
                        var fields = fields
                        fields["version"] = 2
                        fields["status"] = "withdrawn"
                        return fields
                    },
                ]
            ),
            deliveries: deliveries,
            asOf: "2023-05-12",
            results: "wed.results"
        )
        #expect(wednesday.applications.resubmitted == 1)
        #expect(wednesday.applications.withdrawn == 1)
        #expect(wednesday.results.retired == 1)
        #expect(try outcome("A2023-0009", "socialInsurance", in: "wed.results") == "SI_MATCHED")
        #expect(try sync.exported("wed.results")["A2023-0001"] == nil)

        // Thursday: no department delivers; yesterday's data is kept, not used, and no
        // parent loses a result.
        let thursday = try sync.run(
            applications: folder.file("wed.jsonl"),
            deliveries: deliveries,
            asOf: "2023-05-14",
            results: "thu.results"
        )
        #expect(thursday.staleDeliveries.map(\.source) == ["hrss", "medical", "registry"])
        #expect(thursday.status == RunStatus.partial.rawValue)
        #expect(thursday.results.changed == 0)
        #expect(try outcome("A2023-0020", "property", in: "thu.results") == "PR_MATCHED")

        // Friday: 人社's delivery is cut short and refused; the others arrive.
        try deliver("hrss", on: "2023-05-15") { folder in
            let path = folder + "/contributions.csv"
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            bytes.removeLast(40)
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        try deliver("medical", on: "2023-05-15")
        try deliver("registry", on: "2023-05-15")
        let friday = try sync.run(
            applications: folder.file("wed.jsonl"),
            deliveries: deliveries,
            asOf: "2023-05-15",
            results: "fri.results"
        )
        #expect(friday.refusedDeliveries.map(\.source) == ["hrss"])
        #expect(friday.refusedDeliveries.first?.reason.contains("contributions.csv") == true)
        #expect(friday.staleDeliveries.map(\.source) == ["hrss"])
        #expect(try outcome("A2023-0003", "socialInsurance", in: "fri.results") == "SI_MATCHED")

        // Saturday: everything arrives whole again; the run is clean but for line 6.
        try deliver("hrss", on: "2023-05-16") { folder in
            try FileManager.default.removeItem(atPath: folder)
            try FileManager.default.copyItem(
                atPath: deliveries + "/hrss/2023-05-11",
                toPath: folder
            )
        }
        try deliver("medical", on: "2023-05-16")
        try deliver("registry", on: "2023-05-16")
        let saturday = try sync.run(
            applications: folder.file("wed.jsonl"),
            deliveries: deliveries,
            asOf: "2023-05-16",
            results: "sat.results"
        )
        #expect(saturday.staleDeliveries.isEmpty)
        #expect(saturday.refusedDeliveries.isEmpty)
        #expect(saturday.results.pending == 0)
        #expect(try sync.exported("sat.results").count == 20)
        #expect(try sync.store.runs().count == 6)
    }
}

import Foundation
import MatcherCore
import MatcherStore
import MatcherSync
import Testing

@testable import MatcherCommands

/// `matcher diagnose` as the command line runs it: its arguments, its errors and exit codes,
/// and its two kinds of output.
@Suite struct DiagnoseCommandTests {
    /// The father on A2023-0001 of the sample night.
    static let guardianID = "341221198503151037"

    func command(_ arguments: [String]) throws -> DiagnoseCommand {
        try DiagnoseCommand(options: try MatcherCommands.diagnose.parse(arguments))
    }

    /// What the command prints for `arguments` over the fixture's store.
    func output(_ fixture: RunsFixture, _ arguments: [String]) throws -> String {
        let store = ["--store", fixture.store, "--mappings", fixture.path("mappings")]
        return try command(arguments + store).output()
    }

    // MARK: Arguments

    @Test(arguments: [[], ["--store", "matcher.sqlite"], ["--json"], ["   "]])
    func aMissingQueryIsAUsageError(arguments: [String]) throws {
        #expect(MatcherCommandLine.run(["diagnose"] + arguments) == ExitCode.usage)
        let error = try #require(throws: UsageError.self) { try command(arguments) }
        #expect(error.description.contains("QUERY"))
        #expect(error.command == "matcher diagnose")
    }

    @Test(arguments: [
        [guardianID, "--run", "0"], [guardianID, "--run", "abc"], [guardianID, "--run", "-1"],
        [guardianID, "--run", "1.5"], [guardianID, "--run"], [guardianID, "341221198704021044"],
        ["--bogus", guardianID], [guardianID, "--json=yes"],
    ])
    func aBadCommandLineIsAUsageErrorThatNeverRepeatsTheQuery(arguments: [String]) throws {
        #expect(MatcherCommandLine.run(["diagnose"] + arguments) == ExitCode.usage)
        let error = try #require(throws: UsageError.self) { try command(arguments) }
        // Neither ID number typed, nor the part of it that masking hides.
        for number in arguments where number.count == 18 {
            #expect(!error.description.contains(number), "\(error)")
            #expect(!error.description.contains(number.dropFirst(6).prefix(8)), "\(error)")
        }
    }

    @Test func theQueryIsTrimmedAndTheRunRead() throws {
        let parsed = try command(["  A2023-0001 ", "--run", "2", "--json"])
        #expect(parsed.query == "A2023-0001")
        #expect(parsed.runId == 2)
        #expect(parsed.json)
        #expect(parsed.storePath == "matcher.sqlite")
        #expect(parsed.mappingsDirectory == "mappings")
    }

    @Test func helpListsTheQueryAndEveryOption() throws {
        let help = MatcherCommands.diagnose.helpText()
        for word in ["QUERY", "--store", "--run", "--json", "--mappings", "matcher.sqlite"] {
            #expect(help.contains(word), "\(word)")
        }
        #expect(MatcherCommands.root.helpText().contains("diagnose"))
    }

    // MARK: Failures

    @Test func aMissingStoreFailsWithAMessageAndIsNotCreated() throws {
        let fixture = try RunsFixture()
        let error = try #require(throws: SyncError.self) {
            try output(fixture, ["A2023-0001"])
        }
        #expect(
            error.message
                == "there is no store at \(fixture.store); a sync creates it, or --store "
                + "names another"
        )
        let code = MatcherCommandLine.run(["diagnose", "A2023-0001", "--store", fixture.store])
        #expect(code == ExitCode.failure)
        #expect(!FileManager.default.fileExists(atPath: fixture.store))
    }

    @Test func anUnknownRunFails() throws {
        let fixture = try RunsFixture()
        _ = try fixture.sync(day: "2023-05-10")
        let error = try #require(throws: SyncError.self) {
            try output(fixture, ["A2023-0001", "--run", "9"])
        }
        #expect(error.message == "there is no run 9; 'matcher runs' lists the runs")
    }

    @Test func aStoreWithoutRunsFails() throws {
        let fixture = try RunsFixture()
        _ = try MatcherStore(path: fixture.store)
        let error = try #require(throws: SyncError.self) {
            try output(fixture, ["A2023-0001"])
        }
        #expect(error.message == "the store has no runs yet: a sync must run first")
    }

    @Test func anUnknownQueryFailsWithTheFailureCodeAndAMaskedMessage() throws {
        let fixture = try RunsFixture()
        _ = try fixture.sync(day: "2023-05-10")
        let unknown = "341221198503151707"
        let error = try #require(throws: SyncError.self) { try output(fixture, [unknown]) }
        #expect(error.message.hasPrefix("no application matches 341221********1707: "))
        let arguments = ["diagnose", unknown, "--store", fixture.store]
        #expect(
            MatcherCommandLine.run(arguments + ["--mappings", fixture.path("mappings")])
                == ExitCode.failure
        )
    }

    // MARK: Output

    @Test func textNamesTheRunAndMasksTheQuery() throws {
        let fixture = try RunsFixture()
        _ = try fixture.sync(day: "2023-05-10")
        let text = try output(fixture, [Self.guardianID])
        #expect(
            text.hasPrefix(
                "Diagnosis for 341221********1037 as run 1 (2023-05-10, partial) left it: "
                    + "1 application(s)\n\nA2023-0001 · version 1 · submitted · 报名号 "
                    + "ES2023041200001\n"
            )
        )
        #expect(!text.contains(Self.guardianID))
        #expect(!text.contains("周建国"))
    }

    @Test func anEarlierRunIsChosenWithRun() throws {
        let fixture = try RunsFixture()
        _ = try fixture.sync(day: "2023-05-10")
        _ = try fixture.sync(day: "2023-05-11")
        let latest = try output(fixture, ["A2023-0001"])
        #expect(latest.hasPrefix("Diagnosis for A2023-0001 as run 2 (2023-05-11, "))
        let earlier = try output(fixture, ["A2023-0001", "--run", "1"])
        #expect(earlier.hasPrefix("Diagnosis for A2023-0001 as run 1 (2023-05-10, "))
    }

    @Test func jsonHoldsTheQueryTheRunAndTheApplications() throws {
        let fixture = try RunsFixture()
        _ = try fixture.sync(day: "2023-05-10")
        let output = try output(fixture, [Self.guardianID, "--json"])
        #expect(output.hasSuffix("}\n"))
        let object = try JSONSerialization.jsonObject(with: Data(output.utf8))
        let fields = try #require(object as? [String: Any])
        #expect(Set(fields.keys).isSuperset(of: ["query", "run", "applications"]))
        #expect(fields["query"] as? String == "341221********1037")
        let run = try #require(fields["run"] as? [String: Any])
        #expect(run["id"] as? Int == 1)
        #expect(run["day"] as? String == "2023-05-10")
        #expect(run["status"] as? String == "partial")
        let applications = try #require(fields["applications"] as? [[String: Any]])
        #expect(applications.compactMap { $0["applicationId"] as? String } == ["A2023-0001"])
        let first = try #require(applications.first)
        #expect(first["agreesWithShown"] as? Bool == true)
        let diagnosis = try #require(first["diagnosis"] as? [String: Any])
        let property = try #require(diagnosis["property"] as? [String: Any])
        #expect(property["outcome"] as? String == "PR_MATCHED")
        #expect(!output.contains(Self.guardianID))
        #expect(output.matches(of: /[0-9]{15,}/).isEmpty)
    }
}

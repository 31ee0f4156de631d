import Foundation
import Testing

@testable import MatcherCommands

/// The real `matcher` commands: their help, their usage errors and their exit codes.
@Suite struct MatcherCommandLineTests {
    let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func syncHelpExplainsEveryFlag() {
        let help = MatcherCommands.sync.helpText()
        for option in MatcherCommands.sync.options {
            #expect(help.contains(option.name))
        }
        #expect(help.contains("matcher.sqlite"))
    }

    @Test func generateHelpSaysWhatForceReplacesAndWhatItKeeps() throws {
        let out = try #require(MatcherCommands.generate.options.first { $0.name == "--out" })
        #expect(!out.help.contains("must be empty or new"))
        #expect(out.help.contains("only with --force"))
        #expect(out.help.contains("leaves every other file as it is"))
        #expect(out.help.contains("without such a night is refused"))
    }

    @Test func topLevelHelpListsSync() {
        #expect(MatcherCommands.root.helpText().contains("sync"))
        #expect(MatcherCommandLine.run(["--help"]) == ExitCode.success)
        #expect(MatcherCommandLine.run(["sync", "--help"]) == ExitCode.success)
    }

    @Test(arguments: [
        ["sync"],
        ["sync", "--applications", "a.jsonl"],
        ["sync", "--applications", "a.jsonl", "--deliveries", "d", "--stor", "x"],
        ["sync", "--applications", "a.jsonl", "--deliveries", "d", "--as-of", "2023-02-29"],
        ["snyc"],
        ["sync", "--applications", "a.jsonl", "--deliveries", "d", "--store", ":memory:"],
        ["generate", "--out", "n", "--encoding", "hrss=UTF-8", "--encoding", "hrss=GB18030"],
        ["generate", "--out", "n", "--encoding", "hrss"],
        ["generate", "--out", "n", "--as-of", "2999-01-01"],
    ])
    func badUsageExitsWithTheUsageCode(arguments: [String]) {
        #expect(MatcherCommandLine.run(arguments) == ExitCode.usage)
    }

    /// Runs `matcher generate` into a fresh folder with the repository's mappings.
    private func generate(_ arguments: [String]) throws -> Int32 {
        let folder = NSTemporaryDirectory() + "matcher-cli-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return MatcherCommandLine.run(
            ["generate", "--out", folder + "/night"]
                + ["--mappings", repositoryRoot.appendingPathComponent("mappings").path]
                + arguments
        )
    }

    @Test(arguments: [
        ["--applications", "10"],
        ["--as-of", "2023-01-15"],
        ["--applications", "1000", "--persons", "1500"],
    ])
    func valuesThatCannotMakeANightExitWithTheUsageCode(arguments: [String]) throws {
        #expect(try generate(arguments) == ExitCode.usage)
    }

    @Test func fewestApplicationsInTheHelpMakeANight() throws {
        let fewest = GenerateCommand.fewestApplicationsAtDefaultRates
        #expect(MatcherCommands.generate.helpText().contains("\(fewest) or more"))
        #expect(try generate(["--applications", "\(fewest)"]) == ExitCode.success)
        #expect(try generate(["--applications", "\(fewest - 1)"]) == ExitCode.usage)
    }

    @Test func syncOverTheFixturesEndsInPartialSuccessForItsBrokenLine() throws {
        let folder = NSTemporaryDirectory() + "matcher-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let code = MatcherCommandLine.run([
            "sync",
            "--applications",
            repositoryRoot.appendingPathComponent("fixtures/basic/applications.jsonl").path,
            "--deliveries", repositoryRoot.appendingPathComponent("fixtures/basic/deliveries").path,
            "--results", folder + "/results.jsonl",
            "--store", folder + "/matcher.sqlite",
            "--mappings", repositoryRoot.appendingPathComponent("mappings").path,
            "--as-of", "2023-05-10",
        ])
        #expect(code == ExitCode.partialSuccess)
        #expect(FileManager.default.fileExists(atPath: folder + "/results.jsonl"))
    }

    @Test func unusableMappingsFailTheRun() throws {
        let folder = NSTemporaryDirectory() + "matcher-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let code = MatcherCommandLine.run([
            "sync",
            "--applications", "a.jsonl",
            "--deliveries", "d",
            "--store", folder + "/matcher.sqlite",
            "--mappings", "/nonexistent",
        ])
        #expect(code == ExitCode.failure)
    }
}

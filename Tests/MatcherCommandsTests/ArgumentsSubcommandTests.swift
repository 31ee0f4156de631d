import Testing

@testable import MatcherCommands

@Test func subcommandIsChosenByItsLastWord() throws {
    let chosen = try #require(try matcherCommand.subcommand(for: ["sync", "--store", "s"]))
    #expect(chosen.command.name == "matcher sync")
    #expect(chosen.arguments == ["--store", "s"])
}

@Test(arguments: ["--help", "-h", "help"])
func helpInPlaceOfSubcommandAsksForTopLevelHelp(argument: String) throws {
    #expect(try matcherCommand.subcommand(for: [argument, "sync"]) == nil)
}

@Test func missingSubcommandListsTheChoices() throws {
    let error = try #require(throws: UsageError.self) { try matcherCommand.subcommand(for: []) }
    #expect(error.code == .missingSubcommand)
    #expect(error.message == "missing subcommand; expected one of: sync, diagnose")
    #expect(error.description.hasSuffix("Run 'matcher --help' for usage."))
}

@Test func mistypedSubcommandSuggestsTheClosest() throws {
    let error = try #require(throws: UsageError.self) {
        try matcherCommand.subcommand(for: ["snyc"])
    }
    #expect(error.code == .unknownSubcommand)
    #expect(error.message == "unknown subcommand; did you mean sync?")
}

@Test func unknownSubcommandIsNotEchoed() throws {
    let error = try #require(throws: UsageError.self) {
        try matcherCommand.subcommand(for: ["320583199001011234"])
    }
    #expect(error.message == "unknown subcommand; expected one of: sync, diagnose")
}

@Test func optionInPlaceOfSubcommandIsNamed() throws {
    let error = try #require(throws: UsageError.self) {
        try matcherCommand.subcommand(for: ["--store", "s"])
    }
    #expect(error.message == "unknown option --store; expected one of: sync, diagnose")
}

@Test(arguments: [
    ("--store", "--store", 0),
    ("--stor", "--store", 1),
    ("--sotre", "--store", 1),
    ("--stroe", "--store", 1),
    ("-store", "--store", 1),
    ("--sto", "--store", 2),
    ("", "abc", 3),
    ("kitten", "sitting", 3),
])
func editDistanceCountsInsertionsDeletionsSubstitutionsAndSwaps(
    first: String,
    second: String,
    distance: Int
) {
    #expect(UsageError.editDistance(first, second) == distance)
    #expect(UsageError.editDistance(second, first) == distance)
}

@Test func closestPrefersFewerEditsThenDeclarationOrder() {
    let candidates = ["--results", "--store", "--stored"]
    #expect(UsageError.closest(to: "--stor", among: candidates) == "--store")
    #expect(UsageError.closest(to: "--zzzzz", among: candidates) == nil)
    #expect(UsageError.closest(to: "--a", among: ["--b", "--c"]) == "--b")
}

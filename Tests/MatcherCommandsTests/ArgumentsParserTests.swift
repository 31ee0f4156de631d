import MatcherCommands
import Testing

@Test func fullSyncCommandLineParses() throws {
    let parsed = try syncCommand.parse(
        requiredSyncArguments + ["--as-of", "2023-05-10", "--dry-run", "--limit=50"]
    )
    #expect(try parsed.path("--applications") == "apps.jsonl")
    #expect(try parsed.path("--deliveries") == "in")
    #expect(try parsed.path("--results") == "out.jsonl")
    #expect(try parsed.date("--as-of")?.description == "2023-05-10")
    #expect(try parsed.int("--limit") == 50)
    #expect(parsed.flag("--dry-run"))
    #expect(!parsed.flag("--verbose"))
    #expect(parsed.positionals.isEmpty)
}

@Test func equalsFormMatchesSpaceForm() throws {
    let spaced = try syncCommand.parse(requiredSyncArguments + ["--as-of", "2023-05-10"])
    let joined = try syncCommand.parse(requiredSyncArguments + ["--as-of=2023-05-10"])
    #expect(spaced == joined)
}

@Test func equalsFormSplitsAtFirstEqualsOnly() throws {
    let parsed = try syncCommand.parse(requiredSyncArguments + ["--tag=a=b"])
    #expect(parsed.strings("--tag") == ["a=b"])
}

@Test func equalsFormCarriesAValueStartingWithDashes() throws {
    let parsed = try syncCommand.parse(requiredSyncArguments + ["--tag=--odd"])
    #expect(parsed.string("--tag") == "--odd")
}

@Test func spacedValueMayStartWithASingleDash() throws {
    let parsed = try syncCommand.parse(requiredSyncArguments + ["--tag", "-", "--limit", "-5"])
    #expect(parsed.string("--tag") == "-")
    #expect(try parsed.int("--limit") == -5)
}

@Test func optionsMayComeInAnyOrder() throws {
    let reversed = stride(from: requiredSyncArguments.count - 2, through: 0, by: -2).flatMap {
        requiredSyncArguments[$0...($0 + 1)]
    }
    #expect(try syncCommand.parse(reversed) == syncCommand.parse(requiredSyncArguments))
}

@Test func repeatableOptionKeepsEveryValueInOrder() throws {
    let parsed = try syncCommand.parse(
        requiredSyncArguments + ["--tag", "first", "--tag=second", "--tag", "third"]
    )
    #expect(parsed.strings("--tag") == ["first", "second", "third"])
    #expect(parsed.count("--tag") == 3)
}

@Test func repeatableFlagIsCounted() throws {
    let parsed = try syncCommand.parse(requiredSyncArguments + ["--verbose", "--verbose"])
    #expect(parsed.flag("--verbose"))
    #expect(parsed.count("--verbose") == 2)
}

@Test func positionalIsReadByName() throws {
    let parsed = try diagnoseCommand.parse(["A-2023-0001", "--store", "s.sqlite"])
    #expect(parsed.positional("QUERY") == "A-2023-0001")
    #expect(parsed.positionals == ["A-2023-0001"])
}

@Test func doubleDashMakesEverythingAfterItPositional() throws {
    let parsed = try diagnoseCommand.parse(["--store", "s.sqlite", "--", "--help"])
    #expect(!parsed.isHelpRequested)
    #expect(parsed.positional("QUERY") == "--help")
}

@Test func loneDashIsPositional() throws {
    let parsed = try diagnoseCommand.parse(["-", "--store", "s.sqlite"])
    #expect(parsed.positional("QUERY") == "-")
}

@Test(arguments: [["--help"], ["-h"], ["--stor", "x", "--help"], ["extra", "-h", "--dry-run=1"]])
func helpWinsOverEveryOtherProblem(arguments: [String]) throws {
    let parsed = try syncCommand.parse(arguments)
    #expect(parsed.isHelpRequested)
}

@Test func optionalPositionalMayBeLeftOut() throws {
    let arguments = [
        PositionalSpec("SOURCE", help: "Read from here."),
        PositionalSpec("TARGET", help: "Write here.", optional: true),
    ]
    let one = try ParsedOptions.parse(["a"], options: [], positionals: arguments)
    let two = try ParsedOptions.parse(["a", "b"], options: [], positionals: arguments)
    #expect(one.positional("TARGET") == nil)
    #expect(two.positional("TARGET") == "b")
}

/// One row of the table of command lines that must be refused.
struct RefusedLine: Sendable, CustomTestStringConvertible {
    var arguments: [String]
    var code: UsageError.Code
    var message: String
    var command = syncCommand

    var testDescription: String { arguments.joined(separator: " ") }
}

@Test(arguments: [
    RefusedLine(
        arguments: requiredSyncArguments + ["--stor", "x"],
        code: .unknownOption,
        message: "unknown option --stor; did you mean --store?"
    ),
    RefusedLine(
        arguments: requiredSyncArguments + ["--stor=secret.sqlite"],
        code: .unknownOption,
        message: "unknown option --stor; did you mean --store?"
    ),
    RefusedLine(
        arguments: requiredSyncArguments + ["--sotre", "x"],
        code: .unknownOption,
        message: "unknown option --sotre; did you mean --store?"
    ),
    RefusedLine(
        arguments: requiredSyncArguments + ["-store", "x"],
        code: .unknownOption,
        message: "unknown option -store; did you mean --store?"
    ),
    RefusedLine(
        arguments: requiredSyncArguments + ["--hepl"],
        code: .unknownOption,
        message: "unknown option --hepl; did you mean --help?"
    ),
    RefusedLine(
        arguments: requiredSyncArguments + ["--frobnicate"],
        code: .unknownOption,
        message: "unknown option --frobnicate"
    ),
    RefusedLine(
        arguments: requiredSyncArguments + ["-v"],
        code: .unknownOption,
        message: "unknown option -v"
    ),
    RefusedLine(
        arguments: requiredSyncArguments + ["--as-of"],
        code: .missingValue,
        message: "--as-of needs a value: --as-of DATE"
    ),
    RefusedLine(
        arguments: ["--store", "--as-of", "2023-05-10"] + requiredSyncArguments,
        code: .missingValue,
        message: "--store needs a value: --store FILE"
    ),
    RefusedLine(
        arguments: requiredSyncArguments + ["--as-of="],
        code: .missingValue,
        message: "--as-of needs a value: --as-of DATE"
    ),
    RefusedLine(
        arguments: requiredSyncArguments + ["--as-of", ""],
        code: .missingValue,
        message: "--as-of needs a value: --as-of DATE"
    ),
    RefusedLine(
        arguments: requiredSyncArguments + ["--dry-run=yes"],
        code: .unexpectedValue,
        message: "--dry-run is a flag and takes no value"
    ),
    RefusedLine(
        arguments: requiredSyncArguments + ["--store", "other.sqlite"],
        code: .repeatedOption,
        message: "--store was given more than once; it takes a single value"
    ),
    RefusedLine(
        arguments: requiredSyncArguments + ["--dry-run", "--dry-run"],
        code: .repeatedOption,
        message: "--dry-run was given more than once; it is a flag, given once or not at all"
    ),
    RefusedLine(
        arguments: Array(requiredSyncArguments.dropLast(2)),
        code: .missingOption,
        message: "missing required option --store FILE"
    ),
    RefusedLine(
        arguments: requiredSyncArguments + ["320583199001011234"],
        code: .unexpectedArgument,
        message: "unexpected argument at position 9; the command takes no positional arguments"
    ),
    RefusedLine(
        arguments: ["--store", "s.sqlite"],
        code: .missingArgument,
        message: "missing argument QUERY",
        command: diagnoseCommand
    ),
    RefusedLine(
        arguments: ["one", "--store", "s.sqlite", "two"],
        code: .unexpectedArgument,
        message: "unexpected argument at position 4; the command takes at most 1: QUERY",
        command: diagnoseCommand
    ),
])
func refusedCommandLineNamesTheProblem(line: RefusedLine) throws {
    let error = try #require(throws: UsageError.self) { try line.command.parse(line.arguments) }
    #expect(error.code == line.code)
    #expect(error.message == line.message)
    #expect(error.command == line.command.name)
}

@Test func errorDescriptionPointsToTheCommandsHelp() throws {
    let error = try #require(throws: UsageError.self) { try syncCommand.parse([]) }
    #expect(
        error.description
            == "missing required option --applications FILE\n"
            + "Run 'matcher sync --help' for usage."
    )
    #expect(UsageError.exitCode == 64)
}

@Test func errorsNeverRepeatValuesOrPositionals() throws {
    let idNumber = "320583199001011234"
    let lines = [
        requiredSyncArguments + [idNumber],
        requiredSyncArguments + ["--stor=\(idNumber)"],
        requiredSyncArguments + ["--store", idNumber],
        ["--limit", idNumber + "x"] + requiredSyncArguments,
    ]
    for arguments in lines {
        let error = #expect(throws: UsageError.self) {
            let parsed = try syncCommand.parse(arguments)
            _ = try parsed.int("--limit")
        }
        #expect(error?.description.contains(idNumber) == false)
    }
}

@Test func bareParseReportsNoCommand() throws {
    let error = try #require(throws: UsageError.self) {
        try ParsedOptions.parse(["--x"], options: [])
    }
    #expect(error.command == nil)
    #expect(error.description == "unknown option --x")
}

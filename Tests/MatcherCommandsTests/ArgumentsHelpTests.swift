import MatcherCommands
import Testing

@Test func helpListsEveryOptionWithPlaceholderHelpAndDefault() {
    let help = syncCommand.helpText()
    for option in syncCommand.options {
        #expect(help.contains(option.name), "\(option.name) missing")
        #expect(help.contains(String(option.help.prefix(20))), "\(option.name) help missing")
        if case .value(let placeholder) = option.kind {
            #expect(help.contains("\(option.name) \(placeholder)"))
        }
        if let defaultDescription = option.defaultDescription {
            #expect(help.contains("(default: \(defaultDescription))"))
        }
    }
    #expect(help.contains("-h, --help"))
    #expect(help.contains("(required)"))
    #expect(help.contains("(may repeat)"))
}

@Test(arguments: [syncCommand, diagnoseCommand, matcherCommand])
func helpLinesFitInEightyColumns(command: CommandSpec) {
    for line in command.helpText().split(separator: "\n") {
        #expect(line.count <= 80, "too wide: \(line)")
        #expect(line.last != " ", "trailing space: \(line)")
    }
}

@Test func optionDescriptionsStartInOneColumn() throws {
    let lines = syncCommand.helpText().split(separator: "\n").map(String.init)
    let optionLines = lines.filter { $0.hasPrefix("  -") }
    let columns = Set(
        try optionLines.map { line in
            let afterLabel = try #require(line.dropFirst(2).firstRange(of: "  "))
            let text = try #require(line[afterLabel.upperBound...].firstIndex { $0 != " " })
            return line.distance(from: line.startIndex, to: text)
        }
    )
    #expect(optionLines.count == syncCommand.options.count + 1)
    #expect(columns.count == 1)
}

@Test func usageListsRequiredOptionsBeforeOptionalOnes() throws {
    let help = syncCommand.helpText()
    let usage = help.split(separator: "\n").drop { !$0.hasPrefix("Usage:") }.prefix(3)
        .joined(separator: " ")
    #expect(usage.hasPrefix("Usage: matcher sync --applications FILE --deliveries DIR"))
    #expect(usage.contains("[--as-of DATE]"))
    #expect(usage.contains("[--tag TAG] ..."))
    let store = try #require(usage.firstRange(of: "--store FILE"))
    let asOf = try #require(usage.firstRange(of: "[--as-of DATE]"))
    #expect(store.lowerBound < asOf.lowerBound)
}

@Test func helpForSmallCommandHasExactLayout() {
    let command = CommandSpec(
        name: "matcher diagnose",
        abstract: "Explain how one application was matched.",
        positionals: [PositionalSpec("QUERY", help: "An application number.")],
        options: [
            .option("--store", placeholder: "FILE", help: "The SQLite store.", required: true),
            .option("--as-of", placeholder: "DATE", help: "Cut-off day.", default: "today"),
            .flag("--json", help: "Print JSON."),
        ]
    )
    #expect(
        command.helpText() == """
            Explain how one application was matched.

            Usage: matcher diagnose --store FILE [--as-of DATE] [--json] QUERY

            Arguments:
              QUERY         An application number.

            Options:
              --store FILE  The SQLite store. (required)
              --as-of DATE  Cut-off day. (default: today)
              --json        Print JSON.
              -h, --help    Show this help and exit.

            """
    )
}

@Test func longHelpWrapsUnderItsOwnColumn() {
    let command = CommandSpec(
        name: "tool",
        abstract: "A tool.",
        options: [
            .option(
                "--x",
                placeholder: "N",
                help: String(repeating: "word ", count: 40)
            )
        ]
    )
    let lines = command.helpText(width: 40).split(separator: "\n")
    let wrapped = lines.filter { $0.hasPrefix("              word") }
    #expect(wrapped.count > 3)
    #expect(lines.allSatisfy { $0.count <= 40 })
}

@Test func overlongLabelGetsItsOwnLine() throws {
    let command = CommandSpec(
        name: "tool",
        abstract: "A tool.",
        options: [
            .option("--short", placeholder: "N", help: "Short."),
            .option(
                "--a-very-long-option-name",
                placeholder: "PLACEHOLDER",
                help: "Long."
            ),
        ]
    )
    let lines = command.helpText().split(separator: "\n").map(String.init)
    let index = try #require(lines.firstIndex(of: "  --a-very-long-option-name PLACEHOLDER"))
    let short = try #require(lines.first { $0.hasPrefix("  --short N") })
    #expect(lines[index + 1].drop { $0 == " " } == "Long.")
    #expect(lines[index + 1].firstIndex(of: "L") == short.firstIndex(of: "S"))
}

@Test func topLevelHelpListsSubcommandsByFirstSentence() {
    let help = matcherCommand.helpText()
    #expect(help.contains("Usage: matcher SUBCOMMAND"))
    #expect(help.contains("Subcommands:"))
    #expect(help.contains("  sync        Match applications against delivered records"))
    #expect(help.contains("              results.\n"))
    #expect(!help.contains("Runs are resumable"))
    #expect(help.contains("  diagnose "))
    #expect(help.contains("Run 'matcher SUBCOMMAND --help'"))
}

@Test func handWrittenUsageReplacesTheGeneratedOne() {
    var command = diagnoseCommand
    command.usage = "matcher diagnose [options] QUERY"
    #expect(command.helpText().contains("Usage: matcher diagnose [options] QUERY\n"))
}

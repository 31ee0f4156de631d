import MatcherCommands
import Testing

// Command specs shaped like the real `matcher` commands, shared by the argument tests.

let syncCommand = CommandSpec(
    name: "matcher sync",
    abstract: "Match applications against delivered records and write the results. "
        + "Runs are resumable: a killed run continues where it stopped.",
    options: [
        .option(
            "--applications",
            placeholder: "FILE",
            help: "The applications export, one JSON object per line.",
            required: true
        ),
        .option(
            "--deliveries",
            placeholder: "DIR",
            help: "The directory of delivered record files.",
            required: true
        ),
        .option("--results", placeholder: "FILE", help: "Where to write results.", required: true),
        .option("--store", placeholder: "FILE", help: "The SQLite store.", required: true),
        .option(
            "--as-of",
            placeholder: "DATE",
            help: "The cut-off day whose rules apply, as YYYY-MM-DD.",
            default: "today"
        ),
        .option("--limit", placeholder: "N", help: "Stop after N applications.", default: "all"),
        .option("--tag", placeholder: "TAG", help: "Label the run.", repeatable: true),
        .flag("--dry-run", help: "Match but write nothing."),
        .flag("--verbose", help: "Log more; repeat for even more.", repeatable: true),
    ]
)

let diagnoseCommand = CommandSpec(
    name: "matcher diagnose",
    abstract: "Explain how one application was matched.",
    positionals: [PositionalSpec("QUERY", help: "An application number or ID number.")],
    options: [.option("--store", placeholder: "FILE", help: "The SQLite store.", required: true)]
)

let matcherCommand = CommandSpec(
    name: "matcher",
    abstract: "The enrollment matcher.",
    subcommands: [syncCommand, diagnoseCommand]
)

/// The four options `matcher sync` cannot run without.
let requiredSyncArguments = [
    "--applications", "apps.jsonl",
    "--deliveries", "in",
    "--results", "out.jsonl",
    "--store", "matcher.sqlite",
]

@Test func fixtureSyncArgumentsParseOnTheirOwn() throws {
    let parsed = try syncCommand.parse(requiredSyncArguments)
    #expect(parsed.string("--store") == "matcher.sqlite")
    #expect(!parsed.isHelpRequested)
}

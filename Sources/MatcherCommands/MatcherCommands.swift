import MatcherCore

/// The subcommands of `matcher` and their options, with the help text they print.
enum MatcherCommands {
    static let sync = CommandSpec(
        name: "matcher sync",
        abstract: "Run the nightly sync once: read the night's application export, take each "
            + "source's newest complete delivery, match every live application, store the "
            + "results and the run's report, and print the report. Bad lines, rows and "
            + "deliveries are refused and reported while the rest is processed. A second "
            + "run over the same inputs changes nothing and says so.",
        options: [
            .option(
                "--applications",
                placeholder: "FILE",
                help: "The night's application export from the enrollment portal (JSON Lines).",
                required: true
            ),
            .option(
                "--deliveries",
                placeholder: "DIR",
                help: "The folder of the departments' deliveries, laid out as "
                    + "SOURCE/YYYY-MM-DD/ (sources: hrss, medical, registry).",
                required: true
            ),
            .option(
                "--results",
                placeholder: "FILE",
                help: "Write the result export here: one JSON line per live application with "
                    + "its current result.",
                default: "no export"
            ),
            .option(
                "--store",
                placeholder: "FILE",
                help: "The SQLite store of applications, results and runs; created if missing.",
                default: "matcher.sqlite"
            ),
            .option(
                "--as-of",
                placeholder: "DATE",
                help: "The day the run is for (YYYY-MM-DD): each source's newest complete "
                    + "delivery not later than this day is used.",
                default: "today in Asia/Shanghai"
            ),
            .option(
                "--mappings",
                placeholder: "DIR",
                help: "The folder of points policies, parent messages, address vocabulary "
                    + "and feed column mappings.",
                default: "mappings"
            ),
            .option(
                "--policy-year",
                placeholder: "YEAR",
                help: "The points policy to apply (mappings/policy/YEAR.json).",
                default: "the newest not later than the --as-of year"
            ),
            .option(
                "--max-delivery-age",
                placeholder: "DAYS",
                help: "A source's newest complete delivery older than this many days before "
                    + "the run's day is stale: it is reported and not used, and its results "
                    + "stay pending (0 to 365).",
                default: "1"
            ),
            .flag(
                "--allow-stale",
                help: "Use a stale delivery all the same, and say so in the report, rather "
                    + "than leave its results pending."
            ),
            .option(
                "--report-json",
                placeholder: "FILE",
                help: "Also write the run's report here as JSON, replacing the file in one "
                    + "step; not written when the run fails. {day} in FILE becomes the "
                    + "run's day (YYYY-MM-DD), for one file per night.",
                default: "not written"
            ),
            .option(
                "--log-format",
                placeholder: "FORMAT",
                help: "How log lines are written on standard error: text, for a person, or "
                    + "json, one JSON object per line for a log collector. On a terminal, "
                    + "text also shows a progress line.",
                default: "text"
            ),
        ]
    )

    static let schedule = CommandSpec(
        name: "matcher schedule",
        abstract: "Stay running and run the sync every day at a set time, each run for the day "
            + "it starts on. A run missed while the schedule was not running is made once at "
            + "start. Each run's exit code is logged, and a failed run does not stop the "
            + "schedule. SIGTERM or SIGINT stops it once no run is in progress.",
        options: ScheduleCommand.options(sharedWith: sync)
    )

    static let root = CommandSpec(
        name: "matcher",
        abstract: "The enrollment matcher: matches Kunshan's school-enrollment applications "
            + "against the social-insurance and property-registry data of the provincial "
            + "departments, and produces what each parent reads the next morning.",
        subcommands: [sync, schedule, runs, diagnose, generate]
    )
}

extension MatcherCommands {
    static let storeOption = OptionSpec.option(
        "--store",
        placeholder: "FILE",
        help: "The SQLite store the runs are recorded in.",
        default: "matcher.sqlite"
    )

    static let runsShow = CommandSpec(
        name: "matcher runs show",
        abstract: "Print one past run: its stored report, the deliveries it used, and the "
            + "inputs it refused, by file, line and reason. A run that failed or died shows "
            + "what the store knows of it.",
        positionals: [PositionalSpec("ID", help: "The run's id, as 'matcher runs' lists it.")],
        options: [
            storeOption,
            .flag(
                "--json",
                help: "Print one JSON object instead: the run, its report exactly as stored "
                    + "(null when it has none), its deliveries and its refused inputs."
            ),
        ]
    )

    static let runs = CommandSpec(
        name: "matcher runs",
        abstract: "List past runs, newest first, one line each: id, day, status, start, "
            + "duration, applications matched and changed, refused inputs and sources "
            + "left pending.",
        usage: "matcher runs [--store FILE] [--limit N]",
        options: [
            storeOption,
            .option(
                "--limit",
                placeholder: "N",
                help: "How many of the newest runs to list (1 to 100000).",
                default: "20"
            ),
        ],
        subcommands: [runsShow]
    )
}

extension MatcherCommands {
    static let diagnose = CommandSpec(
        name: "matcher diagnose",
        abstract: "Explain why applications got the result their parents see, as a run left "
            + "them: what was typed and what it became after normalising, the keys looked up "
            + "in each department's delivery and what they hold, the rule behind each "
            + "outcome with the parent's next step, the records the parent most likely "
            + "meant, and the application's history across runs. Personal data is masked, "
            + "and only records tied to the family are read.",
        positionals: [
            PositionalSpec(
                "QUERY",
                help: "An application id, a 报名号, or the ID number of anyone on an "
                    + "application (student, guardian, points subject, owner, sibling)."
            )
        ],
        options: [
            storeOption,
            .option(
                "--run",
                placeholder: "ID",
                help: "The run to explain, as 'matcher runs' lists it; its deliveries are "
                    + "read again, so the diagnosis shows what the parent saw after it.",
                default: "the latest run"
            ),
            .option(
                "--mappings",
                placeholder: "DIR",
                help: "The folder of policies, messages, address vocabulary, feed mappings "
                    + "and support guidance the runs were made with.",
                default: "mappings"
            ),
            .flag(
                "--json",
                help: "Print one JSON object instead, with the same content, for other tools."
            ),
        ]
    )
}

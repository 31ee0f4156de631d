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
        subcommands: [sync, schedule]
    )
}

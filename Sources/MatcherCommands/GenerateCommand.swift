import Foundation
import MatcherCore
import MatcherGenerator

/// `matcher generate`: writes a night of applications and deliveries from a seed, with the
/// truth of every application.
struct GenerateCommand {
    var configuration: GeneratorConfiguration

    init(options: ParsedOptions) throws {
        configuration = GeneratorConfiguration(outputDirectory: try options.requiredPath("--out"))
        if let name = options.string("--scale") {
            guard let scale = GenerationScale(rawValue: name) else {
                throw usage(
                    "--scale must be one of "
                        + GenerationScale.allCases.map(\.rawValue).joined(separator: ", ")
                )
            }
            configuration.scale = scale
        }
        if let seed = options.string("--seed") {
            guard let value = UInt64(seed) else {
                throw usage("--seed must be a whole number from 0 to \(UInt64.max)")
            }
            configuration.seed = value
        }
        configuration.asOf = try options.date("--as-of") ?? GeneratorConfiguration.defaultAsOf
        // The sync takes no day that has not begun, so such a night could not be matched.
        let today = SyncCommand.today()
        guard configuration.asOf <= today else {
            throw usage(
                "--as-of is after today (\(today)); `matcher sync` runs only for a day that "
                    + "has begun, so it could not match this night"
            )
        }
        configuration.applications = try options.int("--applications", in: 1...10_000_000)
        configuration.persons = try options.int("--persons", in: 4...1_000_000_000)
        configuration.certificates = try options.int("--certificates", in: 1...80_000_000)
        if let path = try options.path("--rates") {
            configuration.rates = try CaseRates(overridingFrom: path)
        }
        var namedSources = Set<String>()
        for setting in options.strings("--encoding") {
            let parts = setting.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, GeneratorConfiguration.sources.contains(parts[0]),
                let encoding = OutputEncoding(label: parts[1])
            else {
                throw usage(
                    "--encoding must be SOURCE=ENCODING with SOURCE hrss, medical or registry "
                        + "and ENCODING UTF-8 or GB18030"
                )
            }
            guard namedSources.insert(parts[0]).inserted else {
                throw usage("--encoding names \(parts[0]) more than once")
            }
            configuration.encodings[parts[0]] = encoding
        }
        configuration.mappingsDirectory = try options.path("--mappings") ?? "mappings"
        configuration.force = options.flag("--force")
        configuration.threads = try options.int("--threads", in: 1...2) ?? 2
    }

    func run() throws -> Int32 {
        let started = Date()
        let summary = try NightGenerator(configuration: configuration).run()
        let seconds = Date().timeIntervalSince(started)
        print(Self.text(of: summary, into: configuration.outputDirectory, seconds: seconds))
        return ExitCode.success
    }

    /// A few lines on what was written, for the person who asked.
    static func text(of summary: NightSummary, into folder: String, seconds: Double) -> String {
        let rows = summary.rows.values.reduce(0, +)
        let bytes = summary.bytes.values.reduce(0, +)
        var lines = [
            "Wrote a night into \(folder) in \(String(format: "%.1f", seconds)) s: "
                + "\(rows) rows, \(String(format: "%.1f", Double(bytes) / 1_048_576)) MiB."
        ]
        for path in summary.rows.keys.sorted() {
            lines.append("  \(path): \(summary.rows[path] ?? 0) rows")
        }
        for name in summary.heldAtCap.keys.sorted() {
            guard let held = summary.heldAtCap[name] else { continue }
            lines.append(
                "  \(name) asked for \(held.asked) cases; \(held.kept) were made, the most the "
                    + "sync takes before it refuses a file whole"
            )
        }
        return lines.joined(separator: "\n")
    }

    /// The fewest applications that hold one of every case the default rates ask for, found
    /// by generating; a test keeps it true when the rates change.
    static let fewestApplicationsAtDefaultRates = 38

    private func usage(_ message: String) -> UsageError {
        UsageError(code: .invalidValue, message: message, command: "matcher generate")
    }
}

extension MatcherCommands {
    static let generate = CommandSpec(
        name: "matcher generate",
        abstract: "Write a realistic night from a seed: the application export, the three "
            + "departments' deliveries with manifests, and the truth of every application "
            + "(truth.jsonl, one line per export line), for tests and benchmarks. Every case "
            + "and typing variant the rules know appears at rates that can be set, and the "
            + "same seed always writes the same bytes.",
        options: [
            .option(
                "--out",
                placeholder: "DIR",
                help: "The folder to write into: applications.jsonl, truth.jsonl, night.json "
                    + "and deliveries/SOURCE/DATE/. A folder that is not empty is written into "
                    + "only with --force, which replaces those three files and the whole "
                    + "deliveries folder of a night the generator wrote or began to write there "
                    + "(its night.json or night.writing is there) and leaves every other file "
                    + "as it is; a folder that holds any of them without such a night is "
                    + "refused.",
                required: true
            ),
            .option(
                "--scale",
                placeholder: "NAME",
                help: "sample (300 applications, 3,000 persons), kunshan (50,000 "
                    + "applications, 2,000,000 persons per department, 1,000,000 "
                    + "certificates) or jiangsu (1,000,000; 40,000,000; 20,000,000).",
                default: "sample"
            ),
            .option(
                "--seed",
                placeholder: "N",
                help: "The seed every value is drawn from.",
                default: "1"
            ),
            .option(
                "--as-of",
                placeholder: "DATE",
                help: "The night's day (YYYY-MM-DD), 2023-02-01 or later: the delivery folders "
                    + "are named by it.",
                default: "2023-05-10"
            ),
            .option(
                "--applications",
                placeholder: "N",
                help: "Lines of the export, instead of the scale's. A night needs enough "
                    + "for every case the rates ask for, at least one of each rate above zero: "
                    + "\(GenerateCommand.fewestApplicationsAtDefaultRates) or more with the "
                    + "default rates.",
                default: "the scale's"
            ),
            .option(
                "--persons",
                placeholder: "N",
                help: "Persons at each department, instead of the scale's; at least two per "
                    + "application and two more (the parents, and room for a near miss).",
                default: "the scale's"
            ),
            .option(
                "--certificates",
                placeholder: "N",
                help: "Certificates in the registry, instead of the scale's; at least one per "
                    + "application.",
                default: "the scale's"
            ),
            .option(
                "--rates",
                placeholder: "FILE",
                help: "A JSON object of rates (fractions) that replace the defaults. Names: "
                    + "line.KIND of all lines, KIND one of "
                    + LineKind.allCases.filter { $0 != .submitted }.map(\.rawValue)
                    .joined(separator: ", ")
                    + "; si.CASE of submitted lines, CASE one of "
                    + SocialInsuranceCase.allCases.filter { $0 != .matched }.map(\.rawValue)
                    .joined(separator: ", ")
                    + "; pr.CASE, CASE one of "
                    + PropertyCase.allCases.filter { $0 != .matched }.map(\.rawValue)
                    .joined(separator: ", ")
                    + "; variant.NAME, NAME one of "
                    + Variant.allCases.map(\.rawValue).joined(separator: ", ")
                    + ". Matched cases take the rest. Pending cases (si.pendingHrss, "
                    + "si.pendingMedical, pr.pending) are broken rows, held to 1% of the "
                    + "matched applications (at least 10) so that the sync uses their files.",
                default: "built-in rates"
            ),
            .option(
                "--encoding",
                placeholder: "SOURCE=ENC",
                help: "The encoding of a source's files: SOURCE hrss, medical or registry, "
                    + "ENC UTF-8 or GB18030.",
                default: "hrss=GB18030, the others UTF-8",
                repeatable: true
            ),
            .option(
                "--mappings",
                placeholder: "DIR",
                help: "The folder of the points policies the truth is computed under.",
                default: "mappings"
            ),
            .option(
                "--threads",
                placeholder: "N",
                help: "Write the files on 1 or 2 threads.",
                default: "2"
            ),
            .flag(
                "--force",
                help:
                    "Write into a folder that is not empty, replacing the night the generator "
                    + "wrote or began to write there and keeping every other file (see --out)."
            ),
        ]
    )
}

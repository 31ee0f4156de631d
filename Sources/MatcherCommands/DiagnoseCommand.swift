import Foundation
import MatcherStore
import MatcherSync

/// `matcher diagnose QUERY`: why an application got the result its parent sees.
struct DiagnoseCommand {
    var storePath: String
    var mappingsDirectory: String
    var query: String
    var runId: Int64?
    var json: Bool

    init(options: ParsedOptions) throws {
        storePath = try options.path("--store") ?? "matcher.sqlite"
        mappingsDirectory = try options.path("--mappings") ?? "mappings"
        json = options.flag("--json")
        if let run = try options.int("--run", in: 1...Int(Int64.max)) {
            runId = Int64(run)
        }
        // The query is never repeated back in a usage error: it may be an ID number.
        let query = (options.positional("QUERY") ?? "").trimmingCharacters(in: .whitespaces)
        guard !query.isEmpty else {
            throw UsageError(
                code: .invalidValue,
                message: "QUERY must be an application id, a 报名号 or an ID number",
                command: options.command
            )
        }
        self.query = query
    }

    func run() throws -> Int32 {
        print(try output(), terminator: "")
        return ExitCode.success
    }

    /// What the command prints: text, or one JSON object with `--json`.
    func output() throws -> String {
        let store = try RunsCommand.openExisting(storePath)
        let report = try SupportDiagnosis(store: store, mappingsDirectory: mappingsDirectory)
            .diagnose(query: query, runId: runId)
        guard json else { return report.text }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    }
}

import Foundation
import MatcherStore
import MatcherSync

/// `matcher runs show ID`: one past run, as the store keeps it.
///
/// Prints the stored report as the sync printed it, then the deliveries the run used and
/// every input it refused, by file, line and reason. The refused bytes the store keeps are
/// never printed: an export line can hold a parent's ID number.
struct RunsShowCommand {
    var storePath: String
    var runId: Int64
    var json: Bool

    init(options: ParsedOptions) throws {
        storePath = try options.path("--store") ?? "matcher.sqlite"
        json = options.flag("--json")
        // The id is not repeated back: usage errors never echo what was typed.
        guard let text = options.positional("ID"), let id = Int64(text), id > 0 else {
            throw UsageError(
                code: .invalidValue,
                message: "ID must be a run id, a whole number such as 7",
                command: options.command
            )
        }
        runId = id
    }

    func run() throws -> Int32 {
        print(try output(), terminator: "")
        return ExitCode.success
    }

    /// What the command prints: text, or one JSON object with `--json`.
    func output() throws -> String {
        let run = try load()
        return json ? try Self.json(of: run) : Self.text(of: run)
    }

    /// A run with what the store holds about it.
    struct StoredRun {
        var record: RunRecord
        var deliveries: [DeliveryUse]
        var refused: [RefusedInput]
    }

    func load() throws -> StoredRun {
        let store = try RunsCommand.openExisting(storePath)
        do {
            guard let record = try store.run(id: runId) else {
                throw SyncError(
                    .store,
                    "there is no run \(runId) in \(storePath); 'matcher runs' lists the runs"
                )
            }
            return StoredRun(
                record: record,
                deliveries: try store.deliveries(usedBy: runId),
                refused: try store.refusedInputs(ofRun: runId)
            )
        } catch let error as SyncError {
            throw error
        } catch {
            throw SyncError(.store, String(describing: error))
        }
    }

    static func text(of run: StoredRun) -> String {
        // The report's text ends with its line break: joining adds the blank line.
        var lines = [reportText(of: run.record)]
        lines.append("Deliveries used, as stored")
        if run.deliveries.isEmpty {
            lines.append("  none")
        }
        for delivery in run.deliveries {
            let source = delivery.source.padding(toLength: 8, withPad: " ", startingAt: 0)
            lines.append("  \(source) \(delivery.date)  \(delivery.path)")
            lines.append(
                "  \(String(repeating: " ", count: 9))manifest sha256 \(delivery.fingerprint)"
            )
        }
        lines.append("")
        lines.append("Inputs refused, as stored (\(run.refused.count))")
        if run.refused.isEmpty {
            lines.append("  none")
        }
        for input in run.refused {
            let line = input.line.map { " line \($0)" } ?? ""
            lines.append("  \(input.input)\(line): \(input.reason)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The stored report as the sync printed it, or what the row says when the run has no
    /// report this version can read; ends with a line break.
    static func reportText(of record: RunRecord) -> String {
        var problem = "no report is stored"
        if let data = record.report {
            do {
                let report = try JSONDecoder().decode(RunReport.self, from: data)
                var text = report.text
                if record.status == .failed {
                    text += "\nThe run failed: it stored nothing but this report.\n"
                }
                return text
            } catch {
                problem = "the stored report cannot be read by this version of the matcher"
            }
        }
        var lines = ["Run \(record.id): sync as of \(record.asOf)"]
        let end = record.finishedAt.map { "ended \($0)" } ?? "no end recorded"
        lines.append("  \(record.status.rawValue), started \(record.startedAt), \(end)")
        lines.append("")
        switch record.status {
        case .running:
            lines.append("The run is still in progress, or it died before it finished: \(problem).")
            lines.append(
                "A run that dies stores nothing but this row; the store is as it was before it."
            )
        case .failed:
            lines.append("The run failed and stored nothing; \(problem).")
        case .succeeded, .partial:
            lines.append("The run finished, but \(problem); --json prints what is stored.")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One JSON object: `run`, `report` (the stored JSON exactly as stored, or null),
    /// `deliveries` and `refusedInputs`, with sorted keys.
    static func json(of run: StoredRun) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let record = run.record
        let summary = RunJSON(
            id: record.id,
            asOf: record.asOf,
            status: record.status.rawValue,
            startedAt: record.startedAt,
            finishedAt: record.finishedAt
        )
        let deliveries = run.deliveries.map {
            DeliveryJSON(
                source: $0.source,
                date: $0.date,
                path: $0.path,
                fingerprint: $0.fingerprint
            )
        }
        let refused = run.refused.map {
            RefusedJSON(input: $0.input, line: $0.line, reason: $0.reason)
        }
        // The report is spliced in as stored, not decoded and encoded again, so it is the
        // stored JSON exactly, fields this version does not know included.
        var report = "null"
        if let data = record.report, (try? JSONSerialization.jsonObject(with: data)) != nil {
            report = String(decoding: data, as: UTF8.self)
        }
        func encoded(_ value: some Encodable) throws -> String {
            String(decoding: try encoder.encode(value), as: UTF8.self)
        }
        let members = [
            "\"deliveries\":" + (try encoded(deliveries)),
            "\"refusedInputs\":" + (try encoded(refused)),
            "\"report\":" + report,
            "\"run\":" + (try encoded(summary)),
        ]
        return "{" + members.joined(separator: ",") + "}\n"
    }

    struct RunJSON: Encodable {
        var id: Int64
        var asOf: String
        var status: String
        var startedAt: String
        var finishedAt: String?

        enum CodingKeys: String, CodingKey {
            case id, asOf, status, startedAt, finishedAt
        }

        // Written by hand so a missing end is `null`, not a missing key.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(asOf, forKey: .asOf)
            try container.encode(status, forKey: .status)
            try container.encode(startedAt, forKey: .startedAt)
            try container.encode(finishedAt, forKey: .finishedAt)
        }
    }

    struct DeliveryJSON: Encodable {
        var source: String
        var date: String
        var path: String
        var fingerprint: String
    }

    struct RefusedJSON: Encodable {
        var input: String
        var line: Int?
        var reason: String

        enum CodingKeys: String, CodingKey {
            case input, line, reason
        }

        // Written by hand so a refused delivery's missing line is `null`.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(input, forKey: .input)
            try container.encode(line, forKey: .line)
            try container.encode(reason, forKey: .reason)
        }
    }
}

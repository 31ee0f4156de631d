import Foundation
import MatcherStore
import MatcherSync

/// `matcher runs`: the past runs, newest first, one line each.
struct RunsCommand {
    var storePath: String
    var limit: Int

    init(options: ParsedOptions) throws {
        storePath = try options.path("--store") ?? "matcher.sqlite"
        limit = try options.int("--limit", in: 1...100_000) ?? 20
    }

    func run() throws -> Int32 {
        print(try text(), terminator: "")
        return ExitCode.success
    }

    /// The listing: a header, then one line per run.
    func text() throws -> String {
        let store = try Self.openExisting(storePath)
        let records: [RunRecord]
        do {
            records = try store.runs(limit: limit)
        } catch {
            throw SyncError(.store, error.description)
        }
        guard !records.isEmpty else {
            return "No runs yet in \(storePath).\n"
        }
        let rows = [RunSummary.header] + records.map { RunSummary(record: $0).cells }
        return Self.table(rows, rightAligned: RunSummary.numericColumns)
    }

    /// Opens the store at `path` if it exists; a command that only reads must not leave an
    /// empty store behind a mistyped `--store`.
    static func openExisting(_ path: String) throws -> MatcherStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw SyncError(
                .store,
                "there is no store at \(path); a sync creates it, or --store names another"
            )
        }
        do {
            return try MatcherStore(path: path)
        } catch {
            throw SyncError(.store, error.description)
        }
    }

    /// Lays out rows in columns two spaces apart; the last column is not padded.
    static func table(_ rows: [[String]], rightAligned: Set<Int>) -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in
            rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
        }
        var lines: [String] = []
        for row in rows {
            var cells: [String] = []
            for (column, cell) in row.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                if rightAligned.contains(column) {
                    cells.append(padding + cell)
                } else {
                    cells.append(column == row.count - 1 ? cell : cell + padding)
                }
            }
            lines.append(cells.joined(separator: "  "))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// One run as `matcher runs` lists it, from its row and, when it has one, its report.
struct RunSummary {
    var record: RunRecord
    /// The stored report, when there is one this version can read.
    var report: RunReport?

    init(record: RunRecord) {
        self.record = record
        report = record.report.flatMap { try? JSONDecoder().decode(RunReport.self, from: $0) }
    }

    static let header = [
        "ID", "DAY", "STATUS", "STARTED", "TOOK", "MATCHED", "CHANGED", "REFUSED", "PENDING",
    ]

    /// ID, TOOK, MATCHED and CHANGED, which line up by their last digit.
    static let numericColumns: Set<Int> = [0, 4, 5, 6]

    /// The row's cells; `-` where the run has no report to tell.
    var cells: [String] {
        [
            String(record.id),
            record.asOf,
            record.status.rawValue,
            record.startedAt,
            took,
            report.map { String($0.results.matched) } ?? "-",
            report.map { String($0.results.changed) } ?? "-",
            report.map(Self.refused) ?? "-",
            report.map(Self.pending) ?? "-",
        ]
    }

    /// The run's duration: from its report, else from its start and end; `-` while it
    /// runs or when it died.
    var took: String {
        if let report {
            return Self.seconds(report.durationSeconds)
        }
        let formatter = ISO8601DateFormatter()
        guard let finishedAt = record.finishedAt,
            let end = formatter.date(from: finishedAt),
            let start = formatter.date(from: record.startedAt)
        else { return "-" }
        return Self.seconds(end.timeIntervalSince(start))
    }

    static func seconds(_ value: Double) -> String {
        String(format: "%.1f s", value)
    }

    /// `1 line, 12 rows, 1 delivery`, naming only what was refused.
    static func refused(_ report: RunReport) -> String {
        let parts = [
            counted(report.refusedLines.count, "line"),
            counted(report.refusedRows.count, "row"),
            counted(report.refusedDeliveries.count, "delivery", plural: "deliveries"),
        ].compactMap { $0 }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }

    /// The sources whose half of the results waited tonight: no complete delivery, or only
    /// a stale one that was not used.
    static func pending(_ report: RunReport) -> String {
        let stale = report.staleDeliveries.filter { !$0.used }.map { $0.source + " (stale)" }
        let sources = report.pendingSources + stale
        return sources.isEmpty ? "none" : sources.joined(separator: ", ")
    }

    private static func counted(_ count: Int, _ word: String, plural: String? = nil) -> String? {
        guard count > 0 else { return nil }
        return "\(count) " + (count == 1 ? word : plural ?? word + "s")
    }
}

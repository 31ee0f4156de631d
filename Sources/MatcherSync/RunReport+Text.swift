import Foundation
import MatcherCore

extension RunReport {
    /// The report as an operator reads it on a terminal or in a mail.
    public var text: String {
        var lines: [String] = []
        lines.append("Run \(runId): sync as of \(asOf), points policy \(policyYear)")
        lines.append(
            "  \(status), started \(startedAt), took \(Self.seconds(durationSeconds))"
        )
        if let failure {
            lines.append("  failed, and stored nothing: \(failure)")
        }
        lines.append("")
        lines.append("Applications")
        let counts = applications
        lines.append(
            "  read \(counts.linesRead) lines: \(counts.new) new, \(counts.resubmitted) "
                + "resubmitted, \(counts.withdrawn) withdrawn, \(counts.deleted) deleted, "
                + "\(counts.unchanged) unchanged, \(counts.refused) refused"
        )
        lines.append(
            "  matched \(results.matched) of \(applications.live) live applications: "
                + "\(results.changed) new or changed results, \(results.unchanged) unchanged, "
                + "\(results.pending) pending"
        )
        if results.retired > 0 {
            lines.append("  \(results.retired) withdrawn or deleted applications lost their result")
        }
        lines.append("")
        lines.append("Plan")
        lines += planLines
        lines.append("")
        lines.append("Outcomes")
        let codes =
            SocialInsuranceOutcome.allCases.map(\.rawValue)
            + PropertyOutcome.allCases.map(\.rawValue)
        let width = codes.map(\.count).max() ?? 0
        for code in codes {
            let count = outcomes[code] ?? 0
            let before = previousOutcomes?[code] ?? 0
            guard count > 0 || before > 0 else { continue }
            var line = "  " + Self.padded(code, width) + "  "
            if previousOutcomes != nil && before != count {
                line += "\(before) → \(count)"
            } else {
                line += String(count)
            }
            lines.append(line)
        }
        if let previousRunId, let previousOutcomes {
            let moved = codes.contains { (outcomes[$0] ?? 0) != (previousOutcomes[$0] ?? 0) }
            lines.append(
                moved
                    ? "  (before → now: changes since run \(previousRunId))"
                    : "  (the same as after run \(previousRunId))"
            )
        }
        if !refusedLines.isEmpty {
            lines.append("")
            lines.append("Refused lines of the application export")
            for refused in refusedLines.sorted(by: { $0.line < $1.line }) {
                let who = refused.applicationId.map { " (\($0))" } ?? ""
                lines.append("  line \(refused.line)\(who): \(refused.reason)")
            }
        }
        lines.append("")
        lines.append("Deliveries used")
        for delivery in deliveries {
            let rows = delivery.rows.sorted { $0.key < $1.key }
                .map { "\($0.key) \($0.value) rows" }
                .joined(separator: ", ")
            lines.append(
                "  \(Self.padded(delivery.source, 8)) \(delivery.date) (\(Self.age(delivery.ageDays)))"
                    + "  \(rows); \(delivery.rowsKept) kept"
            )
        }
        for stale in staleDeliveries where !stale.used {
            lines.append(
                "  \(Self.padded(stale.source, 8)) \(stale.date) (\(Self.age(stale.ageDays))) "
                    + "is stale and was not used: its results are pending"
            )
        }
        for stale in staleDeliveries where stale.used {
            lines.append("  \(stale.source) was used although stale (--allow-stale)")
        }
        for source in pendingSources {
            lines.append("  \(Self.padded(source, 8)) none complete: its results are pending")
        }
        if !refusedDeliveries.isEmpty {
            lines.append("")
            lines.append("Refused deliveries")
            for refused in refusedDeliveries {
                // A reason about the whole folder starts with its name already.
                let folder = "\(refused.source)/\(refused.date)"
                var reason = Substring(refused.reason)
                if reason.hasPrefix(folder + ": ") {
                    reason = reason.dropFirst(folder.count + 2)
                }
                lines.append("  \(folder): \(reason)")
            }
        }
        if !refusedRows.isEmpty {
            lines.append("")
            lines.append("Refused delivery rows")
            let shown = refusedRows.prefix(Self.refusedRowsShown)
            for row in shown {
                lines.append("  \(row.file) line \(row.line): \(row.reason)")
            }
            if refusedRows.count > shown.count {
                lines.append(
                    "  … and \(refusedRows.count - shown.count) more (all are in the store)"
                )
            }
        }
        lines.append("")
        lines.append("Time per phase (processor time on every core, peak memory at its end)")
        for phase in phases {
            var line = "  " + Self.padded(phase.name, 18) + Self.seconds(phase.seconds)
            if let cpu = phase.cpuSeconds {
                line += "  cpu " + Self.seconds(cpu)
            }
            if let bytes = phase.peakMemoryBytes {
                line += "  " + Self.megabytes(bytes)
            }
            lines.append(line)
        }
        if !warnings.isEmpty {
            lines.append("")
            lines.append("Warnings")
            for warning in warnings {
                lines.append("  \(warning)")
            }
        }
        if results.keptWhilePending > 0 {
            lines.append("")
            lines.append(
                "\(results.keptWhilePending) results kept what was found before for a half "
                    + "whose feed could not be used tonight"
            )
        }
        lines.append("")
        if results.matched == 0 && applications.linesRead == 0 {
            lines.append("Nothing to do: no applications to match.")
        } else if changedNothing {
            lines.append("Nothing changed: every result is the same as after the previous run.")
        } else {
            lines.append(
                "Stored \(results.changed) new results and \(applications.newVersions) "
                    + "new application versions."
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A long list of bad rows would bury the rest of the report; the store keeps them all.
    static let refusedRowsShown = 50

    /// Why each live application was matched, or kept.
    var planLines: [String] {
        var lines: [String] = []
        func add(_ count: Int, _ why: String) {
            if count > 0 { lines.append("  \(Self.padded(String(count), 7)) \(why)") }
        }
        add(plan.newOrChangedApplication, "new or resubmitted since their last result")
        add(plan.pendingBefore, "pending after the last run")
        let bySource = plan.sourceDataChanged.sorted(by: { $0.key < $1.key })
            .map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        add(
            plan.sourceDataChangedApplications,
            "whose data at a source changed since their last result (\(bySource))"
        )
        add(plan.rulesChanged, "matched again: the policy, messages or mappings changed")
        add(plan.backfill, "matched for a backfilled day")
        add(plan.unchanged, "kept their result: nothing it depends on changed")
        return lines.isEmpty ? ["  no live applications"] : lines
    }

    static func age(_ days: Int) -> String {
        days == 1 ? "1 day old" : "\(days) days old"
    }

    static func seconds(_ value: Double) -> String {
        String(format: "%.2f s", value)
    }

    static func megabytes(_ bytes: Int) -> String {
        String(format: "%.0f MB", Double(bytes) / 1_000_000)
    }

    static func padded(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}

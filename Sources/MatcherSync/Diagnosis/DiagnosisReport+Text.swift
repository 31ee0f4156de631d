import MatcherCore

extension DiagnosisReport {
    /// The report as support staff read it on one screen per application.
    public var text: String {
        var lines = [
            "Diagnosis for \(query) as run \(run.id) (\(run.day), \(run.status)) left it: "
                + "\(applications.count) application(s)"
        ]
        if notExplained > 0 {
            lines.append(
                "\(notExplained) more application(s) match and are not shown: give an "
                    + "application id or a 报名号 to narrow the query"
            )
        }
        for application in applications {
            lines.append("")
            lines += application.textLines
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension ApplicationDiagnosis {
    var textLines: [String] {
        var lines: [String] = []
        if let diagnosis {
            lines.append(
                "\(applicationId) · version \(diagnosis.version) · \(diagnosis.status) · 报名号 "
                    + diagnosis.registrationNo
            )
        } else {
            lines.append(applicationId)
        }
        for note in notes {
            lines.append("  Note: \(note)")
        }
        lines += shownLines
        if let diagnosis {
            lines += Self.typedLines(diagnosis.typed)
            lines += Self.findingLines("Social insurance", diagnosis.socialInsurance)
            lines += Self.findingLines("Property", diagnosis.property)
        }
        lines.append("")
        lines.append("  History")
        if history.isEmpty {
            lines.append("    no results yet")
        }
        for entry in history {
            lines.append(
                "    run \(entry.runId)  \(entry.day)  v\(entry.version)  "
                    + "\(entry.socialInsurance)  \(entry.property)"
            )
            lines.append("      " + entry.changes.joined(separator: "; "))
        }
        return lines
    }

    private var shownLines: [String] {
        guard let shown else {
            return ["", "  The parent sees no result"]
        }
        var lines = [
            "",
            "  The parent sees (result of run \(shown.runId), \(shown.day), version "
                + "\(shown.version))",
            "    社保 \(shown.socialInsurance)"
                + (shown.socialInsurancePoints.map { " · \($0) points" } ?? ""),
            "    房产 \(shown.property)" + (shown.propertyPoints.map { " · \($0) points" } ?? ""),
        ]
        lines += shown.parentMessages.map { "    「\($0)」" }
        return lines
    }

    private static func typedLines(_ values: [TypedValue]) -> [String] {
        var lines = ["", "  What was typed, and what it became"]
        for value in values {
            let became = value.normalized ?? "cannot be read"
            var line = "    \(value.label): \(value.typed) → \(became)"
            if !value.steps.isEmpty {
                line += "  (" + value.steps.joined(separator: "; ") + ")"
            }
            lines.append(line)
            if let problem = value.problem {
                lines.append("      problem: \(problem)")
            }
        }
        return lines
    }

    private static func findingLines(_ title: String, _ finding: Finding) -> [String] {
        var lines = ["", "  \(title): \(finding.outcome)"]
        if !finding.lookups.isEmpty {
            lines.append("    Looked up")
        }
        for lookup in finding.lookups {
            let delivery = lookup.delivery.map { " (delivery \($0))" } ?? ""
            lines.append("      \(lookup.source)\(delivery) by \(lookup.key)")
            if let unavailable = lookup.unavailable {
                lines.append("        not available: \(unavailable)")
            } else if lookup.records.isEmpty {
                lines.append("        nothing held")
            }
            lines += lookup.records.map { "        \($0)" }
        }
        lines.append("    Decided by")
        for decision in finding.decisions {
            lines.append("      \(decision.code): \(decision.rule)")
            lines += decision.evidence.map { "        - \($0)" }
            lines.append("        Parent reads: \(decision.parentMessage)")
            lines.append("        Next step: \(decision.nextStep)")
        }
        if !finding.nearMisses.isEmpty {
            lines.append("    Near misses")
        }
        for nearMiss in finding.nearMisses {
            lines.append("      - \(nearMiss.finding)")
            lines.append("        Next step: \(nearMiss.nextStep)")
        }
        return lines
    }
}

import MatcherCore
import MatcherStore

extension SupportDiagnosis {
    /// The application's results in run order, each with why the run matched it and what
    /// changed in the result.
    static func history(of results: [StoredResult]) -> [HistoryEntry] {
        var entries: [HistoryEntry] = []
        var previous: StoredResult?
        for result in results.sorted(by: { $0.runId < $1.runId }) {
            entries.append(
                HistoryEntry(
                    runId: result.runId,
                    day: result.runAsOf ?? "",
                    version: result.version,
                    socialInsurance: result.socialInsuranceOutcome,
                    property: result.propertyOutcome,
                    changes: changes(from: previous, to: result)
                )
            )
            // A backfilled earlier day is history only: later results compare with the one
            // the parent was shown, not with it.
            if previous.map({ ($0.runAsOf ?? "") <= (result.runAsOf ?? "") }) ?? true {
                previous = result
            }
        }
        return entries
    }

    static func changes(from previous: StoredResult?, to result: StoredResult) -> [String] {
        guard let previous else { return ["first result"] }
        var changes: [String] = []
        if (result.runAsOf ?? "") < (previous.runAsOf ?? "") {
            changes.append(
                "backfill of an earlier day: kept in the history, the later result stays shown"
            )
        }
        if result.version != previous.version {
            changes.append("new version \(result.version): the parent resubmitted")
        } else {
            let pending = [
                SocialInsuranceOutcome.pending.rawValue, PropertyOutcome.pending.rawValue,
            ]
            if pending.contains(previous.socialInsuranceOutcome)
                || pending.contains(previous.propertyOutcome)
            {
                changes.append("matched again because it was pending")
            }
            if let now = ResultInputs.decoded(from: result.inputs),
                let before = ResultInputs.decoded(from: previous.inputs)
            {
                if now.rules != before.rules {
                    changes.append("the mappings changed")
                }
                let sources = now.changedSources(since: before)
                if !sources.isEmpty {
                    changes.append("new delivery data for \(sources.joined(separator: ", "))")
                }
            }
        }
        if result.socialInsuranceOutcome != previous.socialInsuranceOutcome {
            changes.append(
                "social insurance: \(previous.socialInsuranceOutcome) → "
                    + result.socialInsuranceOutcome
            )
        }
        if result.propertyOutcome != previous.propertyOutcome {
            changes.append("property: \(previous.propertyOutcome) → \(result.propertyOutcome)")
        }
        if result.document == previous.document {
            changes.append("result unchanged")
        } else if result.socialInsuranceOutcome == previous.socialInsuranceOutcome
            && result.propertyOutcome == previous.propertyOutcome
        {
            changes.append("same outcomes, other months, dates or points")
        }
        return changes
    }
}

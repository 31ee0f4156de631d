extension MatcherStore {
    /// The latest day (`YYYY-MM-DD`) a finished run was for, or nil when no run has
    /// finished; what `matcher schedule` reads to see whether a night was missed.
    ///
    /// Every status but `running` counts: a failed night was tried, and its report says why,
    /// while a `running` row is a run in progress or one that died. The latest day is taken,
    /// not the day of the newest row, because an operator's re-run of an old day must not
    /// make the latest night look missed; `as_of` is always `YYYY-MM-DD`, so text order is
    /// day order.
    public func latestRunDay() throws(StoreError) -> String? {
        try read("find the day of the latest finished run") {
            let days = try database.query(
                "SELECT MAX(as_of) FROM runs WHERE status IN ('succeeded', 'partial')",
                []
            ) { row in
                try row.string(0)
            }
            return days.first ?? nil
        }
    }
}

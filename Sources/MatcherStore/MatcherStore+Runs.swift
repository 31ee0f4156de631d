import Foundation

extension MatcherStore {
    /// Records the start of a run and returns its id.
    ///
    /// Committed at once, so a run that dies leaves a `running` row behind as evidence.
    public func beginRun(startedAt: String, asOf: String) throws(StoreError) -> Int64 {
        try write("record the start of a run") {
            try database.run(
                "INSERT INTO runs (started_at, as_of, status) VALUES (?, ?, 'running')",
                [.text(startedAt), .text(asOf)]
            )
            return database.lastInsertRowID
        }
    }

    /// Writes everything a run changed, and its report, in one transaction.
    public func commit(_ commit: RunCommit) throws(StoreError) {
        let night = try beginNight(runId: commit.runId)
        try night.insertVersions(commit.newApplicationVersions)
        try night.retire(commit.retiredApplications)
        try night.insertResults(commit.newResults, makeCurrent: true)
        try night.insertResults(commit.historicalResults, makeCurrent: false)
        try night.updateInputs(
            commit.recheckedInputs.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        )
        var ending = RunEnding(
            finishedAt: commit.finishedAt,
            status: commit.status,
            report: commit.report
        )
        ending.deliveries = commit.deliveries
        ending.refused = commit.refused
        try night.commit(ending)
    }

    /// Marks a run failed when it stopped before it could commit.
    public func failRun(_ runId: Int64, finishedAt: String, report: Data?) throws(StoreError) {
        try write("record that run \(runId) failed") {
            try database.run(
                "UPDATE runs SET finished_at = ?, status = 'failed', report = ? WHERE id = ?",
                [
                    .text(finishedAt),
                    report.map { .text(String(decoding: $0, as: UTF8.self)) } ?? .null,
                    .integer(runId),
                ]
            )
        }
    }

    /// Marks every run still recorded as running as failed, and returns their ids.
    ///
    /// Only for a caller that holds the store's run lock: then no run is alive, and one
    /// marked running died before its commit, which means it stored nothing.
    public func markAbandonedRuns() throws(StoreError) -> [Int64] {
        try write("record runs that died") {
            let ids = try database.query(
                "SELECT id FROM runs WHERE status = 'running' ORDER BY id",
                []
            ) { try $0.int64(0) }
            // No end time: when it died is not known, and the next run's start would pass
            // for it.
            try database.run("UPDATE runs SET status = 'failed' WHERE status = 'running'", [])
            return ids
        }
    }

    /// Replaces a finished run's stored report, to add what happened after its commit.
    public func updateReport(_ runId: Int64, report: Data) throws(StoreError) {
        try write("update the report of run \(runId)") {
            try database.run(
                "UPDATE runs SET report = ? WHERE id = ? AND status != 'running'",
                [.text(String(decoding: report, as: UTF8.self)), .integer(runId)]
            )
        }
    }

    /// Every run, newest first.
    public func runs() throws(StoreError) -> [RunRecord] {
        try read("list the runs") {
            try database.query(
                "SELECT id, started_at, finished_at, as_of, status, report FROM runs"
                    + " ORDER BY id DESC",
                [],
                runRecord
            )
        }
    }

    /// The newest `limit` runs, newest first.
    public func runs(limit: Int) throws(StoreError) -> [RunRecord] {
        try read("list the runs") {
            try database.query(
                "SELECT id, started_at, finished_at, as_of, status, report FROM runs"
                    + " ORDER BY id DESC LIMIT ?",
                [.integer(Int64(limit))],
                runRecord
            )
        }
    }

    /// One run, or nil when there is none with this id.
    public func run(id: Int64) throws(StoreError) -> RunRecord? {
        try read("read run \(id)") {
            try database.query(
                "SELECT id, started_at, finished_at, as_of, status, report FROM runs WHERE id = ?",
                [.integer(id)],
                runRecord
            ).first
        }
    }

    /// The inputs a run refused.
    public func refusedInputs(ofRun runId: Int64) throws(StoreError) -> [RefusedInput] {
        try read("read the inputs run \(runId) refused") {
            try database.query(
                "SELECT input, line, reason, raw FROM refused_inputs WHERE run_id = ? ORDER BY id",
                [.integer(runId)]
            ) { row in
                RefusedInput(
                    input: try row.string(0) ?? "",
                    line: try row.isNull(1) ? nil : try row.int(1),
                    reason: try row.string(2) ?? "",
                    raw: try row.isNull(3) ? nil : Data(try row.blob(3) ?? [])
                )
            }
        }
    }

    /// The deliveries a run used.
    public func deliveries(usedBy runId: Int64) throws(StoreError) -> [DeliveryUse] {
        try read("read the deliveries of run \(runId)") {
            try database.query(
                """
                SELECT d.source, d.delivery_date, d.path, d.fingerprint
                FROM run_deliveries r JOIN deliveries d ON d.id = r.delivery_id
                WHERE r.run_id = ? ORDER BY d.source
                """,
                [.integer(runId)]
            ) { row in
                DeliveryUse(
                    source: try row.string(0) ?? "",
                    date: try row.string(1) ?? "",
                    path: try row.string(2) ?? "",
                    fingerprint: try row.string(3) ?? ""
                )
            }
        }
    }

    private func runRecord(_ row: SQLiteRow) throws -> RunRecord {
        RunRecord(
            id: try row.int64(0),
            startedAt: try row.string(1) ?? "",
            finishedAt: try row.string(2),
            asOf: try row.string(3) ?? "",
            status: RunStatus(rawValue: try row.string(4) ?? "") ?? .failed,
            report: try row.string(5).map { Data($0.utf8) }
        )
    }
}

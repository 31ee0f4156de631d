import Foundation

extension MatcherStore {
    /// The latest version of every application the store knows, by application id.
    public func latestApplications() throws(StoreError) -> [String: StoredApplication] {
        try read("read the applications") {
            let rows = try database.query(
                """
                SELECT v.application_id, v.version, v.status, v.registration_no,
                       v.submitted_at, v.document
                FROM applications a JOIN application_versions v
                  ON v.application_id = a.application_id AND v.version = a.version
                """,
                [],
                storedApplication
            )
            return Dictionary(rows.map { ($0.applicationId, $0) }) { first, _ in first }
        }
    }

    /// The result every application currently shows, by application id.
    public func currentResults() throws(StoreError) -> [String: StoredResult] {
        try read("read the current results") {
            let rows = try database.query(
                """
                SELECT r.application_id, r.version, r.run_id, r.matched_at,
                       r.social_insurance_outcome, r.property_outcome, r.document,
                       c.inputs, runs.as_of
                FROM current_results c JOIN results r ON r.id = c.result_id
                JOIN runs ON runs.id = r.run_id
                """,
                [],
                storedResult
            )
            return Dictionary(rows.map { ($0.applicationId, $0) }) { first, _ in first }
        }
    }

    /// Every result an application has had, oldest first.
    public func results(of applicationId: String) throws(StoreError) -> [StoredResult] {
        try read("read the results of an application") {
            try database.query(
                """
                SELECT r.application_id, r.version, r.run_id, r.matched_at,
                       r.social_insurance_outcome, r.property_outcome, r.document,
                       r.inputs, runs.as_of
                FROM results r JOIN runs ON runs.id = r.run_id
                WHERE r.application_id = ? ORDER BY r.run_id
                """,
                [.text(applicationId)],
                storedResult
            )
        }
    }

    /// Maps a row of `application_id, version, status, registration_no, submitted_at,
    /// document`, in that order.
    func storedApplication(_ row: SQLiteRow) throws -> StoredApplication {
        StoredApplication(
            applicationId: try row.string(0) ?? "",
            version: try row.int(1),
            status: try row.string(2) ?? "",
            registrationNo: try row.string(3) ?? "",
            submittedAt: try row.string(4) ?? "",
            document: Data((try row.string(5) ?? "").utf8)
        )
    }

    private func storedResult(_ row: SQLiteRow) throws -> StoredResult {
        StoredResult(
            applicationId: try row.string(0) ?? "",
            version: try row.int(1),
            runId: try row.int64(2),
            matchedAt: try row.string(3) ?? "",
            socialInsuranceOutcome: try row.string(4) ?? "",
            propertyOutcome: try row.string(5) ?? "",
            document: Data((try row.string(6) ?? "").utf8),
            inputs: try row.string(7).map { Data($0.utf8) },
            runAsOf: try row.string(8)
        )
    }
}

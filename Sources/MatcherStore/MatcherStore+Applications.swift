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

    func insertApplicationVersions(_ versions: [StoredApplication], runId: Int64) throws {
        let insertVersion = try database.prepare(
            """
            INSERT INTO application_versions
                (application_id, version, registration_no, status, submitted_at, document,
                 first_run_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """
        )
        let setLatest = try database.prepare(
            """
            INSERT INTO applications (application_id, version, status, registration_no)
            VALUES (?, ?, ?, ?)
            ON CONFLICT (application_id) DO UPDATE SET
                version = excluded.version, status = excluded.status,
                registration_no = excluded.registration_no
            WHERE excluded.version >= applications.version
            """
        )
        let indexPeople = try PeopleIndexer(database)
        var people: [(key: String, applicationId: String, version: Int)] = []
        // In the order of their keys, so that each insert lands next to the previous one.
        for application in versions.sorted(by: { $0.applicationId < $1.applicationId }) {
            try insertVersion.run([
                .text(application.applicationId), .integer(Int64(application.version)),
                .text(application.registrationNo), .text(application.status),
                .text(application.submittedAt),
                .text(String(decoding: application.document, as: UTF8.self)),
                .integer(runId),
            ])
            try setLatest.run([
                .text(application.applicationId), .integer(Int64(application.version)),
                .text(application.status), .text(application.registrationNo),
            ])
            let keys =
                application.personLookupKeys ?? indexPeople.lookupKeys(of: application.document)
            for key in keys {
                people.append((key, application.applicationId, application.version))
            }
        }
        people.sort {
            ($0.key, $0.applicationId, $0.version) < ($1.key, $1.applicationId, $1.version)
        }
        for person in people {
            try indexPeople.add(
                [person.key],
                applicationId: person.applicationId,
                version: person.version
            )
        }
    }

    func insertResults(_ results: [StoredResult], makeCurrent: Bool) throws {
        let insertResult = try database.prepare(
            """
            INSERT INTO results
                (application_id, version, run_id, matched_at, social_insurance_outcome,
                 property_outcome, document, inputs)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """
        )
        let setCurrent = try database.prepare(
            """
            INSERT INTO current_results (application_id, result_id, inputs) VALUES (?, ?, ?)
            ON CONFLICT (application_id) DO UPDATE SET
                result_id = excluded.result_id, inputs = excluded.inputs
            """
        )
        for result in results {
            let inputs = result.inputs.map { SQLiteValue.text(String(decoding: $0, as: UTF8.self)) }
            try insertResult.run([
                .text(result.applicationId), .integer(Int64(result.version)),
                .integer(result.runId), .text(result.matchedAt),
                .text(result.socialInsuranceOutcome), .text(result.propertyOutcome),
                .text(String(decoding: result.document, as: UTF8.self)), inputs ?? .null,
            ])
            guard makeCurrent else { continue }
            try setCurrent.run([
                .text(result.applicationId), .integer(database.lastInsertRowID), inputs ?? .null,
            ])
        }
    }

    func updateInputs(_ inputs: [String: Data]) throws {
        let update = try database.prepare(
            "UPDATE current_results SET inputs = ? WHERE application_id = ?"
        )
        for (applicationId, data) in inputs.sorted(by: { $0.key < $1.key }) {
            try update.run([.text(String(decoding: data, as: UTF8.self)), .text(applicationId)])
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

import Foundation
import MatcherCore

/// A delivery as one run used it.
public struct RunDelivery: Hashable, Sendable {
    public var runId: Int64
    public var delivery: DeliveryUse

    public init(runId: Int64, delivery: DeliveryUse) {
        self.runId = runId
        self.delivery = delivery
    }
}

extension MatcherStore {
    /// The applications a support query names, sorted and without repeats.
    ///
    /// The query, trimmed of surrounding white space, is taken as an application id, as a
    /// 报名号 of any stored version, and as the ID number of anyone on any stored version
    /// (student, guardians, points subject, family members, the home's owner). The number
    /// is read as each ``IDType`` in turn, so a 15-digit number, a lower-case `x` or
    /// spaces find the number as the parent typed it in any form. Withdrawn and deleted
    /// applications are found too: their earlier versions still name their people.
    public func applicationIds(matching query: String) throws(StoreError) -> [String] {
        let text = query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return [] }
        let idKeys = Set(IDType.allCases.map { MatchRules.lookupKey(of: text, as: $0) })
            .filter { !$0.isEmpty }
            .sorted()
        let placeholders = Array(repeating: "?", count: idKeys.count).joined(separator: ", ")
        return try read("find the applications a query names") {
            let ids = try database.query(
                """
                SELECT application_id FROM application_versions WHERE application_id = ?
                UNION
                SELECT application_id FROM application_versions WHERE registration_no = ?
                UNION
                SELECT application_id FROM application_people WHERE id_key IN (\(placeholders))
                """,
                [.text(text), .text(text)] + idKeys.map { .text($0) }
            ) { row in
                try row.string(0) ?? ""
            }
            return ids.sorted()
        }
    }

    /// The version of an application that run `runId` saw: the newest one stored by that
    /// run or an earlier one; nil when the application was not stored yet.
    public func applicationVersion(_ applicationId: String, atRun runId: Int64)
        throws(StoreError) -> StoredApplication?
    {
        try read("read the version of an application at run \(runId)") {
            try database.query(
                """
                SELECT application_id, version, status, registration_no, submitted_at, document
                FROM application_versions
                WHERE application_id = ? AND first_run_id <= ?
                ORDER BY version DESC LIMIT 1
                """,
                [.text(applicationId), .integer(runId)],
                storedApplication
            ).first
        }
    }

    /// The id of the newest run, whatever its status; nil when no run was ever started.
    public func latestRunId() throws(StoreError) -> Int64? {
        try read("find the newest run") {
            let ids = try database.query("SELECT MAX(id) FROM runs", []) { row in
                try row.isNull(0) ? nil : try row.int64(0)
            }
            return ids.first ?? nil
        }
    }

    /// Every use of a delivery of `source` by run `runId` or an earlier one, newest run
    /// first: one entry per run, so a delivery used on several nights appears once for each.
    public func deliveries(of source: String, usedUpTo runId: Int64) throws(StoreError)
        -> [RunDelivery]
    {
        try read("read the \(source) deliveries used up to run \(runId)") {
            try database.query(
                """
                SELECT r.run_id, d.source, d.delivery_date, d.path, d.fingerprint
                FROM run_deliveries r JOIN deliveries d ON d.id = r.delivery_id
                WHERE d.source = ? AND r.run_id <= ?
                ORDER BY r.run_id DESC, d.delivery_date DESC, d.id DESC
                """,
                [.text(source), .integer(runId)]
            ) { row in
                RunDelivery(
                    runId: try row.int64(0),
                    delivery: DeliveryUse(
                        source: try row.string(1) ?? "",
                        date: try row.string(2) ?? "",
                        path: try row.string(3) ?? "",
                        fingerprint: try row.string(4) ?? ""
                    )
                )
            }
        }
    }

    /// Fills `application_people` from every stored version: the backfill of the migration
    /// that added the table.
    static func indexPeopleOfStoredVersions(_ database: SQLiteConnection) throws {
        let indexer = try PeopleIndexer(database)
        // Stepped row by row: a store may hold a million documents, too many to hold at once.
        let versions = try database.prepare(
            "SELECT application_id, version, document FROM application_versions"
        )
        defer { versions.reset() }
        while try versions.step() {
            try indexer.add(
                Data((try versions.string(2) ?? "").utf8),
                applicationId: try versions.string(0) ?? "",
                version: try versions.int(1)
            )
        }
    }

    /// Records the lookup keys of everyone named on an application version.
    struct PeopleIndexer {
        private let insert: SQLiteStatement
        private let decoder = JSONDecoder()

        init(_ database: SQLiteConnection) throws {
            insert = try database.prepare(
                """
                INSERT OR IGNORE INTO application_people (id_key, application_id, version)
                VALUES (?, ?, ?)
                """
            )
        }

        /// Adds the people of one stored document; one that does not decode as an
        /// ``Application`` names nobody that can be looked up, and adds nothing.
        func add(_ document: Data, applicationId: String, version: Int) throws {
            try add(lookupKeys(of: document), applicationId: applicationId, version: version)
        }

        /// The people's keys of a stored document; one that does not decode as an
        /// ``Application`` names nobody that can be looked up.
        func lookupKeys(of document: Data) -> Set<String> {
            Self.lookupKeys(of: document, decoder: decoder)
        }

        static func lookupKeys(of document: Data, decoder: JSONDecoder = JSONDecoder())
            -> Set<String>
        {
            (try? decoder.decode(Application.self, from: document))?.personLookupKeys ?? []
        }

        func add(_ keys: Set<String>, applicationId: String, version: Int) throws {
            for key in keys {
                try insert.run([.text(key), .text(applicationId), .integer(Int64(version))])
            }
        }
    }
}

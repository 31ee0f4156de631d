import Foundation

extension MatcherStore {
    /// Opens the one transaction that everything run `runId` changes is written in.
    ///
    /// A run writes its versions as it reads the export and its results as it matches, so
    /// that it never holds a night's documents at once; they become visible together when
    /// ``NightTransaction/commit(_:)`` commits, or not at all. Until then the store answers
    /// other connections as it was before the run.
    ///
    /// - Throws: ``StoreError`` when another connection holds the write lock longer than the
    ///   busy timeout, or the statements cannot be prepared.
    public func beginNight(runId: Int64) throws(StoreError) -> NightTransaction {
        do {
            return try NightTransaction(database: database, runId: runId)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.writeFailed, "could not begin storing run \(runId)", cause: error)
        }
    }
}

/// The closing part of a run: how it ended, what it used and refused, and its report.
public struct RunEnding: Sendable {
    public var finishedAt: String
    public var status: RunStatus
    public var report: Data
    public var deliveries: [DeliveryUse] = []
    public var refused: [RefusedInput] = []

    public init(finishedAt: String, status: RunStatus, report: Data) {
        self.finishedAt = finishedAt
        self.status = status
        self.report = report
    }
}

/// The open transaction of one run: reads of what the store held before it, and the
/// writes it adds, until ``commit(_:)`` or ``rollback()``.
///
/// Reads see the run's own writes, so a caller reads what it needs of an application before
/// writing for it. Used from one thread at a time, like the connection it holds.
public final class NightTransaction {
    public let runId: Int64
    private let database: SQLiteConnection
    private let insertVersion: SQLiteStatement
    private let updateLatest: SQLiteStatement
    private let insertLatest: SQLiteStatement
    private let insertPerson: SQLiteStatement
    private let insertResult: SQLiteStatement
    private let updateCurrent: SQLiteStatement
    private let insertCurrent: SQLiteStatement
    private let removeCurrent: SQLiteStatement
    private let updateInputs: SQLiteStatement
    private let findLatest: SQLiteStatement
    private let findCurrent: SQLiteStatement
    private var isOpen = true
    /// Whether the night is written with a rollback journal instead of the WAL, the store
    /// being empty when it began.
    public private(set) var writesPagesOnce = false
    /// Whether the store held any application, or any current result, when the run began:
    /// on a new store nothing needs looking up.
    public private(set) var heldApplications = true
    public private(set) var heldResults = true

    fileprivate init(database: SQLiteConnection, runId: Int64) throws {
        self.database = database
        self.runId = runId
        insertVersion = try database.prepare(
            """
            INSERT INTO application_versions
                (application_id, version, registration_no, status, submitted_at, document,
                 first_run_id)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """
        )
        // Upserts are written as an update and, where it changed nothing, an insert: an
        // upsert, or an insert from a select, copies the pages it changes to a statement
        // journal first, so that it can be undone alone, which for a night's inserts was
        // most of the store's writing.
        updateLatest = try database.prepare(
            """
            UPDATE applications SET version = ?, status = ?, registration_no = ?
            WHERE application_id = ? AND version <= ?
            """
        )
        // Ignored where a newer version is the latest already.
        insertLatest = try database.prepare(
            """
            INSERT OR IGNORE INTO applications (application_id, version, status, registration_no)
            VALUES (?, ?, ?, ?)
            """
        )
        insertPerson = try database.prepare(
            """
            INSERT OR IGNORE INTO application_people (id_key, application_id, version)
            VALUES (?, ?, ?)
            """
        )
        insertResult = try database.prepare(
            """
            INSERT INTO results
                (application_id, version, run_id, matched_at, social_insurance_outcome,
                 property_outcome, document, inputs)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """
        )
        updateCurrent = try database.prepare(
            "UPDATE current_results SET result_id = ?, inputs = ? WHERE application_id = ?"
        )
        insertCurrent = try database.prepare(
            "INSERT INTO current_results (application_id, result_id, inputs) VALUES (?, ?, ?)"
        )
        removeCurrent = try database.prepare(
            "DELETE FROM current_results WHERE application_id = ?"
        )
        updateInputs = try database.prepare(
            "UPDATE current_results SET inputs = ? WHERE application_id = ?"
        )
        findLatest = try database.prepare(
            """
            SELECT v.application_id, v.version, v.status, v.registration_no,
                   v.submitted_at, v.document
            FROM applications a JOIN application_versions v
              ON v.application_id = a.application_id AND v.version = a.version
            WHERE a.application_id = ?
            """
        )
        findCurrent = try database.prepare(
            """
            SELECT r.application_id, r.version, r.run_id, r.matched_at,
                   r.social_insurance_outcome, r.property_outcome, r.document,
                   c.inputs, runs.as_of
            FROM current_results c JOIN results r ON r.id = c.result_id
            JOIN runs ON runs.id = r.run_id
            WHERE c.application_id = ?
            """
        )
        // A store's first night fills it: in WAL each of its pages would be written twice,
        // to the log and then into the file, while with a rollback journal the pages it adds
        // are written once and need no journal. Nothing can be read from an empty store but
        // its runs, so readers lose little while this night holds the file.
        if try !Self.holdsRows(database, "applications") {
            writesPagesOnce = database.useRollbackJournal()
        }
        try database.execute("BEGIN IMMEDIATE")
        // Foreign keys are checked once, at the commit, which fails the whole run if one is
        // broken. Checked at every statement, each insert would first copy every page it
        // changes to a statement journal, to undo that one statement alone.
        try database.execute("PRAGMA defer_foreign_keys = ON")
        heldApplications = try Self.holdsRows(database, "applications")
        heldResults = try Self.holdsRows(database, "current_results")
    }

    private static func holdsRows(_ database: SQLiteConnection, _ table: String) throws -> Bool {
        try database.query("SELECT EXISTS (SELECT 1 FROM \(table))", []) { row in
            try row.int(0) != 0
        }.first ?? true
    }

    deinit {
        // A transaction left open is one that did not reach its commit: nothing of it stays.
        rollback()
    }

    // MARK: - What the store held

    /// The latest stored version of each of `applicationIds` that the store holds.
    public func latestVersions(of applicationIds: some Sequence<String>) throws(StoreError)
        -> [String: StoredApplication]
    {
        try reading("read the stored versions") {
            var found: [String: StoredApplication] = [:]
            guard heldApplications else { return found }
            for applicationId in applicationIds {
                try findLatest.bind(.text(applicationId), at: 1)
                defer { findLatest.reset() }
                if try findLatest.step() {
                    found[applicationId] = try Self.storedApplication(findLatest)
                }
            }
            return found
        }
    }

    /// The latest version of every submitted application whose id is not in `excluded`,
    /// in the order of their ids: the live applications a delta export does not repeat.
    public func liveApplications(excluding excluded: Set<String>) throws(StoreError)
        -> [StoredApplication]
    {
        try reading("read the live applications") {
            let statement = try database.prepare(
                """
                SELECT v.application_id, v.version, v.status, v.registration_no,
                       v.submitted_at, v.document
                FROM applications a JOIN application_versions v
                  ON v.application_id = a.application_id AND v.version = a.version
                WHERE a.status = 'submitted'
                ORDER BY a.application_id
                """
            )
            defer { statement.reset() }
            var live: [StoredApplication] = []
            while try statement.step() {
                // The id is read first and alone: most rows are in the export, and their
                // documents need not be copied.
                let applicationId = try statement.string(0) ?? ""
                guard !excluded.contains(applicationId) else { continue }
                live.append(try Self.storedApplication(statement))
            }
            return live
        }
    }

    /// The result each of `applicationIds` currently shows, where it has one.
    public func currentResults(of applicationIds: some Sequence<String>) throws(StoreError)
        -> [String: StoredResult]
    {
        try reading("read the current results") {
            var found: [String: StoredResult] = [:]
            guard heldResults else { return found }
            for applicationId in applicationIds {
                try findCurrent.bind(.text(applicationId), at: 1)
                defer { findCurrent.reset() }
                if try findCurrent.step() {
                    found[applicationId] = StoredResult(
                        applicationId: try findCurrent.string(0) ?? "",
                        version: try findCurrent.int(1),
                        runId: try findCurrent.int64(2),
                        matchedAt: try findCurrent.string(3) ?? "",
                        socialInsuranceOutcome: try findCurrent.string(4) ?? "",
                        propertyOutcome: try findCurrent.string(5) ?? "",
                        document: try findCurrent.utf8Text(6) ?? Data(),
                        inputs: try findCurrent.utf8Text(7),
                        runAsOf: try findCurrent.string(8)
                    )
                }
            }
            return found
        }
    }

    // MARK: - What the run adds

    /// Stores new application versions, makes each its application's latest unless a
    /// newer one is stored, and indexes everyone it names.
    public func insertVersions(_ versions: [StoredApplication]) throws(StoreError) {
        try writing("store the application versions") {
            // The people are added once the versions are in: the index refers to them.
            //
            // Known shortcoming: each person goes to the place of its ID number in an index
            // that, at a province's scale (five million people a night), outgrows the page
            // cache; this then takes half the time of reading the export, on the one thread
            // that cannot be helped. Sorting them first through a temporary table cost more
            // than it saved; inserts that append would need an index keyed otherwise.
            var people: [(key: String, applicationId: String, version: Int)] = []
            for application in versions {
                try insertVersion.bind(.text(application.applicationId), at: 1)
                try insertVersion.bind(.integer(Int64(application.version)), at: 2)
                try insertVersion.bind(.text(application.registrationNo), at: 3)
                try insertVersion.bind(.text(application.status), at: 4)
                try insertVersion.bind(.text(application.submittedAt), at: 5)
                try insertVersion.bind(utf8Text: application.document, at: 6)
                try insertVersion.bind(.integer(runId), at: 7)
                try insertVersion.run()
                try setLatest(application)
                let keys =
                    application.personLookupKeys
                    ?? MatcherStore.PeopleIndexer.lookupKeys(of: application.document)
                for key in keys {
                    people.append((key, application.applicationId, application.version))
                }
            }
            for person in people {
                try insertPerson.bind(.text(person.key), at: 1)
                try insertPerson.bind(.text(person.applicationId), at: 2)
                try insertPerson.bind(.integer(Int64(person.version)), at: 3)
                try insertPerson.run()
            }
        }
    }

    /// Takes the current result away from applications withdrawn or deleted.
    public func retire(_ applicationIds: [String]) throws(StoreError) {
        try writing("retire applications") {
            for applicationId in applicationIds {
                try removeCurrent.run([.text(applicationId)])
            }
        }
    }

    /// Stores results, and when `makeCurrent`, makes each the one its application shows.
    public func insertResults(_ results: [StoredResult], makeCurrent: Bool) throws(StoreError) {
        try writing("store the results") {
            for result in results {
                try insertResult.bind(.text(result.applicationId), at: 1)
                try insertResult.bind(.integer(Int64(result.version)), at: 2)
                try insertResult.bind(.integer(result.runId), at: 3)
                try insertResult.bind(.text(result.matchedAt), at: 4)
                try insertResult.bind(.text(result.socialInsuranceOutcome), at: 5)
                try insertResult.bind(.text(result.propertyOutcome), at: 6)
                try insertResult.bind(utf8Text: result.document, at: 7)
                try bindInputs(result.inputs, to: insertResult, at: 8)
                try insertResult.run()
                guard makeCurrent else { continue }
                let resultId = database.lastInsertRowID
                // A store that held no current result has none to update.
                var updated = false
                if heldResults {
                    try updateCurrent.bind(.integer(resultId), at: 1)
                    try bindInputs(result.inputs, to: updateCurrent, at: 2)
                    try updateCurrent.bind(.text(result.applicationId), at: 3)
                    try updateCurrent.run()
                    updated = database.changes > 0
                }
                if !updated {
                    try insertCurrent.bind(.text(result.applicationId), at: 1)
                    try insertCurrent.bind(.integer(resultId), at: 2)
                    try bindInputs(result.inputs, to: insertCurrent, at: 3)
                    try insertCurrent.run()
                }
            }
        }
    }

    /// Records, for results found unchanged, the inputs they were checked against.
    public func updateInputs(_ inputs: [(applicationId: String, inputs: Data)])
        throws(StoreError)
    {
        try writing("record what the results were checked against") {
            for (applicationId, data) in inputs {
                try updateInputs.bind(utf8Text: data, at: 1)
                try updateInputs.bind(.text(applicationId), at: 2)
                try updateInputs.run()
            }
        }
    }

    /// Records how the run ended, the deliveries it used and the inputs it refused, and
    /// commits everything the run wrote.
    public func commit(_ ending: RunEnding) throws(StoreError) {
        try writing("store the results of run \(runId)") {
            try recordDeliveries(ending.deliveries)
            try recordRefused(ending.refused)
            let finish = try database.prepare(
                "UPDATE runs SET finished_at = ?, status = ?, report = ? WHERE id = ?"
            )
            try finish.bind(.text(ending.finishedAt), at: 1)
            try finish.bind(.text(ending.status.rawValue), at: 2)
            try finish.bind(utf8Text: ending.report, at: 3)
            try finish.bind(.integer(runId), at: 4)
            try finish.run()
            try database.execute("COMMIT")
            isOpen = false
            resumeWriteAheadLog()
        }
    }

    /// Undoes everything the run wrote; safe to call more than once, and after a commit.
    public func rollback() {
        guard isOpen else { return }
        isOpen = false
        if database.isInTransaction {
            try? database.execute("ROLLBACK")
        }
        resumeWriteAheadLog()
    }

    // MARK: - Helpers

    private func resumeWriteAheadLog() {
        if writesPagesOnce {
            writesPagesOnce = !database.resumeWriteAheadLog()
        }
    }

    /// Makes a version its application's latest, unless a newer one is stored.
    private func setLatest(_ application: StoredApplication) throws {
        let version = Int64(application.version)
        // On a store that held no application, there is none to update: a night names each
        // application once.
        if heldApplications {
            try updateLatest.bind(.integer(version), at: 1)
            try updateLatest.bind(.text(application.status), at: 2)
            try updateLatest.bind(.text(application.registrationNo), at: 3)
            try updateLatest.bind(.text(application.applicationId), at: 4)
            try updateLatest.bind(.integer(version), at: 5)
            try updateLatest.run()
            guard database.changes == 0 else { return }
        }
        try insertLatest.bind(.text(application.applicationId), at: 1)
        try insertLatest.bind(.integer(version), at: 2)
        try insertLatest.bind(.text(application.status), at: 3)
        try insertLatest.bind(.text(application.registrationNo), at: 4)
        try insertLatest.run()
    }

    private func bindInputs(_ inputs: Data?, to statement: SQLiteStatement, at index: Int)
        throws
    {
        if let inputs {
            try statement.bind(utf8Text: inputs, at: index)
        } else {
            try statement.bindNull(at: index)
        }
    }

    private func recordDeliveries(_ deliveries: [DeliveryUse]) throws {
        for delivery in deliveries {
            try database.run(
                """
                INSERT INTO deliveries (source, delivery_date, path, fingerprint)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (source, delivery_date, fingerprint) DO NOTHING
                """,
                [
                    .text(delivery.source), .text(delivery.date), .text(delivery.path),
                    .text(delivery.fingerprint),
                ]
            )
            try database.run(
                """
                INSERT OR IGNORE INTO run_deliveries (run_id, delivery_id)
                SELECT ?, id FROM deliveries
                WHERE source = ? AND delivery_date = ? AND fingerprint = ?
                """,
                [
                    .integer(runId), .text(delivery.source), .text(delivery.date),
                    .text(delivery.fingerprint),
                ]
            )
        }
    }

    private func recordRefused(_ refused: [RefusedInput]) throws {
        let statement = try database.prepare(
            "INSERT INTO refused_inputs (run_id, input, line, reason, raw) VALUES (?, ?, ?, ?, ?)"
        )
        for input in refused {
            try statement.run([
                .integer(runId), .text(input.input),
                input.line.map { .integer(Int64($0)) } ?? .null,
                .text(input.reason), input.raw.map { .blob(Array($0)) } ?? .null,
            ])
        }
    }

    /// Maps the current row of a statement selecting `application_id, version, status,
    /// registration_no, submitted_at, document`, in that order.
    private static func storedApplication(_ statement: SQLiteStatement) throws
        -> StoredApplication
    {
        StoredApplication(
            applicationId: try statement.string(0) ?? "",
            version: try statement.int(1),
            status: try statement.string(2) ?? "",
            registrationNo: try statement.string(3) ?? "",
            submittedAt: try statement.string(4) ?? "",
            document: try statement.utf8Text(5) ?? Data()
        )
    }

    private func reading<T>(_ what: String, _ body: () throws -> T) throws(StoreError) -> T {
        guard isOpen else {
            throw StoreError(.readFailed, "could not \(what): the run's transaction is closed")
        }
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.readFailed, "could not \(what)", cause: error)
        }
    }

    /// Runs a write; a failure rolls the whole run back, since the transaction can no
    /// longer be trusted to hold all of what the run did.
    private func writing<T>(_ what: String, _ body: () throws -> T) throws(StoreError) -> T {
        guard isOpen else {
            throw StoreError(.writeFailed, "could not \(what): the run's transaction is closed")
        }
        do {
            return try body()
        } catch {
            rollback()
            if let error = error as? StoreError {
                throw error
            }
            throw StoreError(.writeFailed, "could not \(what)", cause: error)
        }
    }
}

@available(*, unavailable)
extension NightTransaction: Sendable {}

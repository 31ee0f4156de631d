/// The store's tables and their migrations, numbered by SQLite's `user_version`.
enum StoreSchema {
    /// One step up the schema: SQL, and for a step whose new table is derived from rows
    /// already stored, the Swift that fills it from them.
    ///
    /// The backfill runs right after the step's SQL, in the same transaction, so a store is
    /// never at the new version with the new table still empty. It runs only when the step
    /// itself runs: on a new store it finds nothing to fill. A step with only SQL is written
    /// as a plain string.
    struct Migration: Sendable, ExpressibleByStringLiteral {
        var sql: String
        var backfill: (@Sendable (SQLiteConnection) throws -> Void)?

        init(_ sql: String, backfill: (@Sendable (SQLiteConnection) throws -> Void)? = nil) {
            self.sql = sql
            self.backfill = backfill
        }

        init(stringLiteral sql: String) {
            self.init(sql)
        }
    }

    /// Each entry moves the schema one version up; entries are never edited once released.
    static let migrations: [Migration] = [
        """
        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            as_of TEXT NOT NULL,
            status TEXT NOT NULL,
            report TEXT
        );
        CREATE TABLE application_versions (
            application_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            registration_no TEXT NOT NULL,
            status TEXT NOT NULL,
            submitted_at TEXT NOT NULL,
            document TEXT NOT NULL,
            first_run_id INTEGER NOT NULL REFERENCES runs(id),
            PRIMARY KEY (application_id, version)
        );
        CREATE TABLE applications (
            application_id TEXT PRIMARY KEY,
            version INTEGER NOT NULL,
            status TEXT NOT NULL,
            registration_no TEXT NOT NULL,
            FOREIGN KEY (application_id, version)
                REFERENCES application_versions(application_id, version)
        );
        CREATE INDEX applications_by_registration ON applications(registration_no);
        CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,
            delivery_date TEXT NOT NULL,
            path TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            UNIQUE (source, delivery_date, fingerprint)
        );
        CREATE TABLE run_deliveries (
            run_id INTEGER NOT NULL REFERENCES runs(id),
            delivery_id INTEGER NOT NULL REFERENCES deliveries(id),
            PRIMARY KEY (run_id, delivery_id)
        );
        CREATE TABLE results (
            id INTEGER PRIMARY KEY,
            application_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            matched_at TEXT NOT NULL,
            social_insurance_outcome TEXT NOT NULL,
            property_outcome TEXT NOT NULL,
            document TEXT NOT NULL,
            UNIQUE (application_id, version, run_id),
            FOREIGN KEY (application_id, version)
                REFERENCES application_versions(application_id, version)
        );
        CREATE TABLE current_results (
            application_id TEXT PRIMARY KEY REFERENCES applications(application_id),
            result_id INTEGER NOT NULL REFERENCES results(id)
        );
        CREATE TABLE refused_inputs (
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id),
            input TEXT NOT NULL,
            line INTEGER,
            reason TEXT NOT NULL,
            raw BLOB
        );
        CREATE INDEX refused_inputs_by_run ON refused_inputs(run_id);
        """,
        // What each result was computed from, so a run can tell which applications' data
        // changed since their last result and match only those.
        """
        ALTER TABLE results ADD COLUMN inputs TEXT;
        ALTER TABLE current_results ADD COLUMN inputs TEXT;
        """,
        // Everyone named on every application version, by the lookup key of their ID number,
        // so support can find an application from any family member's number; and versions
        // by 报名号. The key table is filled from the stored documents of older stores.
        Migration(
            """
            CREATE TABLE application_people (
                id_key TEXT NOT NULL,
                application_id TEXT NOT NULL,
                version INTEGER NOT NULL,
                PRIMARY KEY (id_key, application_id, version),
                FOREIGN KEY (application_id, version)
                    REFERENCES application_versions(application_id, version)
            ) WITHOUT ROWID;
            CREATE INDEX application_versions_by_registration
                ON application_versions(registration_no);
            """,
            backfill: MatcherStore.indexPeopleOfStoredVersions
        ),
        // Nothing looks applications up by 报名号 in this table: support finds them through
        // `application_versions_by_registration`, and the index cost every stored version
        // an insert.
        "DROP INDEX applications_by_registration;",
    ]

    /// Brings the schema up to the newest version; safe when several processes open one new
    /// store at the same time.
    static func migrate(_ database: SQLiteConnection) throws {
        let found = try database.userVersion()
        // A newer matcher may have changed what the tables mean; writing to them with this
        // one's idea of them could corrupt what it stored.
        guard found <= migrations.count else {
            throw StoreError(
                .unavailable,
                "the store was written by a newer matcher (schema \(found), this one knows "
                    + "\(migrations.count)); use that version"
            )
        }
        // A store already up to date needs no write lock, so opening it does not wait for a
        // run that is writing.
        guard found < migrations.count else { return }
        try database.transaction {
            // Read again under the write lock: another process may have migrated while this
            // one waited at BEGIN, and running the migrations twice would fail on CREATE.
            let current = try database.userVersion()
            for (index, migration) in migrations.enumerated() where index >= current {
                try database.execute(migration.sql)
                try migration.backfill?(database)
            }
            if current < migrations.count {
                try database.setUserVersion(migrations.count)
            }
        }
    }
}

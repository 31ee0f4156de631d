import CSQLite
import Foundation

/// An open connection to one SQLite database file.
///
/// Opening a writable connection switches the database to write-ahead logging
/// (`journal_mode=WAL`) with `synchronous=NORMAL`, and every connection enforces foreign keys.
///
/// Durability: in WAL mode with `synchronous=NORMAL` a committed transaction is written to the
/// WAL file before `COMMIT` returns, and SQLite syncs the WAL at checkpoints. A process killed at
/// any instant (including `kill -9`) therefore leaves the database consistent and every committed
/// transaction intact, because the operating system still holds the written pages. Only a power
/// loss or kernel crash can undo the last few commits (never corrupt the file); surviving that
/// would need `synchronous=FULL`, one `fsync` per commit, which this project does not need.
/// A connection may leave WAL for a rollback journal for one transaction (see
/// ``useRollbackJournal()``), which is as safe against a killed process: the next writer
/// rolls the journal back.
///
/// Threading: a connection is not `Sendable`, so the compiler keeps it in one isolation domain.
/// It is opened with `SQLITE_OPEN_NOMUTEX` because that confinement makes SQLite's own
/// per-connection mutex redundant. Use one connection per task or actor that needs the database.
public final class SQLiteConnection {
    /// The path the connection was opened with.
    public let path: String

    /// Whether the connection was opened read-only.
    public let isReadOnly: Bool

    let handle: OpaquePointer

    /// Opens (and, unless read-only, creates) the database at `path`.
    ///
    /// - Parameters:
    ///   - path: A file path; `":memory:"` opens a private in-memory database, which cannot use
    ///     WAL and keeps SQLite's in-memory journal instead.
    ///   - readOnly: Opens without write access. The file must exist; reading a WAL database
    ///     read-only also needs its `-shm` file or a writable directory, as SQLite requires.
    ///   - busyTimeout: How long a statement waits for another connection's lock before failing
    ///     with `SQLiteError.Code.busy`; opening waits as long for another connection that is
    ///     switching the same new file to WAL.
    /// - Throws: `SQLiteError` when the file cannot be opened or configured.
    public init(
        path: String,
        readOnly: Bool = false,
        busyTimeout: Duration = .seconds(5)
    ) throws {
        var flags = SQLITE_OPEN_NOMUTEX
        if readOnly {
            flags |= SQLITE_OPEN_READONLY
        } else {
            flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        }

        var opened: OpaquePointer?
        let resultCode = sqlite3_open_v2(path, &opened, flags, nil)
        guard resultCode == SQLITE_OK, let opened else {
            var error = SQLiteError.last(on: opened, resultCode: resultCode, sql: nil)
            error.message += " (path: \(path))"
            // SQLite returns a handle even when opening fails; it must still be released.
            sqlite3_close_v2(opened)
            throw error
        }

        self.path = path
        self.isReadOnly = readOnly
        self.handle = opened
        // From here on a thrown error runs deinit, which closes the handle.

        sqlite3_busy_timeout(handle, Self.milliseconds(busyTimeout))
        if !readOnly && !Self.isInMemory(path) {
            // Only a database with nothing in it yet takes a page size; an existing one
            // keeps its own, and SQLite ignores the pragma.
            try execute("PRAGMA page_size = \(Self.pageSize)")
            try enableWriteAheadLog(waitingUpTo: busyTimeout)
        }
        try execute("PRAGMA foreign_keys = ON")
        // A night's commit writes a province's results in one transaction; with SQLite's
        // default cache of 2 MB its pages spill to the log and are read back hundreds of
        // thousands of times. The cache only grows as pages are used.
        try execute("PRAGMA cache_size = -\(Self.cacheKibibytes)")
    }

    /// The page cache of a connection, in KiB: 128 MiB.
    static let cacheKibibytes = 131_072

    /// The page size of a new database: 16 KiB. A stored document is about a kilobyte, so
    /// SQLite's default of 4 KiB holds three to a page and splits pages all night; larger
    /// pages hold more rows and split less.
    static let pageSize = 16_384

    deinit {
        // Statements keep their connection alive, so none is left to finalize here.
        sqlite3_close_v2(handle)
    }

    /// The row ID of the most recent successful `INSERT` on this connection.
    public var lastInsertRowID: Int64 {
        sqlite3_last_insert_rowid(handle)
    }

    /// The number of rows changed by the most recent `INSERT`, `UPDATE` or `DELETE`.
    public var changes: Int {
        Int(sqlite3_changes64(handle))
    }

    /// Whether a transaction is open on this connection.
    public var isInTransaction: Bool {
        sqlite3_get_autocommit(handle) == 0
    }

    /// Runs one or more SQL statements separated by semicolons, discarding any rows.
    ///
    /// Meant for schema scripts and fixed statements; use ``prepare(_:)`` with bound values for
    /// anything that carries data. Statements before a failing one stay applied unless the
    /// script runs inside ``transaction(_:)``.
    ///
    /// - Throws: `SQLiteError` from the first failing statement, or with code
    ///   `SQLiteError.Code.misuse` when a statement has `?` parameters.
    public func execute(_ sql: String) throws {
        try sql.withCString { start in
            var next: UnsafePointer<CChar>? = start
            while let current = next, current.pointee != 0 {
                var statement: OpaquePointer?
                let resultCode = sqlite3_prepare_v2(handle, current, -1, &statement, &next)
                guard resultCode == SQLITE_OK else {
                    throw SQLiteError.last(on: handle, resultCode: resultCode, sql: sql)
                }
                // A nil statement means only whitespace or a comment was left.
                guard let statement else {
                    continue
                }
                defer { sqlite3_finalize(statement) }
                // Parameters here could only ever be NULL, so they are certainly a mistake.
                guard sqlite3_bind_parameter_count(statement) == 0 else {
                    throw SQLiteError(
                        code: SQLITE_MISUSE,
                        message: "execute(_:) takes no parameters; use prepare(_:) to bind values",
                        sql: sql
                    )
                }

                var stepCode = sqlite3_step(statement)
                while stepCode == SQLITE_ROW {
                    stepCode = sqlite3_step(statement)
                }
                guard stepCode == SQLITE_DONE else {
                    let failing = sqlite3_sql(statement).map { String(cString: $0) }
                    throw SQLiteError.last(on: handle, resultCode: stepCode, sql: failing ?? sql)
                }
            }
        }
    }

    /// Compiles one SQL statement for repeated use.
    ///
    /// - Throws: `SQLiteError` for invalid SQL, or with code `SQLiteError.Code.misuse` when
    ///   `sql` holds no statement or more than one.
    public func prepare(_ sql: String) throws -> SQLiteStatement {
        let statement: OpaquePointer = try sql.withCString { start in
            var statement: OpaquePointer?
            var tail: UnsafePointer<CChar>?
            let resultCode = sqlite3_prepare_v2(handle, start, -1, &statement, &tail)
            guard resultCode == SQLITE_OK else {
                throw SQLiteError.last(on: handle, resultCode: resultCode, sql: sql)
            }
            guard let statement else {
                throw SQLiteError(
                    code: SQLITE_MISUSE,
                    message: "no SQL statement to prepare",
                    sql: sql
                )
            }
            if let tail, containsStatement(tail) {
                sqlite3_finalize(statement)
                throw SQLiteError(
                    code: SQLITE_MISUSE,
                    message: "prepare accepts one statement; use execute(_:) for several",
                    sql: sql
                )
            }
            return statement
        }
        return SQLiteStatement(handle: statement, connection: self, sql: sql)
    }

    /// Runs `body` inside `BEGIN IMMEDIATE` ... `COMMIT`, rolling back if anything throws.
    ///
    /// `IMMEDIATE` takes the write lock up front, so a second writer waits for the busy timeout
    /// at `BEGIN` instead of failing halfway through the body. Transactions do not nest: calling
    /// this from inside `body` throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        let result: T
        do {
            result = try body()
            try execute("COMMIT")
        } catch {
            rollbackAfterFailure()
            throw error
        }
        return result
    }

    /// Reads `PRAGMA user_version`, the schema version that migrations maintain.
    public func userVersion() throws -> Int {
        let statement = try prepare("PRAGMA user_version")
        return try statement.rows { try $0.int(0) }.first ?? 0
    }

    /// Sets `PRAGMA user_version`, which SQLite stores as a signed 32-bit integer.
    ///
    /// Call it inside the migration's transaction so the schema change and the version number
    /// commit together.
    public func setUserVersion(_ version: Int) throws {
        guard let value = Int32(exactly: version) else {
            throw SQLiteError(
                code: SQLITE_RANGE,
                message: "user_version must fit in a signed 32-bit integer"
            )
        }
        // PRAGMA takes no bound parameters; the value is a checked integer, not user text.
        try execute("PRAGMA user_version = \(value)")
    }
}

@available(*, unavailable)
extension SQLiteConnection: Sendable {}

extension SQLiteConnection {
    /// Switches to WAL, retrying while another connection is switching the same new file.
    ///
    /// When two connections open a new file at once, both hold a read lock and want the
    /// exclusive one the switch needs; SQLite then answers `SQLITE_BUSY` at once instead of
    /// calling the busy handler, because waiting could deadlock both. The other connection's
    /// switch finishes quickly, so trying again is what the busy timeout would have done.
    ///
    /// A writer in the middle of a transaction with a rollback journal (see
    /// ``useRollbackJournal()``) blocks the switch until it commits, which may take the
    /// length of a night: a connection opened meanwhile reads in rollback mode instead, as
    /// SQLite allows, and the file is back in WAL once that writer is done.
    private func enableWriteAheadLog(waitingUpTo timeout: Duration) throws {
        let statement = try prepare("PRAGMA journal_mode = WAL")
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var mode: String?
        while true {
            do {
                mode = try statement.rows { try $0.string(0) }.first ?? nil
                break
            } catch let error as SQLiteError where error.code == SQLITE_BUSY {
                if FileManager.default.fileExists(atPath: path + "-journal") {
                    try execute("PRAGMA synchronous = NORMAL")
                    return
                }
                guard clock.now < deadline else { throw error }
                sqlite3_sleep(5)
            }
        }
        guard mode?.lowercased() == "wal" else {
            throw SQLiteError(
                code: SQLITE_ERROR,
                message: "could not switch to WAL journal mode (got \(mode ?? "nothing"))",
                sql: statement.sql
            )
        }
        try execute("PRAGMA synchronous = NORMAL")
    }

    /// Leaves WAL for a rollback journal, when no other connection has the file open;
    /// returns whether it did.
    ///
    /// In WAL every page a transaction writes is written twice: to the log at the commit,
    /// and into the database at the checkpoint after it. Pages that were not in the file
    /// when the transaction began need no journal in rollback mode, so a transaction that
    /// mostly adds pages, as a store's first night does, writes each page once. The price
    /// is that readers wait while the commit writes, and cannot open a read at all once the
    /// writer has had to spill pages to the file; so this is meant for a store that has
    /// nothing to read yet.
    public func useRollbackJournal() -> Bool {
        guard !isReadOnly, !Self.isInMemory(path), !isInTransaction else { return false }
        // SQLite refuses the switch with SQLITE_BUSY while another connection has the file
        // open in WAL; the caller then simply goes on in WAL.
        let mode = try? prepare("PRAGMA journal_mode = DELETE").rows { try $0.string(0) }
        return mode?.first??.lowercased() == "delete"
    }

    /// Returns to WAL after ``useRollbackJournal()``; returns whether it did. When another
    /// connection is reading just then, the file stays in rollback mode until the next
    /// connection opens it, which switches it back.
    @discardableResult
    public func resumeWriteAheadLog() -> Bool {
        guard !isInTransaction else { return false }
        let mode = try? prepare("PRAGMA journal_mode = WAL").rows { try $0.string(0) }
        return mode?.first??.lowercased() == "wal"
    }

    /// Whether SQL text after a prepared statement holds another statement, not just a comment.
    private func containsStatement(_ text: UnsafePointer<CChar>) -> Bool {
        var statement: OpaquePointer?
        let resultCode = sqlite3_prepare_v2(handle, text, -1, &statement, nil)
        defer { sqlite3_finalize(statement) }
        guard resultCode == SQLITE_OK else {
            return true
        }
        return statement != nil
    }

    /// Ends a failed transaction unless SQLite already rolled it back.
    ///
    /// Some errors (a full disk, an interrupt) roll back on their own; a second `ROLLBACK` would
    /// fail and hide the error that matters, so its own failure is ignored.
    private func rollbackAfterFailure() {
        if isInTransaction {
            try? execute("ROLLBACK")
        }
    }

    private static func isInMemory(_ path: String) -> Bool {
        path == ":memory:" || path.isEmpty
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        let total = seconds.multipliedReportingOverflow(by: 1000)
        guard !total.overflow else {
            return Int32.max
        }
        return Int32(clamping: total.partialValue + attoseconds / 1_000_000_000_000_000)
    }
}

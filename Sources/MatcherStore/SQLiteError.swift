import CSQLite

/// A failure reported by SQLite or by the wrapper around it.
///
/// The message is SQLite's own (`sqlite3_errmsg`) when SQLite reported the failure. Values bound
/// to a statement never appear in the message or the description, because they may be personal
/// data; the SQL text does, so build SQL with `?` placeholders and never interpolate values.
public struct SQLiteError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The primary result code, such as `SQLiteError.Code.constraint`.
    public var code: Int32

    /// The extended result code, such as 2067 (`SQLITE_CONSTRAINT_UNIQUE`); equals `code`
    /// when SQLite gave no finer detail.
    public var extendedCode: Int32

    /// What went wrong, in SQLite's words where SQLite reported it.
    public var message: String

    /// The SQL being prepared or run, if any.
    public var sql: String?

    /// Creates an error from its parts.
    public init(code: Int32, extendedCode: Int32? = nil, message: String, sql: String? = nil) {
        self.code = code
        self.extendedCode = extendedCode ?? code
        self.message = message
        self.sql = sql
    }

    /// `SQLite error <extended code>: <message> (SQL: <sql>)`, with no bound values.
    public var description: String {
        var text = "SQLite error \(extendedCode): \(message)"
        if let sql {
            text += " (SQL: \(sql))"
        }
        return text
    }
}

extension SQLiteError {
    /// Primary result codes that callers commonly branch on.
    ///
    /// Kept as plain `Int32` constants so callers need not import the C module.
    public enum Code {
        /// A generic error, such as an SQL syntax error.
        public static let error: Int32 = SQLITE_ERROR

        /// Another connection held a lock for longer than the busy timeout.
        public static let busy: Int32 = SQLITE_BUSY

        /// A write was attempted on a read-only connection or file.
        public static let readOnly: Int32 = SQLITE_READONLY

        /// The database file could not be opened.
        public static let cantOpen: Int32 = SQLITE_CANTOPEN

        /// A UNIQUE, NOT NULL, CHECK, PRIMARY KEY or FOREIGN KEY constraint failed.
        public static let constraint: Int32 = SQLITE_CONSTRAINT

        /// A stored value does not have the type the caller asked for.
        public static let mismatch: Int32 = SQLITE_MISMATCH

        /// The API was used in a way SQLite forbids.
        public static let misuse: Int32 = SQLITE_MISUSE

        /// A parameter or column index is out of range, or the wrong number of values was bound.
        public static let range: Int32 = SQLITE_RANGE
    }
}

extension SQLiteError {
    /// Reads the most recent error recorded on a connection handle.
    ///
    /// `sqlite3_errmsg` is only meaningful right after the failing call, so callers build this
    /// error before issuing any other SQLite call on the same handle.
    static func last(on handle: OpaquePointer?, resultCode: Int32, sql: String?) -> SQLiteError {
        // Trust the handle's extended code only when it describes this same failure.
        var extended = resultCode
        if let handle, sqlite3_extended_errcode(handle) & 0xFF == resultCode & 0xFF {
            extended = sqlite3_extended_errcode(handle)
        }
        let message: String
        if let handle, let text = sqlite3_errmsg(handle) {
            message = String(cString: text)
        } else if let text = sqlite3_errstr(resultCode) {
            message = String(cString: text)
        } else {
            message = "unknown error"
        }
        return SQLiteError(
            code: resultCode & 0xFF,
            extendedCode: extended,
            message: message,
            sql: sql
        )
    }
}

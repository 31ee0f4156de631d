import CSQLite
import Foundation

/// A compiled SQL statement, reusable with different bound values.
///
/// Parameters are numbered from 1 and columns from 0, as in SQLite. A statement refuses to run
/// while any parameter has never been given a value, so a forgotten binding fails loudly instead
/// of silently storing NULL. The statement is finalized when the last reference goes away.
public final class SQLiteStatement {
    /// The SQL text the statement was prepared from.
    public let sql: String

    let handle: OpaquePointer

    // Kept strongly so the connection cannot close while this statement is alive.
    let connection: SQLiteConnection

    private var isBound: [Bool]
    /// How many parameters have never been given a value; checked before every run.
    private var unboundCount: Int
    /// Whether the statement was stepped since it was last reset.
    private var hasStepped = false

    init(handle: OpaquePointer, connection: SQLiteConnection, sql: String) {
        self.handle = handle
        self.connection = connection
        self.sql = sql
        self.isBound = Array(repeating: false, count: Int(sqlite3_bind_parameter_count(handle)))
        unboundCount = isBound.count
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// The number of `?` parameters in the statement.
    public var parameterCount: Int {
        isBound.count
    }

    /// The number of columns in each result row.
    public var columnCount: Int {
        Int(sqlite3_column_count(handle))
    }

    /// The name of a result column, as SQLite reports it.
    public func columnName(_ column: Int) -> String? {
        guard let index = Int32(exactly: column), column >= 0, column < columnCount else {
            return nil
        }
        return sqlite3_column_name(handle, index).map { String(cString: $0) }
    }

    /// Binds a value to the parameter at `index` (counted from 1); `nil` binds NULL.
    ///
    /// Binding first resets the statement, because SQLite accepts bindings only between runs.
    public func bind(_ value: SQLiteValue, at index: Int) throws {
        guard let position = Int32(exactly: index), index >= 1, index <= parameterCount else {
            throw SQLiteError(
                code: SQLITE_RANGE,
                message: "parameter index \(index) is out of range 1...\(parameterCount)",
                sql: sql
            )
        }
        rewindIfRunning()

        let resultCode: Int32
        switch value {
        case .integer(let number):
            resultCode = sqlite3_bind_int64(handle, position, number)
        case .real(let number):
            resultCode = sqlite3_bind_double(handle, position, number)
        case .text(let text):
            resultCode = bindText(text, at: position)
        case .blob(let bytes):
            resultCode = bindBlob(bytes, at: position)
        case .null:
            resultCode = sqlite3_bind_null(handle, position)
        }
        guard resultCode == SQLITE_OK else {
            throw SQLiteError.last(on: connection.handle, resultCode: resultCode, sql: sql)
        }
        markBound(index)
    }

    /// Binds an `Int`, `Int64`, `Double`, `String`, `Data`, `[UInt8]`, `Bool` or optional.
    public func bind(_ value: some SQLiteValueConvertible, at index: Int) throws {
        try bind(value.sqliteValue, at: index)
    }

    /// Binds text given as its UTF-8 bytes to the parameter at `index`, without making a
    /// `String` of them; the bytes are not checked to be UTF-8.
    public func bind(utf8Text bytes: Data, at index: Int) throws {
        guard let position = Int32(exactly: index), index >= 1, index <= parameterCount else {
            throw SQLiteError(
                code: SQLITE_RANGE,
                message: "parameter index \(index) is out of range 1...\(parameterCount)",
                sql: sql
            )
        }
        rewindIfRunning()
        let resultCode = bytes.withUnsafeBytes { buffer in
            // A nil pointer would bind NULL instead of empty text.
            guard let base = buffer.baseAddress, !buffer.isEmpty else {
                return sqlite3_bind_text64(handle, position, "", 0, transient, UInt8(SQLITE_UTF8))
            }
            return sqlite3_bind_text64(
                handle,
                position,
                base.assumingMemoryBound(to: CChar.self),
                UInt64(buffer.count),
                transient,
                UInt8(SQLITE_UTF8)
            )
        }
        guard resultCode == SQLITE_OK else {
            throw SQLiteError.last(on: connection.handle, resultCode: resultCode, sql: sql)
        }
        markBound(index)
    }

    /// Binds NULL to the parameter at `index`.
    public func bindNull(at index: Int) throws {
        try bind(SQLiteValue.null, at: index)
    }

    /// Binds one value to every parameter, in order.
    ///
    /// - Throws: `SQLiteError` with code `SQLiteError.Code.range` unless there is exactly one
    ///   value per parameter.
    public func bind(_ values: [SQLiteValue]) throws {
        guard values.count == parameterCount else {
            throw SQLiteError(
                code: SQLITE_RANGE,
                message: "statement has \(parameterCount) parameters but \(values.count) "
                    + "values were given",
                sql: sql
            )
        }
        for (offset, value) in values.enumerated() {
            try bind(value, at: offset + 1)
        }
    }

    /// Forgets every bound value, so each parameter must be bound again before the next run.
    public func clearBindings() {
        rewind()
        sqlite3_clear_bindings(handle)
        isBound = Array(repeating: false, count: parameterCount)
        unboundCount = parameterCount
    }

    /// Rewinds the statement so the next ``step()`` runs it again; bindings are kept.
    ///
    /// Any error from the previous run was already thrown by ``step()``, so the result code
    /// `sqlite3_reset` repeats is deliberately ignored.
    public func reset() {
        rewind()
    }

    /// Advances to the next result row.
    ///
    /// - Returns: `true` when a row is available to read, `false` when the statement is done.
    public func step() throws -> Bool {
        if unboundCount > 0, sqlite3_stmt_busy(handle) == 0,
            let unbound = isBound.firstIndex(of: false)
        {
            throw SQLiteError(
                code: SQLITE_RANGE,
                message: "parameter \(unbound + 1) of \(parameterCount) has no bound value",
                sql: sql
            )
        }
        hasStepped = true
        let resultCode = sqlite3_step(handle)
        switch resultCode {
        case SQLITE_ROW:
            return true
        case SQLITE_DONE:
            return false
        default:
            throw SQLiteError.last(on: connection.handle, resultCode: resultCode, sql: sql)
        }
    }

    /// Runs the statement to completion with the given values, discarding any rows.
    ///
    /// With no values the current bindings are used, so a statement bound by index can run too.
    public func run(_ values: SQLiteValue...) throws {
        try run(values)
    }

    /// Runs the statement to completion with the given values, discarding any rows.
    ///
    /// With no values the current bindings are used, so a statement bound by index can run too.
    public func run(_ values: [SQLiteValue]) throws {
        try start(with: values)
        defer { rewind() }
        while try step() {}
    }

    /// Runs the statement with its current bindings and maps every result row.
    ///
    /// The statement is reset afterwards, even when `map` throws, so it holds no read lock
    /// between uses.
    public func rows<T>(_ map: (SQLiteRow) throws -> T) throws -> [T] {
        try rows([], map)
    }

    /// Runs the statement with the given values and maps every result row.
    ///
    /// With no values the current bindings are used. The statement is reset afterwards, even
    /// when `map` throws, so it holds no read lock between uses.
    public func rows<T>(
        _ values: [SQLiteValue],
        _ map: (SQLiteRow) throws -> T
    ) throws -> [T] {
        try start(with: values)
        defer { rewind() }
        var results: [T] = []
        while try step() {
            results.append(try map(SQLiteRow(statement: self)))
        }
        return results
    }
}

@available(*, unavailable)
extension SQLiteStatement: Sendable {}

extension SQLiteStatement {
    private func start(with values: [SQLiteValue]) throws {
        if values.isEmpty {
            rewind()
        } else {
            try bind(values)
        }
    }

    /// SQLite takes bindings only between runs; a statement stepped since its last reset is
    /// rewound first.
    private func rewindIfRunning() {
        if hasStepped {
            rewind()
        }
    }

    /// `sqlite3_reset`, remembering that the statement is back at its start.
    private func rewind() {
        sqlite3_reset(handle)
        hasStepped = false
    }

    private func markBound(_ index: Int) {
        if !isBound[index - 1] {
            isBound[index - 1] = true
            unboundCount -= 1
        }
    }

    private func bindText(_ text: String, at position: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { bytes in
            // A nil pointer would bind NULL instead of empty text.
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                return sqlite3_bind_text64(handle, position, "", 0, transient, UInt8(SQLITE_UTF8))
            }
            return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { characters in
                sqlite3_bind_text64(
                    handle,
                    position,
                    characters,
                    UInt64(bytes.count),
                    transient,
                    UInt8(SQLITE_UTF8)
                )
            }
        }
    }

    private func bindBlob(_ bytes: [UInt8], at position: Int32) -> Int32 {
        bytes.withUnsafeBytes { buffer in
            // A nil pointer would bind NULL instead of an empty blob.
            guard let base = buffer.baseAddress, !buffer.isEmpty else {
                return sqlite3_bind_zeroblob(handle, position, 0)
            }
            return sqlite3_bind_blob64(handle, position, base, UInt64(buffer.count), transient)
        }
    }

    /// `SQLITE_TRANSIENT`: tells SQLite to copy the bytes, since Swift's buffers are only valid
    /// for the duration of the call. The C macro is a cast that Swift cannot import.
    private var transient: sqlite3_destructor_type {
        unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    }
}

import CSQLite
import Foundation

// Column accessors are strict: they read only the storage class they name and throw
// `SQLiteError.Code.mismatch` otherwise, instead of SQLite's silent conversions (NULL to 0,
// text to 0). The one widening allowed is an integer read as a double, which loses nothing
// that SQLite's own REAL affinity would keep. Messages name the column, never its value.
extension SQLiteStatement {
    /// Reads an integer column of the current row.
    public func int64(_ column: Int) throws -> Int64 {
        let index = try checkedColumn(column)
        guard sqlite3_column_type(handle, index) == SQLITE_INTEGER else {
            throw mismatch(column, expected: "an integer")
        }
        return sqlite3_column_int64(handle, index)
    }

    /// Reads an integer column of the current row as an `Int`.
    public func int(_ column: Int) throws -> Int {
        guard let value = Int(exactly: try int64(column)) else {
            throw mismatch(column, expected: "an integer that fits in Int")
        }
        return value
    }

    /// Reads a real or integer column of the current row.
    public func double(_ column: Int) throws -> Double {
        let index = try checkedColumn(column)
        switch sqlite3_column_type(handle, index) {
        case SQLITE_FLOAT, SQLITE_INTEGER:
            return sqlite3_column_double(handle, index)
        default:
            throw mismatch(column, expected: "a number")
        }
    }

    /// Reads a text column of the current row; `nil` when it is NULL.
    public func string(_ column: Int) throws -> String? {
        let index = try checkedColumn(column)
        switch sqlite3_column_type(handle, index) {
        case SQLITE_NULL:
            return nil
        case SQLITE_TEXT:
            // sqlite3_column_bytes must follow sqlite3_column_text to measure the UTF-8 form.
            guard let text = sqlite3_column_text(handle, index) else {
                return ""
            }
            let count = Int(sqlite3_column_bytes(handle, index))
            return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
        default:
            throw mismatch(column, expected: "text")
        }
    }

    /// Reads a text column of the current row as its UTF-8 bytes; `nil` when it is NULL.
    ///
    /// For text that is only handed on as bytes (stored JSON documents), this spares making
    /// a `String` of it and its bytes again.
    public func utf8Text(_ column: Int) throws -> Data? {
        let index = try checkedColumn(column)
        switch sqlite3_column_type(handle, index) {
        case SQLITE_NULL:
            return nil
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(handle, index) else {
                return Data()
            }
            let count = Int(sqlite3_column_bytes(handle, index))
            return Data(bytes: text, count: count)
        default:
            throw mismatch(column, expected: "text")
        }
    }

    /// Reads a blob column of the current row; `nil` when it is NULL.
    public func blob(_ column: Int) throws -> [UInt8]? {
        let index = try checkedColumn(column)
        switch sqlite3_column_type(handle, index) {
        case SQLITE_NULL:
            return nil
        case SQLITE_BLOB:
            // SQLite returns a nil pointer for an empty blob.
            guard let bytes = sqlite3_column_blob(handle, index) else {
                return []
            }
            let count = Int(sqlite3_column_bytes(handle, index))
            return [UInt8](UnsafeRawBufferPointer(start: bytes, count: count))
        default:
            throw mismatch(column, expected: "a blob")
        }
    }

    /// Reads a blob column of the current row as `Data`; `nil` when it is NULL.
    public func data(_ column: Int) throws -> Data? {
        try blob(column).map { Data($0) }
    }

    /// Whether a column of the current row is NULL.
    public func isNull(_ column: Int) throws -> Bool {
        sqlite3_column_type(handle, try checkedColumn(column)) == SQLITE_NULL
    }

    /// Reads a column of the current row in whatever storage class it has.
    public func value(_ column: Int) throws -> SQLiteValue {
        let index = try checkedColumn(column)
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, index))
        case SQLITE_TEXT:
            return .text(try string(column) ?? "")
        case SQLITE_BLOB:
            return .blob(try blob(column) ?? [])
        default:
            return .null
        }
    }
}

extension SQLiteStatement {
    /// Checks that a row is current and has `column`, since SQLite leaves both undefined.
    private func checkedColumn(_ column: Int) throws -> Int32 {
        let available = Int(sqlite3_data_count(handle))
        guard available > 0 else {
            throw SQLiteError(
                code: SQLITE_MISUSE,
                message: "no current row; read columns only after step() returns true",
                sql: sql
            )
        }
        guard let index = Int32(exactly: column), column >= 0, column < available else {
            throw SQLiteError(
                code: SQLITE_RANGE,
                message: "column index \(column) is out of range 0..<\(available)",
                sql: sql
            )
        }
        return index
    }

    private func mismatch(_ column: Int, expected: String) -> SQLiteError {
        let name = columnName(column) ?? "?"
        let actual =
            switch sqlite3_column_type(handle, Int32(truncatingIfNeeded: column)) {
            case SQLITE_INTEGER: "an integer"
            case SQLITE_FLOAT: "a real"
            case SQLITE_TEXT: "text"
            case SQLITE_BLOB: "a blob"
            default: "NULL"
            }
        return SQLiteError(
            code: SQLITE_MISMATCH,
            message: "column \(column) (\(name)) holds \(actual), expected \(expected)",
            sql: sql
        )
    }
}

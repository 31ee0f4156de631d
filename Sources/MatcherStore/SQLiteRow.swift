import Foundation

/// The current result row of a statement, as handed to ``SQLiteStatement/rows(_:_:)``.
///
/// It offers only reading, so a mapping closure cannot step or rebind the statement it is
/// reading from. It is valid only inside that closure.
public struct SQLiteRow {
    let statement: SQLiteStatement

    /// Reads an integer column.
    public func int64(_ column: Int) throws -> Int64 {
        try statement.int64(column)
    }

    /// Reads an integer column as an `Int`.
    public func int(_ column: Int) throws -> Int {
        try statement.int(column)
    }

    /// Reads a real or integer column.
    public func double(_ column: Int) throws -> Double {
        try statement.double(column)
    }

    /// Reads a text column; `nil` when it is NULL.
    public func string(_ column: Int) throws -> String? {
        try statement.string(column)
    }

    /// Reads a text column as its UTF-8 bytes; `nil` when it is NULL.
    public func utf8Text(_ column: Int) throws -> Data? {
        try statement.utf8Text(column)
    }

    /// Reads a blob column; `nil` when it is NULL.
    public func blob(_ column: Int) throws -> [UInt8]? {
        try statement.blob(column)
    }

    /// Reads a blob column as `Data`; `nil` when it is NULL.
    public func data(_ column: Int) throws -> Data? {
        try statement.data(column)
    }

    /// Whether a column is NULL.
    public func isNull(_ column: Int) throws -> Bool {
        try statement.isNull(column)
    }

    /// Reads a column in whatever storage class it has.
    public func value(_ column: Int) throws -> SQLiteValue {
        try statement.value(column)
    }
}

import Foundation
import MatcherStore
import Testing

// Shared fixtures for the SQLite tests, and checks that the fixtures clean up after themselves.

@Test func temporaryDatabaseDirectoryIsRemovedAfterUse() throws {
    let url = try withTemporaryDatabase { connection in
        try connection.execute("CREATE TABLE t (x); INSERT INTO t VALUES (1)")
        return URL(fileURLWithPath: connection.path).deletingLastPathComponent()
    }
    #expect(!FileManager.default.fileExists(atPath: url.path))
}

@Test func temporaryDatabasesAreDistinctFiles() throws {
    let first = try withTemporaryDatabase { $0.path }
    let second = try withTemporaryDatabase { $0.path }
    #expect(first != second)
}

/// A directory of its own under the system temporary directory, removed after the test.
struct TemporaryDirectory {
    let url: URL

    /// The path of a file named `name` inside the directory.
    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    /// The path tests use for their main database.
    var databasePath: String {
        path("test.sqlite")
    }
}

/// Runs `body` with a fresh directory and removes the directory afterwards.
func withTemporaryDirectory<T>(_ body: (TemporaryDirectory) throws -> T) throws -> T {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("matcher-store-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(TemporaryDirectory(url: url))
}

/// Runs `body` with a connection to a new database file in a fresh directory.
///
/// The connection is local to the inner closure, so it is closed before the directory goes.
func withTemporaryDatabase<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
    try withTemporaryDirectory { directory in
        let connection = try SQLiteConnection(path: directory.databasePath)
        return try body(connection)
    }
}

/// Reads the single integer a query returns.
func scalarInt(_ connection: SQLiteConnection, _ sql: String) throws -> Int? {
    try connection.prepare(sql).rows { try $0.int(0) }.first
}

/// Reads the single text value a query returns.
func scalarString(_ connection: SQLiteConnection, _ sql: String) throws -> String? {
    try connection.prepare(sql).rows { try $0.string(0) }.first ?? nil
}

/// An error thrown on purpose to abort a transaction.
struct DeliberateFailure: Error, Equatable {}

import Foundation
import MatcherStore
import Testing

@Test func transactionCommitsAndReturnsBodyResult() throws {
    try withTemporaryDirectory { directory in
        let connection = try SQLiteConnection(path: directory.databasePath)
        try connection.execute("CREATE TABLE t (x)")

        let inserted = try connection.transaction {
            try connection.prepare("INSERT INTO t VALUES (?)").run(1)
            try connection.prepare("INSERT INTO t VALUES (?)").run(2)
            return connection.changes
        }

        #expect(inserted == 1)
        #expect(!connection.isInTransaction)
        let other = try SQLiteConnection(path: directory.databasePath)
        #expect(try scalarInt(other, "SELECT count(*) FROM t") == 2)
    }
}

@Test func transactionRollsBackAndRethrowsWhenBodyThrows() throws {
    try withTemporaryDatabase { connection in
        try connection.execute("CREATE TABLE t (x)")

        #expect(throws: DeliberateFailure.self) {
            try connection.transaction {
                try connection.execute("INSERT INTO t VALUES (1)")
                throw DeliberateFailure()
            }
        }

        #expect(!connection.isInTransaction)
        #expect(try scalarInt(connection, "SELECT count(*) FROM t") == 0)
    }
}

@Test func transactionRollsBackWhenAStatementFails() throws {
    try withTemporaryDatabase { connection in
        try connection.execute("CREATE TABLE t (x UNIQUE)")

        #expect(throws: SQLiteError.self) {
            try connection.transaction {
                let insert = try connection.prepare("INSERT INTO t VALUES (?)")
                try insert.run(1)
                try insert.run(1)
            }
        }

        #expect(try scalarInt(connection, "SELECT count(*) FROM t") == 0)
    }
}

@Test func nestedTransactionIsRefusedWithoutLosingTheOuterOne() throws {
    try withTemporaryDatabase { connection in
        try connection.execute("CREATE TABLE t (x)")

        try connection.transaction {
            try connection.execute("INSERT INTO t VALUES (1)")
            let error = try #require(throws: SQLiteError.self) {
                try connection.transaction {}
            }
            #expect(error.message.contains("within a transaction"))
            #expect(connection.isInTransaction)
        }

        #expect(try scalarInt(connection, "SELECT count(*) FROM t") == 1)
    }
}

/// A miniature of the store's migrations: each step runs once, in order, with its version.
private let migrations: [String] = [
    "CREATE TABLE person (id INTEGER PRIMARY KEY, name TEXT NOT NULL)",
    "ALTER TABLE person ADD COLUMN id_number TEXT",
    "CREATE UNIQUE INDEX person_id_number ON person (id_number)",
]

private func migrate(_ connection: SQLiteConnection) throws -> Int {
    var applied = 0
    for (offset, sql) in migrations.enumerated() where offset >= (try connection.userVersion()) {
        try connection.transaction {
            try connection.execute(sql)
            try connection.setUserVersion(offset + 1)
        }
        applied += 1
    }
    return applied
}

@Test func userVersionDrivesMigrationsExactlyOnce() throws {
    try withTemporaryDirectory { directory in
        let first = try SQLiteConnection(path: directory.databasePath)
        #expect(try first.userVersion() == 0)
        #expect(try migrate(first) == 3)
        #expect(try first.userVersion() == 3)

        let reopened = try SQLiteConnection(path: directory.databasePath)
        #expect(try reopened.userVersion() == 3)
        #expect(try migrate(reopened) == 0)
        try reopened.prepare("INSERT INTO person (name, id_number) VALUES (?, ?)")
            .run("王五", "110101199003074518")
    }
}

@Test func failedMigrationLeavesVersionUnchanged() throws {
    try withTemporaryDatabase { connection in
        try connection.setUserVersion(4)
        #expect(throws: SQLiteError.self) {
            try connection.transaction {
                try connection.setUserVersion(5)
                try connection.execute("ALTER TABLE nowhere ADD COLUMN x")
            }
        }
        #expect(try connection.userVersion() == 4)
    }
}

@Test(arguments: [Int(Int32.max) + 1, Int(Int32.min) - 1])
func userVersionOutsideThirtyTwoBitsIsRejected(version: Int) throws {
    try withTemporaryDatabase { connection in
        let error = try #require(throws: SQLiteError.self) {
            try connection.setUserVersion(version)
        }
        #expect(error.code == SQLiteError.Code.range)
        #expect(try connection.userVersion() == 0)
    }
}

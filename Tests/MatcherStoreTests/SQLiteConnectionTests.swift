import Foundation
import MatcherStore
import Testing

@Test func writableConnectionUsesWriteAheadLog() throws {
    try withTemporaryDirectory { directory in
        let connection = try SQLiteConnection(path: directory.databasePath)
        #expect(try scalarString(connection, "PRAGMA journal_mode") == "wal")

        try connection.execute("CREATE TABLE t (x); INSERT INTO t VALUES (1)")
        #expect(FileManager.default.fileExists(atPath: directory.databasePath + "-wal"))
    }
}

@Test func writableConnectionSyncsNormallyAndEnforcesForeignKeys() throws {
    try withTemporaryDatabase { connection in
        let synchronous = try scalarInt(connection, "PRAGMA synchronous")
        let foreignKeys = try scalarInt(connection, "PRAGMA foreign_keys")
        // 1 is NORMAL: durable against a killed process, see SQLiteConnection.
        #expect(synchronous == 1)
        #expect(foreignKeys == 1)
    }
}

@Test func newDatabaseTakesLargePagesAndAnExistingOneKeepsItsOwn() throws {
    try withTemporaryDirectory { directory in
        let connection = try SQLiteConnection(path: directory.databasePath)
        try connection.execute("CREATE TABLE t (x)")
        #expect(try scalarInt(connection, "PRAGMA page_size") == 16_384)

        let older = directory.databasePath + ".older"
        let raw = try SQLiteConnection(path: ":memory:")
        try raw.execute("VACUUM INTO '\(older)'")
        let reopened = try SQLiteConnection(path: older)
        try reopened.execute("CREATE TABLE t (x)")
        #expect(try scalarInt(reopened, "PRAGMA page_size") == 4_096)
    }
}

@Test func walModePersistsForLaterConnections() throws {
    try withTemporaryDirectory { directory in
        _ = try SQLiteConnection(path: directory.databasePath)
        let reader = try SQLiteConnection(path: directory.databasePath, readOnly: true)
        #expect(try scalarString(reader, "PRAGMA journal_mode") == "wal")
    }
}

@Test func committedDataSurvivesAnAbandonedConnection() throws {
    // Copying the files while a connection is still open captures what a process killed with
    // kill -9 leaves on disk: committed work must be there and the open transaction must not.
    try withTemporaryDirectory { directory in
        let writer = try SQLiteConnection(path: directory.databasePath)
        try writer.execute("CREATE TABLE t (x TEXT)")
        try writer.prepare("INSERT INTO t VALUES (?)").run("committed")
        try writer.execute("BEGIN IMMEDIATE; INSERT INTO t VALUES ('in flight')")

        let copy = directory.path("copy.sqlite")
        try FileManager.default.copyItem(atPath: directory.databasePath, toPath: copy)
        try FileManager.default.copyItem(
            atPath: directory.databasePath + "-wal",
            toPath: copy + "-wal"
        )

        let recovered = try SQLiteConnection(path: copy)
        #expect(try scalarString(recovered, "PRAGMA integrity_check") == "ok")
        let values = try recovered.prepare("SELECT x FROM t").rows { try $0.string(0) }
        #expect(values == ["committed"])
        #expect(writer.isInTransaction)
    }
}

@Test func executeRunsSeveralStatementsAndComments() throws {
    try withTemporaryDatabase { connection in
        try connection.execute(
            """
            -- schema
            CREATE TABLE a (x);
            CREATE TABLE b (y);
            INSERT INTO a VALUES (1); INSERT INTO a VALUES (2);
            SELECT * FROM a; -- rows are discarded
            """
        )
        #expect(try scalarInt(connection, "SELECT count(*) FROM a") == 2)
        #expect(try scalarInt(connection, "SELECT count(*) FROM b") == 0)
    }
}

@Test func executeStopsAtTheFailingStatementAndNamesIt() throws {
    try withTemporaryDatabase { connection in
        let error = try #require(throws: SQLiteError.self) {
            try connection.execute(
                "CREATE TABLE a (x); INSERT INTO missing VALUES (1); DROP TABLE a"
            )
        }
        #expect(error.message.contains("no such table: missing"))
        #expect(try scalarInt(connection, "SELECT count(*) FROM sqlite_schema") == 1)
    }
}

@Test func executeRefusesParametersItCouldNeverBind() throws {
    try withTemporaryDatabase { connection in
        try connection.execute("CREATE TABLE t (x)")
        let error = try #require(throws: SQLiteError.self) {
            try connection.execute("INSERT INTO t VALUES (?)")
        }
        #expect(error.code == SQLiteError.Code.misuse)
        #expect(try scalarInt(connection, "SELECT count(*) FROM t") == 0)
    }
}

@Test func syntaxErrorCarriesSQLiteMessageAndSQL() throws {
    try withTemporaryDatabase { connection in
        let error = try #require(throws: SQLiteError.self) {
            try connection.prepare("SELEC 1")
        }
        #expect(error.code == SQLiteError.Code.error)
        #expect(error.message.contains("syntax error"))
        #expect(error.sql == "SELEC 1")
        #expect(error.description.contains("SELEC 1"))
    }
}

@Test(arguments: ["SELECT 1; SELECT 2", "", "  -- only a comment"])
func prepareRejectsAnythingButOneStatement(sql: String) throws {
    try withTemporaryDatabase { connection in
        let error = try #require(throws: SQLiteError.self) { try connection.prepare(sql) }
        #expect(error.code == SQLiteError.Code.misuse)
    }
}

@Test func prepareAcceptsTrailingSemicolonAndComment() throws {
    try withTemporaryDatabase { connection in
        let statement = try connection.prepare("SELECT 5; -- trailing")
        #expect(try statement.rows { try $0.int(0) } == [5])
    }
}

@Test func lastInsertRowIDAndChangesReportTheLatestWrite() throws {
    try withTemporaryDatabase { connection in
        try connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, x)")
        let insert = try connection.prepare("INSERT INTO t (x) VALUES (?)")
        try insert.run("a")
        try insert.run("b")
        #expect(connection.lastInsertRowID == 2)
        #expect(connection.changes == 1)

        try connection.execute("UPDATE t SET x = 'c'")
        #expect(connection.changes == 2)
    }
}

@Test func readOnlyConnectionReadsButRefusesWrites() throws {
    try withTemporaryDirectory { directory in
        let writer = try SQLiteConnection(path: directory.databasePath)
        try writer.execute("CREATE TABLE t (x); INSERT INTO t VALUES (1)")

        let reader = try SQLiteConnection(path: directory.databasePath, readOnly: true)
        #expect(reader.isReadOnly)
        #expect(try scalarInt(reader, "SELECT x FROM t") == 1)
        let error = try #require(throws: SQLiteError.self) {
            try reader.execute("INSERT INTO t VALUES (2)")
        }
        #expect(error.code == SQLiteError.Code.readOnly)
    }
}

@Test func readOnlyOpenOfMissingFileFailsWithPath() throws {
    try withTemporaryDirectory { directory in
        let path = directory.path("absent.sqlite")
        let error = try #require(throws: SQLiteError.self) {
            try SQLiteConnection(path: path, readOnly: true)
        }
        #expect(error.code == SQLiteError.Code.cantOpen)
        #expect(error.message.contains(path))
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}

@Test func secondWriterGivesUpAfterBusyTimeout() throws {
    try withTemporaryDirectory { directory in
        let first = try SQLiteConnection(path: directory.databasePath)
        try first.execute("CREATE TABLE t (x)")
        let second = try SQLiteConnection(
            path: directory.databasePath,
            busyTimeout: .milliseconds(50)
        )

        try first.transaction {
            let error = try #require(throws: SQLiteError.self) {
                try second.transaction { try second.execute("INSERT INTO t VALUES (1)") }
            }
            #expect(error.code == SQLiteError.Code.busy)
            #expect(!second.isInTransaction)
            try first.execute("INSERT INTO t VALUES (2)")
        }
        #expect(try scalarInt(second, "SELECT x FROM t") == 2)
    }
}

@Test func inMemoryDatabaseOpensWithoutWriteAheadLog() throws {
    let connection = try SQLiteConnection(path: ":memory:")
    try connection.execute("CREATE TABLE t (x); INSERT INTO t VALUES (1)")
    #expect(try scalarString(connection, "PRAGMA journal_mode") == "memory")
    #expect(try scalarInt(connection, "SELECT x FROM t") == 1)
}

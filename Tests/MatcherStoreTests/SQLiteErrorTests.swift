import Foundation
import MatcherStore
import Testing

private let idNumber = "320583199001011234"
private let name = "张三丰"

private let schema = """
    CREATE TABLE person (
        id INTEGER PRIMARY KEY,
        id_number TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL CHECK (length(name) <= 2)
    );
    CREATE TABLE application (
        person_id INTEGER NOT NULL REFERENCES person (id)
    );
    """

/// Asserts that nothing a caller might log from `error` contains the bound personal data.
private func expectNoBoundValues(_ error: SQLiteError) {
    for text in [error.message, error.description, error.sql ?? "", "\(error)"] {
        #expect(!text.contains(idNumber))
        #expect(!text.contains(name))
    }
}

@Test func uniqueViolationReportsConstraintWithoutTheValue() throws {
    try withTemporaryDatabase { connection in
        try connection.execute(schema)
        let insert = try connection.prepare("INSERT INTO person (id_number, name) VALUES (?, ?)")
        try insert.run(.text(idNumber), "王")

        let error = try #require(throws: SQLiteError.self) {
            try insert.run(.text(idNumber), "李")
        }

        #expect(error.code == SQLiteError.Code.constraint)
        #expect(error.extendedCode == 2067)  // SQLITE_CONSTRAINT_UNIQUE
        #expect(error.message.contains("UNIQUE constraint failed: person.id_number"))
        #expect(error.sql == "INSERT INTO person (id_number, name) VALUES (?, ?)")
        expectNoBoundValues(error)
    }
}

@Test func checkViolationReportsConstraintWithoutTheValue() throws {
    try withTemporaryDatabase { connection in
        try connection.execute(schema)
        let error = try #require(throws: SQLiteError.self) {
            try connection.prepare("INSERT INTO person (id_number, name) VALUES (?, ?)")
                .run(.text(idNumber), .text(name))
        }
        #expect(error.code == SQLiteError.Code.constraint)
        #expect(error.message.contains("CHECK constraint failed"))
        expectNoBoundValues(error)
    }
}

@Test func notNullViolationNamesTheColumn() throws {
    try withTemporaryDatabase { connection in
        try connection.execute(schema)
        let error = try #require(throws: SQLiteError.self) {
            try connection.prepare("INSERT INTO person (id_number, name) VALUES (?, ?)")
                .run(.text(idNumber), nil)
        }
        #expect(error.code == SQLiteError.Code.constraint)
        #expect(error.message.contains("NOT NULL constraint failed: person.name"))
        expectNoBoundValues(error)
    }
}

@Test func foreignKeyViolationIsEnforced() throws {
    try withTemporaryDatabase { connection in
        try connection.execute(schema)
        let error = try #require(throws: SQLiteError.self) {
            try connection.prepare("INSERT INTO application (person_id) VALUES (?)").run(99)
        }
        #expect(error.code == SQLiteError.Code.constraint)
        #expect(error.extendedCode == 787)  // SQLITE_CONSTRAINT_FOREIGNKEY
        #expect(error.message.contains("FOREIGN KEY constraint failed"))
    }
}

@Test func typeMismatchNamesColumnButNotValue() throws {
    try withTemporaryDatabase { connection in
        try connection.execute(schema)
        try connection.prepare("INSERT INTO person (id_number, name) VALUES (?, ?)")
            .run(.text(idNumber), "王")
        let select = try connection.prepare("SELECT id_number FROM person")
        #expect(try select.step())
        let error = try #require(throws: SQLiteError.self) { try select.int64(0) }
        #expect(error.message.contains("id_number"))
        expectNoBoundValues(error)
    }
}

@Test func descriptionShowsCodeMessageAndSQL() {
    let error = SQLiteError(
        code: 19,
        extendedCode: 2067,
        message: "UNIQUE constraint failed: t.x",
        sql: "INSERT INTO t VALUES (?)"
    )
    #expect(
        error.description
            == "SQLite error 2067: UNIQUE constraint failed: t.x (SQL: INSERT INTO t VALUES (?))"
    )
    #expect(SQLiteError(code: 5, message: "busy").description == "SQLite error 5: busy")
}

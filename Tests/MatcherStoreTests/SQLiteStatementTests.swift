import Foundation
import MatcherStore
import Testing

// The column has no declared type, so SQLite applies no affinity and stores exactly what was
// bound; that keeps these round trips about the wrapper, not about type conversion.
private let createValues = "CREATE TABLE v (id INTEGER PRIMARY KEY, x)"

/// Stores one value through a bound parameter and returns the statement positioned on it.
private func storeAndSelect(
    _ connection: SQLiteConnection,
    bind: (SQLiteStatement) throws -> Void
) throws -> SQLiteStatement {
    try connection.execute(createValues)
    let insert = try connection.prepare("INSERT INTO v (x) VALUES (?)")
    try bind(insert)
    try insert.run()
    let select = try connection.prepare("SELECT x FROM v")
    try #require(try select.step())
    return select
}

@Test(arguments: [Int.min, -1, 0, 1, 42, Int.max])
func intRoundTrips(value: Int) throws {
    try withTemporaryDatabase { connection in
        let row = try storeAndSelect(connection) { try $0.bind(value, at: 1) }
        #expect(try row.int(0) == value)
        #expect(try row.int64(0) == Int64(value))
        #expect(try row.value(0) == .integer(Int64(value)))
    }
}

@Test(arguments: [Int64.min, Int64.max])
func int64RoundTrips(value: Int64) throws {
    try withTemporaryDatabase { connection in
        let row = try storeAndSelect(connection) { try $0.bind(value, at: 1) }
        #expect(try row.int64(0) == value)
    }
}

@Test(arguments: [0.0, -1.5, Double.pi, 1e-300, Double.greatestFiniteMagnitude, -Double.infinity])
func doubleRoundTrips(value: Double) throws {
    try withTemporaryDatabase { connection in
        let row = try storeAndSelect(connection) { try $0.bind(value, at: 1) }
        #expect(try row.double(0) == value)
        #expect(try row.value(0) == .real(value))
    }
}

@Test(arguments: [
    "",
    "plain ASCII",
    "张三",
    "江苏省苏州市张家港市杨舍镇人民路1号",
    "mixed 王*ming, 320583********123X",
    "emoji 👩‍👩‍👧 and combining é",
    "embedded\u{0}nul",
])
func textRoundTrips(value: String) throws {
    try withTemporaryDatabase { connection in
        let row = try storeAndSelect(connection) { try $0.bind(value, at: 1) }
        #expect(try row.string(0) == value)
        #expect(try row.value(0) == .text(value))
    }
}

@Test(arguments: [
    [UInt8](),
    [0],
    [0, 255, 1, 254, 0],
    (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31) },
])
func blobRoundTrips(value: [UInt8]) throws {
    try withTemporaryDatabase { connection in
        let row = try storeAndSelect(connection) { try $0.bind(value, at: 1) }
        #expect(try row.blob(0) == value)
        #expect(try row.isNull(0) == false)
    }
}

@Test func dataRoundTripsAsBlob() throws {
    let data = Data("身份证 scan bytes".utf8)
    try withTemporaryDatabase { connection in
        let row = try storeAndSelect(connection) { try $0.bind(data, at: 1) }
        #expect(try row.data(0) == data)
        #expect(try row.blob(0) == [UInt8](data))
    }
}

@Test func boolIsStoredAsZeroOrOne() throws {
    try withTemporaryDatabase { connection in
        try connection.execute(createValues)
        try connection.prepare("INSERT INTO v (x) VALUES (?), (?)").run(true, false)
        let values = try connection.prepare("SELECT x FROM v ORDER BY id").rows { try $0.int(0) }
        #expect(values == [1, 0])
    }
}

@Test func nilNullAndNilOptionalAllStoreNull() throws {
    try withTemporaryDatabase { connection in
        try connection.execute(createValues)
        let insert = try connection.prepare("INSERT INTO v (x) VALUES (?)")
        try insert.bind(nil, at: 1)
        try insert.run()
        try insert.bindNull(at: 1)
        try insert.run()
        let missing: String? = nil
        try insert.bind(missing, at: 1)
        try insert.run()
        try insert.run([.null])

        let rows = try connection.prepare("SELECT x FROM v").rows { row in
            (try row.isNull(0), try row.string(0), try row.blob(0), try row.value(0))
        }
        #expect(rows.count == 4)
        for (isNull, text, blob, value) in rows {
            #expect(isNull)
            #expect(text == nil)
            #expect(blob == nil)
            #expect(value == .null)
        }
    }
}

@Test func literalArrayBindsEveryStorageClass() throws {
    try withTemporaryDatabase { connection in
        try connection.execute("CREATE TABLE m (a, b, c, d, e)")
        let values: [SQLiteValue] = [7, 2.5, "王", nil, .blob([1, 2, 3])]
        try connection.prepare("INSERT INTO m VALUES (?, ?, ?, ?, ?)").run(values)

        let read = try connection.prepare("SELECT a, b, c, d, e FROM m").rows { row in
            try (0..<5).map { try row.value($0) }
        }
        #expect(read == [values])
    }
}

@Test func optionalWithValueConvertsToItsValue() {
    let name: String? = "李四"
    let age: Int? = nil
    #expect(SQLiteValue(name) == .text("李四"))
    #expect(SQLiteValue(age) == .null)
    #expect(SQLiteValue(Data([9])) == .blob([9]))
}

@Test func nullColumnIsNotReadAsZero() throws {
    try withTemporaryDatabase { connection in
        let row = try storeAndSelect(connection) { try $0.bindNull(at: 1) }
        let error = #expect(throws: SQLiteError.self) { try row.int(0) }
        #expect(error?.code == SQLiteError.Code.mismatch)
        #expect(error?.message.contains("NULL") == true)
        #expect(throws: SQLiteError.self) { try row.double(0) }
    }
}

@Test func textColumnIsNotReadAsNumberOrBlob() throws {
    try withTemporaryDatabase { connection in
        let row = try storeAndSelect(connection) { try $0.bind("320583199001011234", at: 1) }
        let error = try #require(throws: SQLiteError.self) { try row.int(0) }
        #expect(error.code == SQLiteError.Code.mismatch)
        #expect(error.message.contains("column 0 (x)"))
        #expect(!error.description.contains("320583199001011234"))
        #expect(throws: SQLiteError.self) { try row.blob(0) }
    }
}

@Test func integerColumnIsReadableAsDouble() throws {
    try withTemporaryDatabase { connection in
        let row = try storeAndSelect(connection) { try $0.bind(3, at: 1) }
        #expect(try row.double(0) == 3.0)
        #expect(throws: SQLiteError.self) { try row.string(0) }
    }
}

@Test func readingBeforeStepIsMisuse() throws {
    try withTemporaryDatabase { connection in
        let statement = try connection.prepare("SELECT 1")
        let error = try #require(throws: SQLiteError.self) { try statement.int(0) }
        #expect(error.code == SQLiteError.Code.misuse)
    }
}

@Test func columnIndexOutOfRangeThrows() throws {
    try withTemporaryDatabase { connection in
        let statement = try connection.prepare("SELECT 1, 2")
        #expect(try statement.step())
        #expect(try statement.int(1) == 2)
        let error = try #require(throws: SQLiteError.self) { try statement.int(2) }
        #expect(error.code == SQLiteError.Code.range)
        #expect(throws: SQLiteError.self) { try statement.int(-1) }
    }
}

@Test func stepReportsRowsThenDone() throws {
    try withTemporaryDatabase { connection in
        let statement = try connection.prepare("SELECT 1 UNION ALL SELECT 2")
        #expect(try statement.step())
        #expect(try statement.step())
        #expect(try statement.step() == false)
        statement.reset()
        #expect(try statement.step())
        #expect(try statement.int(0) == 1)
    }
}

@Test func preparedStatementIsReusedForManyRows() throws {
    try withTemporaryDatabase { connection in
        try connection.execute("CREATE TABLE n (k INTEGER PRIMARY KEY, name TEXT NOT NULL)")
        let insert = try connection.prepare("INSERT INTO n (k, name) VALUES (?, ?)")
        try connection.transaction {
            for k in 1...2_000 {
                try insert.run(.integer(Int64(k)), .text("第\(k)号"))
            }
        }
        #expect(try scalarInt(connection, "SELECT count(*) FROM n") == 2_000)
        #expect(try scalarInt(connection, "SELECT sum(k) FROM n") == 2_000 * 2_001 / 2)

        let lookup = try connection.prepare("SELECT name FROM n WHERE k = ?")
        for k in [1, 999, 2_000] {
            #expect(try lookup.rows([.integer(Int64(k))]) { try $0.string(0) } == ["第\(k)号"])
        }
        #expect(try lookup.rows([5_000]) { try $0.string(0) }.isEmpty)
    }
}

@Test func bindingsPersistAcrossRunsUntilCleared() throws {
    try withTemporaryDatabase { connection in
        try connection.execute(createValues)
        let insert = try connection.prepare("INSERT INTO v (x) VALUES (?)")
        try insert.bind("same", at: 1)
        try insert.run()
        try insert.run()
        #expect(try scalarInt(connection, "SELECT count(*) FROM v WHERE x = 'same'") == 2)

        insert.clearBindings()
        let error = try #require(throws: SQLiteError.self) { try insert.run() }
        #expect(error.code == SQLiteError.Code.range)
    }
}

@Test func unboundParameterRefusesToRun() throws {
    try withTemporaryDatabase { connection in
        try connection.execute("CREATE TABLE p (a, b)")
        let insert = try connection.prepare("INSERT INTO p VALUES (?, ?)")
        try insert.bind(1, at: 1)
        let error = try #require(throws: SQLiteError.self) { try insert.run() }
        #expect(error.code == SQLiteError.Code.range)
        #expect(error.message.contains("parameter 2 of 2"))
        #expect(try scalarInt(connection, "SELECT count(*) FROM p") == 0)
    }
}

@Test(arguments: [[SQLiteValue](["only one"]), [1, 2, 3]])
func wrongNumberOfValuesIsRejected(values: [SQLiteValue]) throws {
    try withTemporaryDatabase { connection in
        try connection.execute("CREATE TABLE p (a, b)")
        let insert = try connection.prepare("INSERT INTO p VALUES (?, ?)")
        let error = try #require(throws: SQLiteError.self) { try insert.run(values) }
        #expect(error.code == SQLiteError.Code.range)
        #expect(error.message.contains("2 parameters"))
        #expect(!error.description.contains("only one"))
    }
}

@Test(arguments: [0, 3, -1])
func parameterIndexOutOfRangeIsRejected(index: Int) throws {
    try withTemporaryDatabase { connection in
        let statement = try connection.prepare("SELECT ?, ?")
        let error = try #require(throws: SQLiteError.self) {
            try statement.bind("secret", at: index)
        }
        #expect(error.code == SQLiteError.Code.range)
    }
}

@Test func rowsResetsStatementWhenMappingThrows() throws {
    try withTemporaryDatabase { connection in
        let statement = try connection.prepare("SELECT 1 UNION ALL SELECT 2")
        #expect(throws: DeliberateFailure.self) {
            try statement.rows { _ in throw DeliberateFailure() }
        }
        #expect(try statement.rows { try $0.int(0) } == [1, 2])
    }
}

@Test func columnNamesAndCountsAreReported() throws {
    try withTemporaryDatabase { connection in
        let statement = try connection.prepare("SELECT 1 AS first, ? AS second")
        #expect(statement.parameterCount == 1)
        #expect(statement.columnCount == 2)
        #expect(statement.columnName(1) == "second")
        #expect(statement.columnName(2) == nil)
    }
}

extension SQLiteConnection {
    /// Prepares, binds and runs one statement whose rows are not needed.
    func run(_ sql: String, _ values: [SQLiteValue]) throws {
        try prepare(sql).run(values)
    }

    /// Prepares, binds and runs one query, mapping every row.
    func query<T>(_ sql: String, _ values: [SQLiteValue], _ map: (SQLiteRow) throws -> T)
        throws -> [T]
    {
        try prepare(sql).rows(values, map)
    }
}

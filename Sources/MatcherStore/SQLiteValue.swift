/// One SQLite value, in the five storage classes SQLite itself has.
///
/// Literals build values directly: `[1, 2.5, "王", nil, true]` is a valid `[SQLiteValue]`.
/// Booleans are stored as the integers 0 and 1, as SQLite has no boolean class.
public enum SQLiteValue: Sendable, Hashable {
    /// A 64-bit signed integer.
    case integer(Int64)

    /// An IEEE 754 double. SQLite stores NaN as NULL, so NaN does not round-trip.
    case real(Double)

    /// UTF-8 text.
    case text(String)

    /// Raw bytes.
    case blob([UInt8])

    /// SQL NULL.
    case null
}

extension SQLiteValue {
    /// Creates a value from anything that converts to one, including optionals (`nil` is NULL).
    public init(_ value: some SQLiteValueConvertible) {
        self = value.sqliteValue
    }
}

extension SQLiteValue: ExpressibleByIntegerLiteral {
    /// Creates an integer value.
    public init(integerLiteral value: Int64) {
        self = .integer(value)
    }
}

extension SQLiteValue: ExpressibleByFloatLiteral {
    /// Creates a real value.
    public init(floatLiteral value: Double) {
        self = .real(value)
    }
}

extension SQLiteValue: ExpressibleByStringLiteral {
    /// Creates a text value.
    public init(stringLiteral value: String) {
        self = .text(value)
    }
}

extension SQLiteValue: ExpressibleByBooleanLiteral {
    /// Creates the integer 1 for `true` and 0 for `false`.
    public init(booleanLiteral value: Bool) {
        self = .integer(value ? 1 : 0)
    }
}

extension SQLiteValue: ExpressibleByNilLiteral {
    /// Creates NULL.
    public init(nilLiteral: ()) {
        self = .null
    }
}

/// A problem with a delivery, a mapping or an export that stops it from being used.
///
/// The message says what is wrong and where (source, date, file, line), in words an
/// operator can act on; it never carries personal data.
public struct FeedError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem it is, for programs and tests.
    public enum Code: String, Sendable {
        case mappingUnreadable
        case manifestMissing
        case manifestInvalid
        case fileMissing
        case fileUnlisted
        case rowCountMismatch
        case checksumMismatch
        case headerMissingColumn
        case headerAmbiguous
        case untraceableRow
        case tooManyRefusedRows
        case empty
        case unreadable
        case encoding
        case deliveriesMissing
    }

    public var code: Code
    public var message: String
    public var cause: (any Error)?
    /// The rows a delivery refused for holding too many of them had refused so far, so
    /// that they can still be listed and sent back; at most ``maximumListedRows``.
    public var refusedRows: [RefusedRow] = []
    /// How many rows that delivery had refused, listed or not.
    public var refusedRowCount = 0

    /// How many refused rows a refused delivery lists: enough to show the department what
    /// is wrong, without a file broken throughout filling the report.
    public static let maximumListedRows = 1000

    public init(_ code: Code, _ message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String { message }
}

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

    public init(_ code: Code, _ message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String { message }
}

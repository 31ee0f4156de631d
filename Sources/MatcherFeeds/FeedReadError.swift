import Glibc

/// A failure to read a delivery file: opening or hashing it, splitting its CSV, decoding
/// its text, or decoding its manifest.
///
/// `message` is written for the person who has to act on it: it says what went wrong, where,
/// and what to do. It never quotes field contents, because they are personal data; invalid
/// text is shown only as the few offending bytes in hex.
public struct FeedReadError: Error, Sendable {
    /// What kind of failure this is; compare with the static members, e.g. `.fileNotFound`.
    public struct Code: Hashable, Sendable {
        enum Kind: String, Sendable {
            case fileNotFound
            case permissionDenied
            case notAFile
            case notARegularFile
            case readFailed
            case hashingFailed
            case unterminatedQuote
            case recordTooLarge
            case malformedField
            case invalidText
            case unsupportedEncoding
            case invalidManifest
        }

        let kind: Kind

        /// The file does not exist.
        public static let fileNotFound = Code(kind: .fileNotFound)
        /// The file exists but this process may not read it.
        public static let permissionDenied = Code(kind: .permissionDenied)
        /// The path names a directory, not a file.
        public static let notAFile = Code(kind: .notAFile)
        /// The path names a pipe, socket or device rather than a regular file.
        public static let notARegularFile = Code(kind: .notARegularFile)
        /// Opening or reading the file failed for another reason; see `underlying`.
        public static let readFailed = Code(kind: .readFailed)
        /// OpenSSL could not compute the SHA-256.
        public static let hashingFailed = Code(kind: .hashingFailed)
        /// A quoted field is still open at the end of the file: the file is cut short.
        public static let unterminatedQuote = Code(kind: .unterminatedQuote)
        /// One record is longer than the reader's limit, usually because a quote never closes.
        public static let recordTooLarge = Code(kind: .recordTooLarge)
        /// A record breaks RFC 4180 quoting but was read anyway; only ever a
        /// `CSVRecord.problem`, never thrown.
        public static let malformedField = Code(kind: .malformedField)
        /// Bytes are not valid in the text encoding they were decoded as.
        public static let invalidText = Code(kind: .invalidText)
        /// The encoding is unknown, or the system cannot convert from it.
        public static let unsupportedEncoding = Code(kind: .unsupportedEncoding)
        /// A manifest is not valid JSON, or a field of it is missing or wrong.
        public static let invalidManifest = Code(kind: .invalidManifest)
    }

    /// What kind of failure this is.
    public var code: Code
    /// What went wrong, where, and what to do about it.
    public var message: String
    /// The file concerned, when there is one.
    public var path: String?
    /// The 1-based physical line of the file, when the failure is inside a CSV file.
    public var line: Int?
    /// The offset in bytes from the start of the file (or of the decoded bytes, when `path`
    /// is nil) of the first byte concerned.
    public var byteOffset: Int?
    /// The lower-level error this one reports, if any.
    public var underlying: (any Error)?

    /// Creates an error; `message` should say what to do and where.
    public init(
        code: Code,
        message: String,
        path: String? = nil,
        line: Int? = nil,
        byteOffset: Int? = nil,
        underlying: (any Error)? = nil
    ) {
        self.code = code
        self.message = message
        self.path = path
        self.line = line
        self.byteOffset = byteOffset
        self.underlying = underlying
    }
}

extension FeedReadError.Code: CustomStringConvertible {
    public var description: String { kind.rawValue }
}

extension FeedReadError: CustomStringConvertible {
    public var description: String {
        guard let underlying else {
            return "\(message) [\(code)]"
        }
        return "\(message) [\(code); \(underlying)]"
    }
}

extension FeedReadError {
    /// Describes a failed `open`, `fstat` or `read` with the path and what to check.
    static func fileSystem(_ errorNumber: Int32, path: String, action: String) -> FeedReadError {
        let cause = SystemError(number: errorNumber)
        switch errorNumber {
        case ENOENT, ENOTDIR:
            return FeedReadError(
                code: .fileNotFound,
                message: "There is no file at \(path); check the delivery folder and file name.",
                path: path,
                underlying: cause
            )
        case EACCES, EPERM:
            return FeedReadError(
                code: .permissionDenied,
                message: "\(path) exists but may not be read by this user; fix its permissions.",
                path: path,
                underlying: cause
            )
        case EISDIR:
            return FeedReadError(
                code: .notAFile,
                message: "\(path) is a directory, not a file; point to the file inside it.",
                path: path,
                underlying: cause
            )
        default:
            return FeedReadError(
                code: .readFailed,
                message: "Could not \(action) \(path) (\(cause)); check the disk and try again.",
                path: path,
                underlying: cause
            )
        }
    }

    /// Lists bytes as uppercase hex pairs, e.g. `E9 9D`, for messages about invalid text.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return byte < 0x10 ? "0" + digits : digits
        }
        .joined(separator: " ")
    }
}

/// An `errno` value, kept as the underlying cause of a file-system failure.
struct SystemError: Error, CustomStringConvertible {
    var number: Int32

    var description: String {
        guard let text = strerror(number) else {
            return "errno \(number)"
        }
        return "\(String(cString: text)), errno \(number)"
    }
}

/// Why a run could not be done at all; what it could do despite bad input is in its report.
public struct SyncError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case configuration
        case input
        case store
        case output
        /// Another run holds the store.
        case locked
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

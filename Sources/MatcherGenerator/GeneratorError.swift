import Foundation

/// Why a night could not be generated; the message names what and where, and what to do.
public struct GeneratorError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem it is, for programs and tests.
    public enum Code: String, Sendable {
        /// The counts, rates or encodings asked for cannot make a night.
        case configuration
        /// The rates file cannot be read or holds a name or value that is not allowed.
        case rates
        /// The output folder is not empty and `force` was not given.
        case outputNotEmpty
        /// A file could not be created or written.
        case output
        /// The policy file could not be read.
        case policy
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

/// What a file-system error says, for a person: Foundation's sentence with the system's
/// reason when it has one (`No such file or directory`), not its domain and dictionary.
func readableReason(_ error: any Error) -> String {
    let bridged = error as NSError
    // The project's own errors describe themselves; only Foundation's need translating.
    guard bridged.domain == NSCocoaErrorDomain || bridged.domain == NSPOSIXErrorDomain else {
        return String(describing: error)
    }
    if bridged.domain == NSPOSIXErrorDomain, let reason = strerror(Int32(bridged.code)) {
        return String(cString: reason)
    }
    let error = bridged
    if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError,
        underlying.domain == NSPOSIXErrorDomain, let reason = strerror(Int32(underlying.code))
    {
        return String(cString: reason)
    }
    return error.localizedDescription
}

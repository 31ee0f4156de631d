import Foundation

/// Why a night could not be generated; the message names what and where, and what to do.
public struct GeneratorError: Error, Sendable, CustomStringConvertible {
    /// What kind of problem it is, for programs and tests.
    public enum Code: String, Sendable {
        /// The day, counts, rates or encodings asked for cannot make a night: the command
        /// line must change.
        case configuration
        /// The rates file cannot be read or holds a name or value that is not allowed.
        case rates
        /// The output folder is not empty and `force` was not given.
        case outputNotEmpty
        /// Another generator is writing into the output folder.
        case outputInUse
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

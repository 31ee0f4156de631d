import Foundation

/// Formats and writes the records of a ``Logger``.
///
/// A handler must pass every record through ``LogRecord/masked()`` before it formats it,
/// so that no handler writes an unmasked ID number, whoever logged it.
public protocol LogHandler: Sendable {
    /// Formats `record` and writes it as one line.
    func write(_ record: LogRecord)
}

/// Drops every record: the handler of ``Logger/silent``.
public struct SilentLogHandler: LogHandler {
    /// Creates the handler.
    public init() {}

    /// Does nothing.
    public func write(_ record: LogRecord) {}
}

/// Where a handler's lines go: a closure that writes one line, without its line break.
public typealias LogOutput = @Sendable (String) -> Void

/// The outputs handlers use.
public enum LogOutputs {
    /// Standard error, one write per line, so lines of concurrent writers never interleave
    /// within a line.
    public static let standardError: LogOutput = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

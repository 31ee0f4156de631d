import Foundation
import MatcherCore

/// Writes what a run is doing as records with a level, a message and key-value metadata.
///
/// Shaped like swift-log's logger: a value that carries its metadata (one logger per run,
/// with the run's id under `run.id`) and hands every record at or above ``logLevel`` to one
/// ``LogHandler``, which formats and writes it. Metadata keys are dotted, lower-case words:
/// `run.id`, `phase`, `applications.count`.
///
/// Messages say what happens in words; numbers go into metadata. Handlers mask any run of
/// more than five digits in a message, so a count written into the message would show as
/// `*****00`.
public struct Logger: Sendable {
    /// How much a record matters, from the least to the most.
    public enum Level: Int, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
        /// Detail for whoever debugs the matcher: times of steps, choices made on the way.
        /// Not written by default.
        case debug
        /// The steps of a normal run: a phase starts, a delivery is used.
        case info
        /// A normal event an operator should see even in a short log: a run ends, the
        /// schedule starts or stops.
        case notice
        /// Something was refused or left pending, and the run went on: a refused line or
        /// delivery, a stale delivery, a source with no usable delivery.
        case warning
        /// The run could not do its work: it failed and stored nothing.
        case error

        /// The level's name as logs write it: `info`, `warning`.
        public var description: String {
            switch self {
            case .debug: "debug"
            case .info: "info"
            case .notice: "notice"
            case .warning: "warning"
            case .error: "error"
            }
        }

        public static func < (lhs: Level, rhs: Level) -> Bool {
            lhs.rawValue < rhs.rawValue
        }
    }

    /// One metadata value: text or a number.
    ///
    /// Handlers mask digit runs in text values (as in messages) but not in numbers: a
    /// number's type says it is a count, an id or a duration, never a person's data.
    public enum MetadataValue: Sendable, Hashable, CustomStringConvertible,
        ExpressibleByStringLiteral, ExpressibleByStringInterpolation,
        ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral
    {
        case string(String)
        case integer(Int64)
        case double(Double)

        public init(stringLiteral value: String) {
            self = .string(value)
        }

        public init(integerLiteral value: Int64) {
            self = .integer(value)
        }

        public init(floatLiteral value: Double) {
            self = .double(value)
        }

        /// A count, as an integer value.
        public static func count(_ value: Int) -> MetadataValue {
            .integer(Int64(value))
        }

        /// The value as text: a string as it is, a double with at most three decimals.
        public var description: String {
            switch self {
            case .string(let text): text
            case .integer(let number): String(number)
            case .double(let number): Self.text(of: number)
            }
        }

        /// Three decimals are a millisecond for durations, and enough for any ratio.
        static func text(of number: Double) -> String {
            guard number.isFinite else { return String(describing: number) }
            let rounded = (number * 1000).rounded() / 1000
            return rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
        }
    }

    /// Key-value pairs attached to a record; keys are dotted words such as `run.id`.
    public typealias Metadata = [String: MetadataValue]

    /// Where records go.
    public var handler: any LogHandler

    /// Records below this level are dropped before they are formatted.
    public var logLevel: Level

    /// Added to every record of this logger; a record's own metadata wins on a shared key.
    public var metadata: Metadata

    /// Creates a logger that hands records at or above `logLevel` to `handler`.
    public init(handler: any LogHandler, logLevel: Level = .info, metadata: Metadata = [:]) {
        self.handler = handler
        self.logLevel = logLevel
        self.metadata = metadata
    }

    /// A logger that writes nothing, for tests and for callers that do not log.
    public static var silent: Logger {
        Logger(handler: SilentLogHandler())
    }

    /// One metadata value of this logger.
    public subscript(metadataKey key: String) -> MetadataValue? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Writes a record when `level` is at or above ``logLevel``.
    ///
    /// The message and metadata are built only when the record is written.
    public func log(
        _ level: Level,
        _ message: @autoclosure () -> String,
        metadata extra: @autoclosure () -> Metadata = [:]
    ) {
        guard level >= logLevel else { return }
        let merged = metadata.merging(extra()) { _, own in own }
        handler.write(LogRecord(level: level, message: message(), metadata: merged))
    }

    /// Writes a ``Level/debug`` record.
    public func debug(
        _ message: @autoclosure () -> String,
        metadata: @autoclosure () -> Metadata = [:]
    ) {
        log(.debug, message(), metadata: metadata())
    }

    /// Writes an ``Level/info`` record.
    public func info(
        _ message: @autoclosure () -> String,
        metadata: @autoclosure () -> Metadata = [:]
    ) {
        log(.info, message(), metadata: metadata())
    }

    /// Writes a ``Level/notice`` record.
    public func notice(
        _ message: @autoclosure () -> String,
        metadata: @autoclosure () -> Metadata = [:]
    ) {
        log(.notice, message(), metadata: metadata())
    }

    /// Writes a ``Level/warning`` record.
    public func warning(
        _ message: @autoclosure () -> String,
        metadata: @autoclosure () -> Metadata = [:]
    ) {
        log(.warning, message(), metadata: metadata())
    }

    /// Writes an ``Level/error`` record.
    public func error(
        _ message: @autoclosure () -> String,
        metadata: @autoclosure () -> Metadata = [:]
    ) {
        log(.error, message(), metadata: metadata())
    }
}

/// One record as a logger hands it to its handler.
public struct LogRecord: Sendable, Hashable {
    public var level: Logger.Level
    public var message: String
    /// The logger's metadata merged with the record's own.
    public var metadata: Logger.Metadata

    /// Creates a record.
    public init(level: Logger.Level, message: String, metadata: Logger.Metadata = [:]) {
        self.level = level
        self.message = message
        self.metadata = metadata
    }

    /// The record with every run of more than five digits in its message and its text
    /// values hidden (``Mask/digitRuns(in:)``).
    ///
    /// Messages and values are written by the code, not typed by people, and should never
    /// hold personal data; this is the net under that rule, because a log line outlives the
    /// mistake that put an ID number into it.
    public func masked() -> LogRecord {
        var copy = self
        copy.message = Mask.digitRuns(in: message)
        copy.metadata = metadata.mapValues { value in
            guard case .string(let text) = value else { return value }
            return .string(Mask.digitRuns(in: text))
        }
        return copy
    }
}

import Foundation

/// Writes each record as one JSON object on one line (JSON Lines), for a log collector:
/// `{"ts":"2023-05-10T01:30:00+08:00","level":"info","message":"reading deliveries",
/// "phase":"read.deliveries","run.id":7}`.
///
/// `ts`, `level` and `message` come first; then the metadata, sorted by key, each key as
/// it is (dotted keys are not nested). A metadata key that is one of those three is written
/// as `metadata.KEY`, so it never hides them. Numbers are JSON numbers; a number that is not
/// finite is `null`.
public struct JSONLogHandler: LogHandler {
    let output: LogOutput
    let now: @Sendable () -> Date

    /// The keys every line has.
    static let reservedKeys: Set<String> = ["ts", "level", "message"]

    /// Creates a handler writing to `output`, with the time from `now`.
    public init(
        output: @escaping LogOutput = LogOutputs.standardError,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.output = output
        self.now = now
    }

    /// Writes the masked record as one line.
    public func write(_ record: LogRecord) {
        output(line(for: record.masked()))
    }

    /// The line of an already masked record.
    func line(for record: LogRecord) -> String {
        var members = [
            Self.string("ts") + ":" + Self.string(Timestamp.text(now())),
            Self.string("level") + ":" + Self.string(record.level.description),
            Self.string("message") + ":" + Self.string(record.message),
        ]
        for (key, value) in record.metadata.sorted(by: { $0.key < $1.key }) {
            let name = Self.reservedKeys.contains(key) ? "metadata." + key : key
            members.append(Self.string(name) + ":" + Self.json(value))
        }
        return "{" + members.joined(separator: ",") + "}"
    }

    static func json(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let text): string(text)
        case .integer(let number): String(number)
        case .double(let number): number.isFinite ? value.description : "null"
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped, the rest
    /// written as UTF-8 (Chinese stays readable).
    static func string(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                result += "\\u" + hex4(scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

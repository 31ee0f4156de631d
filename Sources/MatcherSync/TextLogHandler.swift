import Foundation

/// Writes each record as one line of text for a person:
/// `2023-05-10T01:30:00+08:00 info [run 7] reading deliveries phase=read.deliveries`.
///
/// The time is ISO 8601 in China Standard Time, as in every time the service writes. The
/// run's id, when the logger carries one, comes first as `[run 7]`; the other metadata
/// follow the message as `key=value`, sorted by key, a value in quotes when it holds a
/// space, a quote or an equals sign. Line breaks in a message are written as `\n`, so one
/// record is always one line.
public struct TextLogHandler: LogHandler {
    let output: LogOutput
    let now: @Sendable () -> Date

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
        var line = Timestamp.text(now()) + " " + record.level.description
        if let run = record.metadata["run.id"] {
            line += " [run \(run)]"
        }
        line += " " + Self.oneLine(record.message)
        for (key, value) in record.metadata.sorted(by: { $0.key < $1.key }) where key != "run.id" {
            line += " " + key + "=" + Self.quotedIfNeeded(value.description)
        }
        return line
    }

    static func oneLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: "\\r")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    /// A value as it can be split again: bare when it is one plain word, else quoted with
    /// its quotes and backslashes escaped.
    static func quotedIfNeeded(_ value: String) -> String {
        let plain =
            !value.isEmpty
            && !value.contains { $0.isWhitespace || $0 == "\"" || $0 == "=" || $0 == "\\" }
        guard !plain else { return value }
        let escaped = oneLine(
            value.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"")
        )
        return "\"" + escaped + "\""
    }
}

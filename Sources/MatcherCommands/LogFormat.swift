import MatcherSync

/// How log lines are written on standard error (`--log-format`).
enum LogFormat: String, Sendable, CaseIterable {
    /// One line of text per record, for a person: the default.
    case text
    /// One JSON object per line, for a log collector.
    case json

    /// The format `--log-format` names; text when it is absent.
    ///
    /// - Throws: `UsageError` for any other value, without repeating it.
    init(options: ParsedOptions) throws {
        guard let name = options.string("--log-format") else {
            self = .text
            return
        }
        guard let format = LogFormat(rawValue: name) else {
            throw UsageError(
                code: .invalidValue,
                message: "--log-format must be text or json",
                command: options.command
            )
        }
        self = format
    }

    /// The handler that writes this format to `output`.
    func handler(output: @escaping LogOutput) -> any LogHandler {
        switch self {
        case .text: TextLogHandler(output: output)
        case .json: JSONLogHandler(output: output)
        }
    }
}

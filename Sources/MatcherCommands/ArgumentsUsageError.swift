/// A command line the command cannot accept, with a message that says how to fix it.
///
/// Messages name options and placeholders but never repeat a value or a positional argument
/// the user typed, since those may be ID numbers or names; the user still has the command line
/// in front of them.
public struct UsageError: Error, CustomStringConvertible, Sendable, Hashable {
    /// What kind of mistake the command line has, for callers and tests that branch on it.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A stable identifier, such as `unknown-option`.
        public var rawValue: String

        /// An option that no spec declares.
        public static let unknownOption = Code(rawValue: "unknown-option")

        /// A value option at the end of the line, before another option, or with an empty value.
        public static let missingValue = Code(rawValue: "missing-value")

        /// A flag written with `=value`.
        public static let unexpectedValue = Code(rawValue: "unexpected-value")

        /// A non-repeatable option given twice.
        public static let repeatedOption = Code(rawValue: "repeated-option")

        /// A required option that is absent.
        public static let missingOption = Code(rawValue: "missing-option")

        /// More positional arguments than the command takes.
        public static let unexpectedArgument = Code(rawValue: "unexpected-argument")

        /// Fewer positional arguments than the command needs.
        public static let missingArgument = Code(rawValue: "missing-argument")

        /// A value that does not have the expected form or range.
        public static let invalidValue = Code(rawValue: "invalid-value")

        /// A first argument that names no subcommand.
        public static let unknownSubcommand = Code(rawValue: "unknown-subcommand")

        /// No subcommand at all.
        public static let missingSubcommand = Code(rawValue: "missing-subcommand")

        /// The identifier, such as `unknown-option`.
        public var description: String { rawValue }
    }

    /// The exit status for usage errors: `EX_USAGE` from `sysexits.h`.
    public static let exitCode: Int32 = 64

    /// What kind of mistake it is.
    public var code: Code

    /// What is wrong, naming the option or argument, e.g. `unknown option --stor; did you mean
    /// --store?`.
    public var message: String

    /// The command whose arguments were wrong, such as `matcher sync`, when known.
    public var command: String?

    /// Creates a usage error.
    public init(code: Code, message: String, command: String? = nil) {
        self.code = code
        self.message = message
        self.command = command
    }

    /// The message, followed by where to read the usage when the command is known.
    public var description: String {
        guard let command else {
            return message
        }
        return "\(message)\nRun '\(command) --help' for usage."
    }
}

extension UsageError {
    /// The candidate nearest to `word` within two edits, or `nil`; ties go to the earlier one.
    ///
    /// Edits are insertions, deletions, substitutions and swaps of neighbours, so `--sotre`
    /// finds `--store` in one edit, the commonest typing slip.
    static func closest(to word: String, among candidates: [String]) -> String? {
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(word, candidate)
            if distance <= 2, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.candidate
    }

    /// The optimal-string-alignment distance between two strings, by `Character`.
    static func editDistance(_ first: String, _ second: String) -> Int {
        let a = Array(first)
        let b = Array(second)
        guard !a.isEmpty, !b.isEmpty else {
            return max(a.count, b.count)
        }
        // table[i][j] is the distance between the first i characters of a and first j of b.
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count {
            table[i][0] = i
        }
        for j in 0...b.count {
            table[0][j] = j
        }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var distance = min(
                    table[i - 1][j] + 1,
                    table[i][j - 1] + 1,
                    table[i - 1][j - 1] + cost
                )
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    distance = min(distance, table[i - 2][j - 2] + 1)
                }
                table[i][j] = distance
            }
        }
        return table[a.count][b.count]
    }
}

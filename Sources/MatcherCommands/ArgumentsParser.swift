extension ParsedOptions {
    /// Parses a command's arguments strictly against its declared options and positionals.
    ///
    /// Accepted forms: `--name value`, `--name=value`, flags, positionals anywhere, and `--`,
    /// after which every argument is positional. A value given after a space may not begin
    /// with `--` (that is taken as a forgotten value); `--name=--odd` still passes one. A lone
    /// `-` is positional, as it conventionally means standard input or output.
    ///
    /// `--help` or `-h` anywhere before `--` wins over every other problem and returns with
    /// ``isHelpRequested`` set, so help works before the user knows what is required.
    ///
    /// - Throws: `UsageError` for an unknown option, a missing or empty value, a value given to
    ///   a flag, a repeated non-repeatable option, too many or too few positionals, or a missing
    ///   required option; the first problem in argument order is reported.
    public static func parse(
        _ arguments: [String],
        options: [OptionSpec],
        positionals: [PositionalSpec] = []
    ) throws -> ParsedOptions {
        let specs = Self.index(options)
        Self.checkOrder(positionals)
        var result = ParsedOptions(specs: specs, positionalSpecs: positionals)

        if arguments.prefix(while: { $0 != "--" }).contains(where: Self.isHelp) {
            result.isHelpRequested = true
            return result
        }

        var remaining = arguments[...]
        var positionsOfPositionals: [Int] = []
        var optionsEnded = false
        while let argument = remaining.popFirst() {
            let position = arguments.count - remaining.count
            if optionsEnded || argument == "-" || !argument.hasPrefix("-") {
                result.positionals.append(argument)
                positionsOfPositionals.append(position)
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            let (name, inlineValue) = Self.split(argument)
            guard let spec = specs[name] else {
                throw Self.unknownOption(name, known: options)
            }
            if !spec.isRepeatable, result.values[name] != nil {
                throw UsageError(
                    code: .repeatedOption,
                    message: spec.kind == .flag
                        ? "\(name) was given more than once; it is a flag, given once or not at all"
                        : "\(name) was given more than once; it takes a single value"
                )
            }
            let value = try Self.value(for: spec, inline: inlineValue, remaining: &remaining)
            result.values[name, default: []].append(value)
        }

        try Self.checkCount(positionsOfPositionals, against: positionals)
        for spec in options where spec.isRequired && result.values[spec.name] == nil {
            throw UsageError(
                code: .missingOption,
                message: "missing required option \(spec.label)"
            )
        }
        return result
    }

    private static func isHelp(_ argument: String) -> Bool {
        argument == "--help" || argument == "-h"
    }

    /// Splits `--name=value` at the first `=`; single-dash arguments are never split.
    private static func split(_ argument: String) -> (name: String, value: String?) {
        guard argument.hasPrefix("--"), let equals = argument.firstIndex(of: "=") else {
            return (argument, nil)
        }
        let value = argument[argument.index(after: equals)...]
        return (String(argument[..<equals]), String(value))
    }

    /// The value an option consumes; flags record an empty string per occurrence.
    private static func value(
        for spec: OptionSpec,
        inline: String?,
        remaining: inout ArraySlice<String>
    ) throws -> String {
        guard case .value(let placeholder) = spec.kind else {
            if inline != nil {
                throw UsageError(
                    code: .unexpectedValue,
                    message: "\(spec.name) is a flag and takes no value"
                )
            }
            return ""
        }
        var value = inline
        if value == nil, let next = remaining.first, !next.hasPrefix("--") {
            value = remaining.popFirst()
        }
        guard let value, !value.isEmpty else {
            throw UsageError(
                code: .missingValue,
                message: "\(spec.name) needs a value: \(spec.name) \(placeholder)"
            )
        }
        return value
    }

    private static func unknownOption(_ name: String, known options: [OptionSpec]) -> UsageError {
        var message = "unknown option \(name)"
        let candidates = options.map(\.name) + ["--help"]
        if let suggestion = UsageError.closest(to: name, among: candidates) {
            message += "; did you mean \(suggestion)?"
        }
        return UsageError(code: .unknownOption, message: message)
    }

    /// Checks the number of positionals, reporting extra ones by position, not by content.
    private static func checkCount(
        _ positions: [Int],
        against specs: [PositionalSpec]
    ) throws {
        if positions.count > specs.count {
            let expected =
                specs.isEmpty
                ? "no positional arguments"
                : "at most \(specs.count): \(specs.map(\.name).joined(separator: " "))"
            throw UsageError(
                code: .unexpectedArgument,
                message: "unexpected argument at position \(positions[specs.count]); "
                    + "the command takes \(expected)"
            )
        }
        if let missing = specs.dropFirst(positions.count).first(where: { !$0.isOptional }) {
            throw UsageError(code: .missingArgument, message: "missing argument \(missing.name)")
        }
    }

    private static func index(_ options: [OptionSpec]) -> [String: OptionSpec] {
        var specs: [String: OptionSpec] = [:]
        for spec in options {
            precondition(specs[spec.name] == nil, "option \(spec.name) is declared twice")
            specs[spec.name] = spec
        }
        return specs
    }

    private static func checkOrder(_ positionals: [PositionalSpec]) {
        let firstOptional = positionals.firstIndex(where: \.isOptional) ?? positionals.count
        precondition(
            positionals[firstOptional...].allSatisfy(\.isOptional),
            "optional positional arguments must come after required ones"
        )
    }
}

/// One `--name` option a command accepts, as data that both the parser and the help use.
///
/// Names are written in full, dashes included (`"--as-of"`), so the spelling in code is the
/// spelling on the command line and in error messages. `--help` and `-h` are built in.
public struct OptionSpec: Sendable, Hashable {
    /// Whether the option is a bare flag or takes a value.
    public enum Kind: Sendable, Hashable {
        /// A switch that is on when present: `--dry-run`.
        case flag

        /// An option followed by a value: `--as-of DATE` or `--as-of=DATE`.
        case value(placeholder: String)
    }

    /// The long name, such as `--as-of`.
    public var name: String

    /// Flag or value, with the value's placeholder for help and usage.
    public var kind: Kind

    /// One sentence for the help listing.
    public var help: String

    /// What applies when the option is absent, as shown in help (`today`); the caller applies
    /// the default itself, so a description like "today" need not be a parsable value.
    public var defaultDescription: String?

    /// Whether parsing fails when the option is absent.
    public var isRequired: Bool

    /// Whether the option may appear more than once; otherwise a second use is an error.
    public var isRepeatable: Bool

    /// An option that takes a value.
    public static func option(
        _ name: String,
        placeholder: String,
        help: String,
        default defaultDescription: String? = nil,
        required: Bool = false,
        repeatable: Bool = false
    ) -> OptionSpec {
        OptionSpec(
            name: name,
            kind: .value(placeholder: placeholder),
            help: help,
            defaultDescription: defaultDescription,
            isRequired: required,
            isRepeatable: repeatable
        )
    }

    /// A flag, which is never required.
    public static func flag(_ name: String, help: String, repeatable: Bool = false) -> OptionSpec {
        OptionSpec(
            name: name,
            kind: .flag,
            help: help,
            defaultDescription: nil,
            isRequired: false,
            isRepeatable: repeatable
        )
    }

    private init(
        name: String,
        kind: Kind,
        help: String,
        defaultDescription: String?,
        isRequired: Bool,
        isRepeatable: Bool
    ) {
        precondition(
            name.hasPrefix("--") && name.count > 2 && !name.contains("=")
                && !name.contains(" "),
            "option name \(name) must look like --name"
        )
        precondition(name != "--help", "--help is built in")
        self.name = name
        self.kind = kind
        self.help = help
        self.defaultDescription = defaultDescription
        self.isRequired = isRequired
        self.isRepeatable = isRepeatable
    }

    /// `--name PLACEHOLDER` for a value option, `--name` for a flag.
    var label: String {
        switch kind {
        case .flag: name
        case .value(let placeholder): "\(name) \(placeholder)"
        }
    }
}

/// One positional argument a command takes, such as the `QUERY` of `matcher diagnose QUERY`.
public struct PositionalSpec: Sendable, Hashable {
    /// The placeholder shown in usage and help, such as `QUERY`.
    public var name: String

    /// One sentence for the help listing.
    public var help: String

    /// Whether the argument may be left out; optional arguments must come last.
    public var isOptional: Bool

    /// Creates a positional argument.
    public init(_ name: String, help: String, optional: Bool = false) {
        self.name = name
        self.help = help
        self.isOptional = optional
    }
}

/// Everything a command accepts and says about itself: its parser and its help in one value.
public struct CommandSpec: Sendable, Hashable {
    /// The full invocation, such as `matcher sync`; its last word selects it as a subcommand.
    public var name: String

    /// One paragraph saying what the command does.
    public var abstract: String

    /// A hand-written usage line; `nil` builds one from the options and positionals.
    public var usage: String?

    /// The positional arguments, in order.
    public var positionals: [PositionalSpec]

    /// The options, in the order help lists them.
    public var options: [OptionSpec]

    /// The commands reached through this one, such as `matcher sync` under `matcher`.
    public var subcommands: [CommandSpec]

    /// Creates a command description.
    public init(
        name: String,
        abstract: String,
        usage: String? = nil,
        positionals: [PositionalSpec] = [],
        options: [OptionSpec] = [],
        subcommands: [CommandSpec] = []
    ) {
        self.name = name
        self.abstract = abstract
        self.usage = usage
        self.positionals = positionals
        self.options = options
        self.subcommands = subcommands
    }

    /// The word that selects this command under its parent: `sync` for `matcher sync`.
    public var invocationWord: String {
        name.split(separator: " ").last.map(String.init) ?? name
    }

    /// Parses this command's arguments (those after its name); see ``ParsedOptions/parse``.
    public func parse(_ arguments: [String]) throws -> ParsedOptions {
        do {
            var parsed = try ParsedOptions.parse(
                arguments,
                options: options,
                positionals: positionals
            )
            parsed.command = name
            return parsed
        } catch var error as UsageError {
            error.command = name
            throw error
        }
    }

    /// Picks the subcommand named by the first argument and returns it with the rest.
    ///
    /// - Returns: `nil` when the first argument asks for help (`--help`, `-h` or `help`), so the
    ///   caller prints this command's help.
    /// - Throws: `UsageError` when no subcommand is given or the name is unknown, suggesting
    ///   the closest name.
    public func subcommand(
        for arguments: [String]
    ) throws -> (command: CommandSpec, arguments: [String])? {
        let names = subcommands.map(\.invocationWord)
        guard let first = arguments.first else {
            throw UsageError(
                code: .missingSubcommand,
                message: "missing subcommand; expected one of: \(names.joined(separator: ", "))",
                command: name
            )
        }
        if ["--help", "-h", "help"].contains(first) {
            return nil
        }
        guard let chosen = subcommands.first(where: { $0.invocationWord == first }) else {
            // A mistyped option name is safe to repeat; an arbitrary word may be personal data.
            let shown = first.hasPrefix("-") ? "option \(first)" : "subcommand"
            var message = "unknown \(shown)"
            if let suggestion = UsageError.closest(to: first, among: names) {
                message += "; did you mean \(suggestion)?"
            } else {
                message += "; expected one of: \(names.joined(separator: ", "))"
            }
            throw UsageError(code: .unknownSubcommand, message: message, command: name)
        }
        return (chosen, Array(arguments.dropFirst()))
    }
}

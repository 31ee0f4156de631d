import MatcherCore

/// The options and positional arguments of one command line, read through typed getters.
///
/// Getters take the option's full name (`"--as-of"`). Asking for a name that was never declared,
/// or reading a flag as a value, is a programming error and stops the program, because no
/// command line could fix it. Conversion errors are `UsageError`s naming the option.
public struct ParsedOptions: Sendable, Hashable {
    /// Whether `--help` or `-h` was given; nothing else was checked when it is `true`.
    public internal(set) var isHelpRequested = false

    /// The positional arguments, in order.
    public internal(set) var positionals: [String] = []

    /// Each given option's values in order; a flag records one empty string per occurrence.
    var values: [String: [String]] = [:]

    /// The command these options belong to, named in getter errors.
    var command: String?

    let specs: [String: OptionSpec]
    let positionalSpecs: [PositionalSpec]

    init(specs: [String: OptionSpec], positionalSpecs: [PositionalSpec]) {
        self.specs = specs
        self.positionalSpecs = positionalSpecs
    }

    /// Whether a flag was given.
    public func flag(_ name: String) -> Bool {
        count(name) > 0
    }

    /// How many times an option or flag was given.
    public func count(_ name: String) -> Int {
        _ = spec(name)
        return values[name]?.count ?? 0
    }

    /// The value of an option, or `nil` when it is absent.
    public func string(_ name: String) -> String? {
        strings(name).last
    }

    /// Every value of a repeatable option, in the order given.
    public func strings(_ name: String) -> [String] {
        guard case .value = spec(name).kind else {
            preconditionFailure("\(name) is a flag; read it with flag(_:)")
        }
        return values[name] ?? []
    }

    /// The value of a path option, or `nil` when it is absent.
    ///
    /// The path is returned as given; relative paths stay relative to the working directory.
    ///
    /// - Throws: `UsageError` when the path starts or ends with whitespace: legal in a file
    ///   name, but nearly always a copy-and-paste slip that would create a stray file.
    public func path(_ name: String) throws -> String? {
        try paths(name).last
    }

    /// Every value of a repeatable path option, in the order given.
    public func paths(_ name: String) throws -> [String] {
        let paths = strings(name)
        for path in paths {
            if path.first?.isWhitespace == true || path.last?.isWhitespace == true {
                throw usageError(
                    .invalidValue,
                    "\(name) has a path that starts or ends with whitespace"
                )
            }
        }
        return paths
    }

    /// The value of an integer option, or `nil` when it is absent.
    ///
    /// - Throws: `UsageError` unless the value is a whole number within `range`.
    public func int(_ name: String, in range: ClosedRange<Int>? = nil) throws -> Int? {
        guard let text = string(name) else {
            return nil
        }
        guard let value = Int(text) else {
            // Digits that overflow are a number out of range, not something else.
            let digits = text.drop { $0 == "-" || $0 == "+" }
            if let range, !digits.isEmpty, digits.allSatisfy({ ("0"..."9").contains($0) }) {
                throw usageError(
                    .invalidValue,
                    "\(name) must be between \(range.lowerBound) and \(range.upperBound)"
                )
            }
            throw usageError(.invalidValue, "\(name) must be a whole number")
        }
        if let range, !range.contains(value) {
            throw usageError(
                .invalidValue,
                "\(name) must be between \(range.lowerBound) and \(range.upperBound)"
            )
        }
        return value
    }

    /// The value of a date option written `YYYY-MM-DD`, or `nil` when it is absent.
    ///
    /// - Throws: `UsageError` when the value has another form, or names a day that does not
    ///   exist (2023-02-29) or lies outside the years `CalendarDate` accepts.
    public func date(_ name: String) throws -> CalendarDate? {
        guard let text = string(name) else {
            return nil
        }
        guard Self.isShapedLikeDate(text) else {
            throw usageError(
                .invalidValue,
                "\(name) must be a date written YYYY-MM-DD, such as 2023-05-10"
            )
        }
        guard let date = CalendarDate(text) else {
            // The shape is right, so the three numbers are there.
            let parts = text.split(separator: "-").compactMap { Int($0) }
            let (year, month) = (parts[0], parts[1])
            guard CalendarDate.supportedYears.contains(year) else {
                throw usageError(
                    .invalidValue,
                    "\(name) must be a day in a year from "
                        + "\(CalendarDate.supportedYears.lowerBound) to "
                        + "\(CalendarDate.supportedYears.upperBound)"
                )
            }
            let why =
                (1...12).contains(month)
                ? "month \(month) of \(year) has "
                    + "\(CalendarDate.daysIn(month: month, year: year)) days"
                : "there is no month \(month)"
            throw usageError(.invalidValue, "\(name) \(text) is no day of the calendar: \(why)")
        }
        return date
    }

    /// The value of an option that this use of the command needs, even if declared optional.
    public func requiredString(_ name: String) throws -> String {
        try require(string(name), name)
    }

    /// The value of a path option that this use of the command needs.
    public func requiredPath(_ name: String) throws -> String {
        try require(path(name), name)
    }

    /// The value of an integer option that this use of the command needs.
    public func requiredInt(_ name: String, in range: ClosedRange<Int>? = nil) throws -> Int {
        try require(int(name, in: range), name)
    }

    /// The value of a date option that this use of the command needs.
    public func requiredDate(_ name: String) throws -> CalendarDate {
        try require(date(name), name)
    }

    /// A positional argument by its declared name, or `nil` when an optional one is absent.
    public func positional(_ name: String) -> String? {
        guard let index = positionalSpecs.firstIndex(where: { $0.name == name }) else {
            preconditionFailure("no positional argument \(name) is declared")
        }
        return positionals.indices.contains(index) ? positionals[index] : nil
    }

    private func spec(_ name: String) -> OptionSpec {
        guard let spec = specs[name] else {
            preconditionFailure("option \(name) is not declared")
        }
        return spec
    }

    /// Whether `text` is ten ASCII characters `dddd-dd-dd`, so a wrong form and a nonexistent
    /// day get different messages.
    private static func isShapedLikeDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else {
            return false
        }
        return bytes.indices.allSatisfy { index in
            index == 4 || index == 7
                ? bytes[index] == UInt8(ascii: "-")
                : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index])
        }
    }

    private func usageError(_ code: UsageError.Code, _ message: String) -> UsageError {
        UsageError(code: code, message: message, command: command)
    }

    private func require<T>(_ value: T?, _ name: String) throws -> T {
        guard let value else {
            throw usageError(
                .missingOption,
                "missing required option \(spec(name).label)"
            )
        }
        return value
    }
}

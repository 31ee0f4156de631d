// Limitation: widths count Characters, so help text in Chinese (two terminal columns per
// character) wraps wider than `width`; lifts when a display-width table is worth carrying.
// Help text here is English, so this has not mattered yet.

extension CommandSpec {
    /// The help shown for `--help`: the abstract, the usage, then every argument, option and
    /// subcommand in aligned columns, wrapped to `width` columns.
    ///
    /// Each option shows its placeholder, help, default and whether it is required or may
    /// repeat. A single word longer than the width (a long path in an example) is not broken.
    public func helpText(width: Int = 80) -> String {
        let arguments = positionals.map(Self.row)
        let help = (label: "-h, --help", text: "Show this help and exit.")
        let options = options.map(Self.row) + [help]
        let commands = subcommands.map { ($0.invocationWord, Self.firstSentence(of: $0.abstract)) }
        // One label column for every section, so the descriptions line up down the page.
        let labelWidth = min((arguments + options + commands).map(\.label.count).max() ?? 0, 26)

        var lines = wrap(abstract, width: width)
        lines.append("")
        lines += usageLines(width: width)
        if !arguments.isEmpty {
            lines += ["", "Arguments:"]
            lines += table(arguments, labelWidth: labelWidth, width: width)
        }
        lines += ["", "Options:"]
        lines += table(options, labelWidth: labelWidth, width: width)
        if !commands.isEmpty {
            lines += ["", "Subcommands:"]
            lines += table(commands, labelWidth: labelWidth, width: width)
            lines += [""]
            lines += wrap(
                "Run '\(name) SUBCOMMAND --help' for a subcommand's options.",
                width: width
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The usage words: required options first, then optional ones, then positionals.
    var usageWords: [String] {
        if let usage {
            return usage.split(separator: " ").map(String.init)
        }
        var words = [name]
        if !subcommands.isEmpty {
            words.append("SUBCOMMAND")
        }
        for spec in options where spec.isRequired {
            words.append(spec.label + (spec.isRepeatable ? " ..." : ""))
        }
        for spec in options where !spec.isRequired {
            words.append("[\(spec.label)]" + (spec.isRepeatable ? " ..." : ""))
        }
        for spec in positionals {
            words.append(spec.isOptional ? "[\(spec.name)]" : spec.name)
        }
        return words
    }

    private func usageLines(width: Int) -> [String] {
        let prefix = "Usage: "
        var words = usageWords
        let command = words.isEmpty ? name : words.removeFirst()
        // Continuation lines line up under the first argument unless that wastes half the width.
        let hanging = min(prefix.count + command.count + 1, width / 2)
        let wrapped = wrap(words, width: width - hanging)
        guard let first = wrapped.first else {
            return [prefix + command]
        }
        let continuation = String(repeating: " ", count: hanging)
        if prefix.count + command.count + 1 > hanging {
            return [prefix + command] + wrapped.map { continuation + $0 }
        }
        return [prefix + command + " " + first] + wrapped.dropFirst().map { continuation + $0 }
    }

    private static func row(_ spec: OptionSpec) -> (label: String, text: String) {
        var text = spec.help
        if let defaultDescription = spec.defaultDescription {
            text += " (default: \(defaultDescription))"
        }
        if spec.isRequired {
            text += " (required)"
        }
        if spec.isRepeatable {
            text += " (may repeat)"
        }
        return (spec.label, text)
    }

    private static func row(_ spec: PositionalSpec) -> (label: String, text: String) {
        (spec.name, spec.help + (spec.isOptional ? " (optional)" : ""))
    }

    private static func firstSentence(of text: String) -> String {
        guard let end = text.firstRange(of: ". ") else {
            return text
        }
        return String(text[..<end.lowerBound]) + "."
    }
}

/// Lays out labels and their wrapped descriptions in two aligned columns.
///
/// A label wider than `labelWidth` gets a line of its own, so one long option name does not
/// push every description to the right.
private func table(
    _ rows: [(label: String, text: String)],
    labelWidth: Int,
    width: Int
) -> [String] {
    let indent = 2
    let gap = 2
    let textColumn = indent + labelWidth + gap
    let textPadding = String(repeating: " ", count: textColumn)

    var lines: [String] = []
    for row in rows {
        let wrapped = wrap(row.text, width: max(width - textColumn, 20))
        let label = String(repeating: " ", count: indent) + row.label
        if row.label.count > labelWidth {
            lines.append(label)
            lines += wrapped.map { textPadding + $0 }
            continue
        }
        let padding = String(repeating: " ", count: textColumn - label.count)
        lines.append(label + padding + (wrapped.first ?? ""))
        lines += wrapped.dropFirst().map { textPadding + $0 }
    }
    return lines
}

private func wrap(_ text: String, width: Int) -> [String] {
    wrap(text.split(whereSeparator: \.isWhitespace).map(String.init), width: width)
}

/// Packs words greedily into lines of at most `width` characters.
private func wrap(_ words: [String], width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in words {
        if current.isEmpty {
            current = word
        } else if current.count + 1 + word.count <= width {
            current += " " + word
        } else {
            lines.append(current)
            current = word
        }
    }
    if !current.isEmpty {
        lines.append(current)
    }
    return lines
}

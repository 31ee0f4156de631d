extension NormalizationStep: CustomStringConvertible {
    /// The step as support staff read it, e.g. `2 spaces removed` or `栋 read as 幢`.
    ///
    /// The detail is shown as the normaliser recorded it: callers describing a personal
    /// value mask it first (``masked(by:)``).
    public var description: String {
        switch kind {
        case .spacesRemoved:
            counted("space", "spaces") + " removed"
        case .fullWidthFolded:
            counted("full-width character", "full-width characters") + " folded"
        case .letterCaseFolded:
            counted("lowercase letter", "lowercase letters") + " upper-cased"
        case .separatorsRemoved:
            counted("hyphen", "hyphens") + " removed"
        case .middleDotUnified:
            counted("middle dot", "middle dots") + " unified as ·"
        case .fifteenDigitUpgraded:
            "15-digit number upgraded to 18 digits" + shownDetail
        case .prefixRemoved:
            "prefix \(detail) removed"
        case .townNameUnified:
            "town name unified" + shownDetail
        case .chineseNumeralRead:
            readAs("Chinese numerals read as a number")
        case .buildingWordUnified:
            readAs("building word unified") + (count > 1 ? " (\(count) times)" : "")
        case .punctuationRemoved:
            counted("punctuation mark", "punctuation marks") + " removed"
        case .roomWordAdded:
            "室 added after the room number" + shownDetail
        case .leadingZerosRestored:
            counted("leading zero", "leading zeros") + " restored" + shownDetail
        case .leadingZerosRemoved:
            counted("extra leading zero", "extra leading zeros") + " removed" + shownDetail
        case .decorationRemoved:
            "printed decoration removed" + shownDetail
        case .yearTakenFromNumber:
            "year \(detail) taken from the number"
        }
    }

    /// The step with every digit run of its detail masked, for steps on ID numbers.
    public func masked(by mask: (String) -> String) -> NormalizationStep {
        var step = self
        step.detail = mask(detail)
        return step
    }

    private func counted(_ one: String, _ many: String) -> String {
        "\(count) \(count == 1 ? one : many)"
    }

    private var shownDetail: String {
        detail.isEmpty ? "" : " (\(detail))"
    }

    /// `栋 → 幢` reads best as `栋 read as 幢`.
    private func readAs(_ fallback: String) -> String {
        let parts = detail.split(separator: " → ", omittingEmptySubsequences: false)
        guard parts.count == 2 else { return fallback + shownDetail }
        return "\(parts[0]) read as \(parts[1])"
    }
}

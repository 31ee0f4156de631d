/// One change that normalising made to a typed value.
///
/// Support staff read these to see how what a parent typed became the key
/// that was looked up, so every normaliser reports what it changed, and
/// reports nothing when the value was already in normal form.
public struct NormalizationStep: Hashable, Sendable, Codable {
    /// What kind of change was made.
    public enum Kind: String, Hashable, Sendable, Codable {
        case spacesRemoved
        case fullWidthFolded
        case letterCaseFolded
        case separatorsRemoved
        case middleDotUnified
        case fifteenDigitUpgraded
        case prefixRemoved
        case townNameUnified
        case chineseNumeralRead
        case buildingWordUnified
        case punctuationRemoved
        /// `室` was added after a room number that ends an address after a building or unit.
        case roomWordAdded
        case leadingZerosRestored
        /// Zeros in front of a serial that has more than its 7 places were dropped.
        case leadingZerosRemoved
        case decorationRemoved
        case yearTakenFromNumber
    }

    public var kind: Kind
    /// How many characters or places the change touched (1 when not countable).
    public var count: Int
    /// What was read as what, e.g. `栋 → 幢` or `十二 → 12`; empty when the kind says it all.
    public var detail: String

    public init(_ kind: Kind, count: Int = 1, detail: String = "") {
        self.kind = kind
        self.count = count
        self.detail = detail
    }
}

/// A normalised value and the steps that produced it.
public struct Normalized<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var steps: [NormalizationStep]

    public init(value: Value, steps: [NormalizationStep] = []) {
        self.value = value
        self.steps = steps
    }
}

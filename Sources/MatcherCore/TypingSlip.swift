/// How a typed text differs from a registered one when a single typing slip explains it.
///
/// Support staff use it to tell a parent which place of an ID number or a name to check,
/// so a slip names positions only, never the characters at them: those are personal data.
public enum TypingSlip: Hashable, Sendable, Codable {
    /// One character differs; `position` is 1-based.
    case substituted(position: Int)
    /// Two different characters swapped places (any two positions, not only neighbours);
    /// 1-based, `first < second`.
    case swapped(first: Int, second: Int)
    /// The typed text lacks the registered text's character at `position` (1-based, in the
    /// registered text).
    case missing(position: Int)
    /// The typed text has one character more, at `position` (1-based, in the typed text).
    case extra(position: Int)

    /// Finds the slip between `typed` and `registered`, compared Character by Character;
    /// nil when they are equal or differ by more than one slip.
    ///
    /// An empty text on either side is nil too: a field left blank was not mistyped, and
    /// "character 1 is missing" would send the parent looking for the wrong mistake.
    ///
    /// When the missing or extra character is one of a run of equal characters (`1` in
    /// `3201164` against `32011164`), any of them could be the one; the last of the run is
    /// named, so one pair of texts always gives one answer.
    public static func between(typed: String, registered: String) -> TypingSlip? {
        let typed = Array(typed)
        let registered = Array(registered)
        guard !typed.isEmpty, !registered.isEmpty else {
            return nil
        }
        if typed.count == registered.count {
            return lengthPreservingSlip(typed: typed, registered: registered)
        }
        if typed.count + 1 == registered.count {
            return insertedPosition(in: registered, comparedTo: typed).map {
                .missing(position: $0)
            }
        }
        if typed.count == registered.count + 1 {
            return insertedPosition(in: typed, comparedTo: registered).map { .extra(position: $0) }
        }
        return nil
    }

    /// A substitution or a swap between two texts of one length.
    private static func lengthPreservingSlip(
        typed: [Character],
        registered: [Character]
    ) -> TypingSlip? {
        var differing: [Int] = []
        for index in typed.indices where typed[index] != registered[index] {
            differing.append(index)
            // A third difference is more than one slip, however the first two read.
            guard differing.count <= 2 else {
                return nil
            }
        }
        switch differing.count {
        case 1:
            return .substituted(position: differing[0] + 1)
        case 2:
            let first = differing[0]
            let second = differing[1]
            // Both places differ, so the two characters cannot be equal: a swap of equal
            // characters would leave the text unchanged.
            let isSwap = typed[first] == registered[second] && typed[second] == registered[first]
            return isSwap ? .swapped(first: first + 1, second: second + 1) : nil
        default:
            return nil
        }
    }

    /// The 1-based position of the one character that `longer` has and `shorter` lacks, or nil
    /// when removing no single character makes them equal. `longer` has one character more.
    private static func insertedPosition(
        in longer: [Character],
        comparedTo shorter: [Character]
    ) -> Int? {
        let commonPrefix = zip(longer, shorter).prefix { $0 == $1 }.count
        guard longer[(commonPrefix + 1)...].elementsEqual(shorter[commonPrefix...]) else {
            return nil
        }
        return commonPrefix + 1
    }
}

extension TypingSlip: CustomStringConvertible {
    /// The slip in plain English, counting characters: `character 2 differs`.
    public var description: String {
        description(unit: "character")
    }

    /// The slip in plain English, counting in `unit`, such as `digit` for an ID number:
    /// `digit 15 differs`, `digits 14 and 15 are swapped`.
    ///
    /// The plural is `unit` followed by `s`, which suits `character`, `digit` and `letter`.
    public func description(unit: String) -> String {
        switch self {
        case .substituted(let position):
            "\(unit) \(position) differs"
        case .swapped(let first, let second):
            "\(unit)s \(first) and \(second) are swapped"
        case .missing(let position):
            "\(unit) \(position) is missing"
        case .extra(let position):
            "\(unit) \(position) is extra"
        }
    }
}

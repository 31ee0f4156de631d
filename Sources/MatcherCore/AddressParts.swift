/// A normal-form address split at its building, unit and room, so two addresses of one estate
/// can be compared part by part.
///
/// The parts are read from the end, where the normal form is most regular:
///
/// - A part is a number followed by its word: `幢` for the building, `单元` for the unit,
///   `室` for the room. The number is the run of ASCII digits, letters and `-` right before
///   the word (`12`, `A`, `1-2`), without leading `-`; a word with no number before it
///   (`储藏室`) is text, not a part.
/// - The last part in the address ends the parts; what follows it is ``rest``.
/// - Leftwards from there, a room may be preceded by a unit and a unit by a building, each
///   written right before the next. The site ends where the first part's number starts, so
///   `前进西路88号302室` has no building, and its site is `前进西路88号`.
///
/// Limitation: anything written between two parts, such as a floor (`12幢5层502室`), ends
/// the parts there, so the building goes into the site, because a floor has no field here;
/// lifts when a floor becomes a part.
///
/// Limitation: ASCII letters that end an estate's name join the building number
/// (`CBD1幢` reads as building `CBD1`) because the normal form leaves no mark between
/// them; both sides of a comparison split alike, so only the numbers shown differ; lifts
/// when the rules name estates.
///
/// Limitation: `1-302室` stays room `1-302` rather than building 1, room 302, because a dash
/// also joins a room's own numbers (`302-1室`) and the normaliser keeps `1-302室` apart from
/// `1幢302室` as well; lifts when the registry's use of the dash is known.
public struct AddressParts: Hashable, Sendable, Codable {
    /// Everything before the building number: town, road, door number, estate.
    ///
    /// With no building, everything before the unit or room number; with no part at all,
    /// the whole address.
    public var site: String
    /// The number before `幢`; it may contain `-` or letters.
    public var building: String?
    /// The number before `单元`.
    public var unit: String?
    /// The number before `室`.
    public var room: String?
    /// Anything after the last part (rare); compared as text.
    public var rest: String
}

extension AddressParts {
    /// The parts in the order they are written, so that `<` means "written before".
    private enum Part: CaseIterable, Comparable {
        case building
        case unit
        case room

        // `幢` is the canonical building word of `mappings/address.json`; `单元` and `室`
        // are fixed in `AddressNormalizer` too.
        var word: [Character] {
            switch self {
            case .building: ["幢"]
            case .unit: ["单", "元"]
            case .room: ["室"]
            }
        }
    }

    /// Where one part is written: its number is `numberStart..<wordStart`.
    private struct Found {
        var part: Part
        var numberStart: Int
        var wordStart: Int
    }

    /// Splits an address that is already in normal form (the output of
    /// `AddressNormalizer.normalize(_:).value`).
    ///
    /// Any text splits; one with no part is all site.
    public init(normalized: String) {
        let characters = Array(normalized)
        self.init(site: normalized, building: nil, unit: nil, room: nil, rest: "")
        guard let last = Self.lastPart(in: characters) else {
            return
        }
        rest = String(characters[(last.wordStart + last.part.word.count)...])
        var siteEnd = last.numberStart
        setNumber(of: last, in: characters)
        for part in Part.allCases.reversed() where part < last.part {
            guard let found = Self.locate(part, endingAt: siteEnd, in: characters) else {
                continue
            }
            setNumber(of: found, in: characters)
            siteEnd = found.numberStart
        }
        site = String(characters[..<siteEnd])
    }

    private mutating func setNumber(of found: Found, in characters: [Character]) {
        let number = String(characters[found.numberStart..<found.wordStart])
        switch found.part {
        case .building: building = number
        case .unit: unit = number
        case .room: room = number
        }
    }

    /// The part written last, found by trying every end from the right.
    private static func lastPart(in characters: [Character]) -> Found? {
        for end in characters.indices.reversed() {
            for part in Part.allCases {
                if let found = locate(part, endingAt: end + 1, in: characters) {
                    return found
                }
            }
        }
        return nil
    }

    /// The part whose word ends right before `end`, if a number precedes the word.
    private static func locate(
        _ part: Part,
        endingAt end: Int,
        in characters: [Character]
    ) -> Found? {
        let wordStart = end - part.word.count
        guard wordStart > 0, characters[wordStart..<end].elementsEqual(part.word) else {
            return nil
        }
        var numberStart = wordStart
        while numberStart > 0, isNumberCharacter(characters[numberStart - 1]) {
            numberStart -= 1
        }
        while numberStart < wordStart, characters[numberStart] == "-" {
            numberStart += 1
        }
        guard numberStart < wordStart else {
            return nil
        }
        return Found(part: part, numberStart: numberStart, wordStart: wordStart)
    }

    private static func isNumberCharacter(_ character: Character) -> Bool {
        character == "-" || (character.isASCII && (character.isNumber || character.isLetter))
    }
}

extension AddressParts: CustomStringConvertible {
    /// The address with its site masked (`昆山开发区前****1幢1单元101室`), since an address is
    /// personal data; a rest shows as `****` too.
    public var description: String {
        var text = Mask.address(site)
        if let building {
            text += building + "幢"
        }
        if let unit {
            text += unit + "单元"
        }
        if let room {
            text += room + "室"
        }
        if !rest.isEmpty {
            text += "****"
        }
        return text
    }
}

/// How a typed address differs from a registered one, part by part.
///
/// Only the site is personal enough to hide: building, unit and room numbers say nothing
/// about a family without the site, so descriptions show them and never the site.
public enum AddressDifference: Hashable, Sendable, Codable {
    /// The addresses differ before the building: another estate or road, not a near miss.
    case site
    /// A nil side has no building.
    case building(typed: String?, registered: String?)
    /// A nil side has no unit; typed nil means the parent left the unit out.
    case unit(typed: String?, registered: String?)
    /// A nil side has no room.
    case room(typed: String?, registered: String?)
    /// The addresses differ after the last part.
    case rest

    /// The differences between two split addresses, in the order site, building, unit, room,
    /// rest; empty when equal.
    ///
    /// All differences are listed, even after a site difference, so a caller can tell a
    /// near miss (no `.site`) from another address.
    public static func between(
        typed: AddressParts,
        registered: AddressParts
    ) -> [AddressDifference] {
        var differences: [AddressDifference] = []
        if typed.site != registered.site {
            differences.append(.site)
        }
        if typed.building != registered.building {
            differences.append(.building(typed: typed.building, registered: registered.building))
        }
        if typed.unit != registered.unit {
            differences.append(.unit(typed: typed.unit, registered: registered.unit))
        }
        if typed.room != registered.room {
            differences.append(.room(typed: typed.room, registered: registered.room))
        }
        if typed.rest != registered.rest {
            differences.append(.rest)
        }
        return differences
    }
}

extension AddressDifference: CustomStringConvertible {
    /// The difference in plain English, e.g. `room differs: typed 302, registered 303`.
    public var description: String {
        switch self {
        case .site:
            "the address differs before its building, unit and room"
        case .building(let typed, let registered):
            Self.describe("building", typed: typed, registered: registered)
        case .unit(let typed, let registered):
            Self.describe("unit", typed: typed, registered: registered)
        case .room(let typed, let registered):
            Self.describe("room", typed: typed, registered: registered)
        case .rest:
            "the address differs after its building, unit and room"
        }
    }

    private static func describe(_ part: String, typed: String?, registered: String?) -> String {
        switch (typed, registered) {
        case (let typed?, let registered?):
            "\(part) differs: typed \(typed), registered \(registered)"
        case (nil, let registered?):
            "the \(part) was left out: the registry has \(part) \(registered)"
        case (let typed?, nil):
            "\(part) \(typed) was typed, but the registry has no \(part)"
        case (nil, nil):
            "\(part) differs"
        }
    }
}

/// How parents type names, ID numbers, certificate numbers and addresses: the canonical
/// form, the variants that must still match, and the slips each case is made of.
enum TypedForms {
    static let fullWidthOffset: UInt32 = 0xFEE0

    /// ASCII letters and digits as their full-width forms, spaces as U+3000.
    static func fullWidth(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == " " {
                scalars.append("\u{3000}")
            } else if scalar.isASCII,
                scalar.properties.isAlphabetic || ("0"..."9").contains(scalar),
                let wide = Unicode.Scalar(scalar.value + fullWidthOffset)
            {
                scalars.append(wide)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// The subject's name as typed under a name variant; nil when it does not apply.
    static func name(
        _ name: GeneratedName,
        variant: Variant,
        draws: inout Draws
    ) -> String? {
        let text = name.text
        switch (variant, name.kind) {
        case (.nameSpace, .chinese):
            let surname = NamePieces.texts[Int(name.first)]
            return surname + " " + text.dropFirst(surname.count)
        case (.nameSpace, _):
            return " " + text + " "
        case (.nameIdeographicSpace, .chinese):
            let surname = NamePieces.texts[Int(name.first)]
            return surname + "\u{3000}" + text.dropFirst(surname.count)
        case (.nameIdeographicSpace, _):
            return text + "\u{3000}"
        case (.nameMiddleDot, .minority):
            let dots = ["\u{2022}", "\u{30FB}", "\u{FF0E}", "."]
            let dot = dots[draws.int(below: dots.count)]
            return text.split(separator: "·", omittingEmptySubsequences: false)
                .joined(separator: dot)
        case (.passportFullWidthName, .latin):
            return draws.chance(0.5) ? fullWidth(text) : text.lowercased()
        default:
            return nil
        }
    }

    /// A resident number as typed under an ID variant; nil when it does not apply.
    static func idNumber(_ id: ResidentID, variant: Variant) -> String? {
        let text = id.text
        switch variant {
        case .idSpaces:
            return group(text, [6, 8, 4], separator: " ")
        case .idHyphens:
            return group(text, [6, 8, 4], separator: "-")
        case .idLowercaseX where id.endsWithX:
            return text.lowercased()
        case .idFullWidthDigits:
            return fullWidth(text)
        case .idFifteenDigits where id.hasFifteenDigitForm:
            return id.fifteenDigitText
        default:
            return nil
        }
    }

    /// The subject's number typed wrongly, as the case says; nil for a case that does not
    /// change it.
    static func wrongIDNumber(
        _ id: ResidentID,
        case kind: SocialInsuranceCase,
        draws: inout Draws
    ) -> String? {
        let body = String(id.body)
        switch kind {
        case .invalidIdCheckDigit:
            let others = Array("0123456789X").filter { $0 != Character(UnicodeScalar(id.check)) }
            return body + String(others[draws.int(below: others.count)])
        case .invalidIdLength:
            var characters = Array(id.text)
            characters.remove(at: 6 + draws.int(below: 11))
            return String(characters)
        case .invalidIdBirthDate:
            let withMonth13 = id.body - id.birthMonth * 100_000 + 13 * 100_000
            return String(withMonth13) + String(UnicodeScalar(id.check))
        case .invalidIdFutureBirth:
            let year = 2028 + 4 * draws.int(below: 18)
            let body = id.body - id.birthYear * 10_000_000 + year * 10_000_000
            return ResidentID(body: body).text
        case .idOneDigitOff:
            return id.replacingSequenceLead(with: Population.unusedSequenceLead).text
        default:
            return nil
        }
    }

    static func group(_ text: String, _ sizes: [Int], separator: String) -> String {
        var parts: [String] = []
        var rest = Substring(text)
        for size in sizes {
            parts.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        if !rest.isEmpty {
            parts.append(String(rest))
        }
        return parts.joined(separator: separator)
    }

    /// One digit of `digits` changed to another.
    static func oneDigitOff(_ digits: String, draws: inout Draws) -> String {
        var characters = Array(digits)
        let position = draws.int(below: characters.count)
        let digit = Int(String(characters[position])) ?? 0
        let replacement = (digit + 1 + draws.int(below: 9)) % 10
        characters[position] = Character(String(replacement))
        return String(characters)
    }

    /// Two neighbouring, different digits of `digits` swapped.
    static func neighboursSwapped(_ digits: String, draws: inout Draws) -> String {
        var characters = Array(digits)
        let pairs = (0..<characters.count - 1).filter { characters[$0] != characters[$0 + 1] }
        let position = pairs.isEmpty ? 0 : pairs[draws.int(below: pairs.count)]
        characters.swapAt(position, position + 1)
        return String(characters)
    }

    /// Chinese numerals digit by digit (`302` → `三〇二`).
    static func positionalNumerals(_ value: Int) -> String {
        let numerals = Array("〇一二三四五六七八九")
        return String(String(value).map { numerals[Int(String($0)) ?? 0] })
    }

    /// Chinese numerals in counting style, for 1 to 99 (`12` → `十二`, `40` → `四十`).
    static func countingNumerals(_ value: Int) -> String {
        let numerals = Array("〇一二三四五六七八九")
        let tens = value / 10
        let ones = value % 10
        var text = ""
        if tens > 1 {
            text.append(numerals[tens])
        }
        if tens > 0 {
            text += "十"
        }
        if ones > 0 || tens == 0 {
            text.append(numerals[ones])
        }
        return text
    }
}

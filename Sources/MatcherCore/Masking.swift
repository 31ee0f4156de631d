/// Hides personal data before it reaches a log line, a report or an error message.
///
/// The shapes follow what support staff already know from paper forms: an ID number keeps
/// its region and its last four characters (`320583********123X`), a name its family name
/// (`王*`). Masking works on any text, valid or not, and never reveals more of a short value
/// than of a long one.
public enum Mask {
    /// `320583201706011064` → `320583********1064`.
    public static func idNumber(_ text: String) -> String {
        let characters = Array(text)
        let count = characters.count
        guard count >= 12 else {
            // Too short to keep both ends: show only the last two, if that leaves most hidden.
            let shown = count >= 6 ? 2 : 0
            return String(repeating: "*", count: count - shown) + String(characters.suffix(shown))
        }
        let head = String(characters.prefix(6))
        let tail = String(characters.suffix(4))
        return head + String(repeating: "*", count: count - 10) + tail
    }

    /// A portal's id of an application or account, with every run of digits in it that has
    /// the shape of a resident ID number (18 characters with a real birth date, its check
    /// digit right or not; or a valid 15-digit one) or of a mobile number (11 digits, the
    /// first a 1) masked: someone keyed it in as the id, or into it. The ids the portal makes
    /// (`A2023-0008`, `ES2023041200008`) keep every digit, since support staff type them
    /// back.
    public static func portalId(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        var shown: [UInt8] = []
        var start = 0
        while start < bytes.count {
            guard isDigit(bytes[start]) else {
                shown.append(bytes[start])
                start += 1
                continue
            }
            var end = start
            while end < bytes.count, isDigit(bytes[end]) {
                end += 1
            }
            // An X after 17 digits is a resident number's check character.
            if end - start == 17, end < bytes.count, bytes[end] | 0x20 == UInt8(ascii: "x") {
                end += 1
            }
            let run = String(decoding: bytes[start..<end], as: UTF8.self)
            shown += personalNumberMasked(run).utf8
            start = end
        }
        return String(decoding: shown, as: UTF8.self)
    }

    /// `run`, a run of digits, masked when it is shaped like a resident or mobile number.
    private static func personalNumberMasked(_ run: String) -> String {
        switch run.utf8.count {
        case 11 where run.hasPrefix("1"):
            // As carriers print one: the network's three digits and the last four.
            return run.prefix(3) + "****" + run.suffix(4)
        case 18 where IDNumber.birthDate(ofResident: run.uppercased()) != nil:
            return idNumber(run)
        case 15 where IDNumber.normalize(run, as: .resident).isValid:
            return idNumber(run)
        default:
            return run
        }
    }

    /// `王明` → `王*`, `欧阳娜娜` → `欧***`; a Latin name keeps its first letter.
    public static func name(_ text: String) -> String {
        let characters = Array(text.filter { !$0.isWhitespace })
        guard let first = characters.first else { return "" }
        return String(first) + String(repeating: "*", count: max(1, characters.count - 1))
    }

    /// An address keeps its first six characters (road or estate), the rest is hidden.
    public static func address(_ text: String) -> String {
        let characters = Array(text)
        let shown = min(6, characters.count / 2)
        return String(characters.prefix(shown)) + "****"
    }

    /// Hides every run of 11 or more digits (and a trailing `X`): an ID or phone number typed
    /// into a field meant for something shorter, such as a certificate's 7-digit serial,
    /// which stays readable.
    public static func longNumbers(in text: String) -> String {
        numberRuns(in: text, longerThan: 10)
    }

    /// Hides every run of digits longer than five in free text, such as an exporter's line
    /// that is quoted in an error: ID numbers and phone numbers never show whole.
    ///
    /// A word of exactly 64 hex digits is a sha256 digest, which no personal number is, and
    /// is kept whole: an operator compares it with a manifest's.
    public static func digitRuns(in text: String) -> String {
        var result = ""
        var unmasked = text.startIndex
        for run in text.matches(of: /[0-9a-fA-F]{64,}/) where isDigestWord(run.range, in: text) {
            result += numberRuns(in: String(text[unmasked..<run.range.lowerBound]), longerThan: 5)
            result += text[run.range]
            unmasked = run.range.upperBound
        }
        result += numberRuns(in: String(text[unmasked...]), longerThan: 5)
        return result
    }

    /// Whether `range`, a run of hex digits as long as it goes, is 64 of them, not all
    /// decimal, standing as a word of its own.
    private static func isDigestWord(_ range: Range<String.Index>, in text: String) -> Bool {
        let isWordCharacter = { (character: Character) in
            character.isASCII && (character.isLetter || character.isNumber)
        }
        // A digest of only decimal digits is as unlikely as one in 10^13; such a run may
        // be numbers written together, and is masked.
        guard text[range].count == 64, text[range].contains(where: \.isLetter) else {
            return false
        }
        if range.lowerBound > text.startIndex,
            isWordCharacter(text[text.index(before: range.lowerBound)])
        {
            return false
        }
        if range.upperBound < text.endIndex, isWordCharacter(text[range.upperBound]) {
            return false
        }
        return true
    }

    /// Masks, as ``idNumber(_:)`` does, every run of ASCII digits (an `X` may follow the
    /// first digit, as in a check digit) longer than `length`.
    private static func numberRuns(in text: String, longerThan length: Int) -> String {
        var result = ""
        var run = ""
        func flush() {
            result += run.count > length ? idNumber(run) : run
            run = ""
        }
        for character in text {
            if character.isASCII && (character.isNumber || character == "x" || character == "X")
                && !(run.isEmpty && !character.isNumber)
            {
                run.append(character)
            } else {
                flush()
                result.append(character)
            }
        }
        flush()
        return result
    }
}

/// Reading Chinese numerals as the Arabic numbers of addresses.
///
/// Two styles occur in building, unit and room numbers, and both are read:
/// the positional style, one numeral per digit (`一二〇三` is 1203, `三〇二`
/// is 302), and the counting style with 十, 百 and 千 (`十二` is 12,
/// `一千二百零三` is 1203). Financial forms (壹, 贰, 拾, ...) count the same.
///
/// Only what has a single reading is read. `一百五` is 150 in speech but
/// could be a slip for 105, so it is left alone and makes a mismatch.
enum ChineseNumerals {
    /// The digit a numeral stands for, or nil when it is not a digit numeral.
    ///
    /// `○` U+25CB is included: it is what most keyboards give for `〇`.
    static func digitValue(of scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "〇", "○", "零": 0
        case "一", "壹": 1
        case "二", "两", "贰", "貳", "兩": 2
        case "三", "叁", "參": 3
        case "四", "肆": 4
        case "五", "伍": 5
        case "六", "陆", "陸": 6
        case "七", "柒": 7
        case "八", "捌": 8
        case "九", "玖": 9
        default: nil
        }
    }

    /// The multiplier of a counting-style numeral (十, 百, 千), or nil.
    static func unitValue(of scalar: Unicode.Scalar) -> Int? {
        switch scalar {
        case "十", "拾": 10
        case "百", "佰": 100
        case "千", "仟": 1000
        default: nil
        }
    }

    /// Whether the scalar is a Chinese numeral of either kind.
    static func isNumeral(_ scalar: Unicode.Scalar) -> Bool {
        digitValue(of: scalar) != nil || unitValue(of: scalar) != nil
    }

    /// The Arabic digits that a run of numerals stands for, or nil when the
    /// run is not a number with a single reading.
    ///
    /// Positional runs keep their leading zeros (`〇三` is `03`), since
    /// whether `03` and `3` are the same room is not a question of form.
    static func arabicDigits(of numerals: some Collection<Unicode.Scalar>) -> String? {
        guard !numerals.isEmpty else {
            return nil
        }
        if numerals.contains(where: { unitValue(of: $0) != nil }) {
            return countingValue(of: numerals).map { String($0) }
        }
        var digits = ""
        for numeral in numerals {
            guard let digit = digitValue(of: numeral) else {
                return nil
            }
            digits.unicodeScalars.append(Unicode.Scalar(UInt8(0x30 + digit)))
        }
        return digits
    }

    /// Reads a counting-style number such as `一千二百零三`.
    ///
    /// Units must fall from left to right, each after at most one digit; a
    /// bare `十` only leads (`十二`); `零` only stands for places skipped
    /// after a unit and must be followed by a digit; a final digit needs a
    /// `十` or `零` before it (`二十三`, `一百零三`), since after 百 or 千 it
    /// would be an abbreviation (`一百五`).
    private static func countingValue(of numerals: some Collection<Unicode.Scalar>) -> Int? {
        var total = 0
        var pendingDigit: Int?
        var lastUnit = Int.max
        var zeroSinceUnit = false
        for numeral in numerals {
            if let digit = digitValue(of: numeral) {
                guard pendingDigit == nil else {
                    return nil
                }
                if digit == 0 {
                    guard total > 0, !zeroSinceUnit else {
                        return nil
                    }
                    zeroSinceUnit = true
                } else {
                    pendingDigit = digit
                }
            } else if let unit = unitValue(of: numeral) {
                guard unit < lastUnit else {
                    return nil
                }
                if let digit = pendingDigit {
                    total += digit * unit
                } else if unit == 10 && total == 0 {
                    total = 10
                } else {
                    return nil
                }
                lastUnit = unit
                pendingDigit = nil
                zeroSinceUnit = false
            } else {
                return nil
            }
        }
        if let digit = pendingDigit {
            guard total == 0 || lastUnit == 10 || zeroSinceUnit else {
                return nil
            }
            return total + digit
        }
        return zeroSinceUnit ? nil : total
    }
}

// Validation of folded ID numbers: the shapes of each type, birth dates,
// check digits and spreadsheet damage, all on the UTF-8 bytes.

extension IDNumber {
    /// What validating a folded number found.
    enum Verdict {
        case valid
        case upgraded(String)
        case invalid(IDNumberProblem)
    }

    private static let asciiX = UInt8(ascii: "X")

    /// Validates a number that has had its form-only steps.
    static func verdict(on folded: String, as type: IDType) -> Verdict {
        var number = folded
        return number.withUTF8 { bytes in
            guard !bytes.isEmpty else {
                return .invalid(.empty)
            }
            let verdict =
                switch type {
                case .resident: residentVerdict(bytes, folded: folded)
                case .passport: alphanumericVerdict(bytes, folded: folded, lengths: 5...20)
                case .hmt: hmtVerdict(bytes, folded: folded)
                case .other: alphanumericVerdict(bytes, folded: folded, lengths: 4...30)
                }
            // Checked only once the value failed: `12E45` may be a passport number.
            if case .invalid = verdict, looksSpreadsheetDamaged(bytes) {
                return .invalid(.spreadsheetDamage)
            }
            return verdict
        }
    }

    private static func residentVerdict(
        _ bytes: UnsafeBufferPointer<UInt8>,
        folded: String
    ) -> Verdict {
        guard bytes.allSatisfy({ $0.isASCIIDigit || $0 == asciiX }) else {
            return .invalid(
                .invalidCharacters(
                    distinctScalars(of: folded) { !($0.isASCIIDigit || $0 == "X") }
                )
            )
        }
        switch bytes.count {
        case 18:
            return eighteenDigitVerdict(bytes)
        case 15:
            guard bytes.allSatisfy(\.isASCIIDigit) else {
                return .invalid(.invalidCharacters("X"))
            }
            return upgradedFifteenDigitNumber(bytes)
        default:
            return .invalid(.wrongLength(bytes.count))
        }
    }

    /// Checks the birth date and check digit of an 18-character number.
    private static func eighteenDigitVerdict(_ bytes: UnsafeBufferPointer<UInt8>) -> Verdict {
        guard bytes.prefix(17).allSatisfy(\.isASCIIDigit) else {
            return .invalid(.invalidCharacters("X"))
        }
        guard birthDate(in: bytes) != nil else {
            return .invalid(.invalidBirthDate)
        }
        let expected = residentCheckByte(of: bytes)
        let found = bytes[17]
        guard found == expected else {
            return .invalid(
                .checkDigitMismatch(
                    expected: Character(Unicode.Scalar(expected)),
                    found: Character(Unicode.Scalar(found))
                )
            )
        }
        return .valid
    }

    /// Upgrades a legacy 15-digit number: `19` goes in front of its
    /// two-digit birth year, and the check digit is appended.
    private static func upgradedFifteenDigitNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Verdict {
        var upgraded: [UInt8] = []
        upgraded.reserveCapacity(18)
        upgraded.append(contentsOf: bytes[0..<6])
        upgraded.append(contentsOf: "19".utf8)
        upgraded.append(contentsOf: bytes[6..<15])
        let isRealDate = upgraded.withUnsafeBufferPointer { birthDate(in: $0) != nil }
        guard isRealDate else {
            return .invalid(.invalidBirthDate)
        }
        upgraded.append(residentCheckByte(of: upgraded))
        return .upgraded(String(decoding: upgraded, as: UTF8.self))
    }

    private static func alphanumericVerdict(
        _ bytes: UnsafeBufferPointer<UInt8>,
        folded: String,
        lengths: ClosedRange<Int>
    ) -> Verdict {
        guard bytes.allSatisfy(\.isASCIIAlphanumeric) else {
            return .invalid(
                .invalidCharacters(distinctScalars(of: folded) { !$0.isASCIIAlphanumeric })
            )
        }
        guard lengths.contains(bytes.count) else {
            return .invalid(.wrongLength(bytes.count))
        }
        return .valid
    }

    private static func hmtVerdict(_ bytes: UnsafeBufferPointer<UInt8>, folded: String) -> Verdict {
        guard bytes.allSatisfy(\.isASCIIAlphanumeric) else {
            return .invalid(
                .invalidCharacters(distinctScalars(of: folded) { !$0.isASCIIAlphanumeric })
            )
        }
        if isResidencePermitNumber(bytes) {
            return eighteenDigitVerdict(bytes)
        }
        return isValidHMTNumber(bytes) ? .valid : .invalid(.unrecognizedFormat)
    }

    /// Whether the number has the shape of a Hong Kong, Macao or Taiwan
    /// residence permit number (港澳台居民居住证): 18 characters starting with
    /// 810000, 820000 or 830000. Its date and check digit are checked apart.
    private static func isResidencePermitNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 18, bytes.prefix(17).allSatisfy(\.isASCIIDigit) else {
            return false
        }
        let region = bytes.prefix(6)
        return region.elementsEqual("810000".utf8) || region.elementsEqual("820000".utf8)
            || region.elementsEqual("830000".utf8)
    }

    /// Whether an upper-cased ASCII letters-and-digits value is one of the
    /// accepted forms of a Hong Kong, Macao or Taiwan document other than the
    /// residence permit:
    ///
    /// - 往来内地通行证 (home-return permit): `H` or `M`, then 8 or 10 digits;
    /// - 台湾居民来往大陆通行证: 8 or 10 digits;
    /// - a Hong Kong identity card: 1 or 2 letters, 6 digits, and a check
    ///   character (a digit or `A`), parentheses already removed.
    ///
    /// Limitation: the HKID check character is not verified, to keep this
    /// simple while such numbers are rare among applicants; a typo in one
    /// then shows as "not found" rather than "invalid". Lifts when support
    /// sees enough of them to make the clearer message worth the code.
    static func isValidHMTNumber(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        let isPermitPrefix = { (byte: UInt8) in
            byte == UInt8(ascii: "H") || byte == UInt8(ascii: "M")
        }
        if (count == 9 || count == 11), isPermitPrefix(bytes[0]),
            bytes.dropFirst().allSatisfy(\.isASCIIDigit)
        {
            return true
        }
        if (count == 8 || count == 10), bytes.allSatisfy(\.isASCIIDigit) {
            return true
        }
        let letterCount = bytes.prefix(while: \.isASCIIUppercaseLetter).count
        guard (1...2).contains(letterCount), count == letterCount + 7 else {
            return false
        }
        let digits = bytes.dropFirst(letterCount).prefix(6)
        let check = bytes[count - 1]
        return digits.allSatisfy(\.isASCIIDigit)
            && (check.isASCIIDigit || check == UInt8(ascii: "A"))
    }
}

// MARK: - Dates, check digits, damage

extension IDNumber {
    private static let residentWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let residentCheckBytes = Array("10X98765432".utf8)

    /// The check character, as its ASCII byte, of the 17 ASCII digits that `digits` starts
    /// with: ``residentCheckDigit(of:)-(some Collection<UInt8>)`` for a buffer, without the
    /// generic call that a caller in another module would pay on every row of a delivery.
    ///
    /// - Precondition: `digits` starts with 17 ASCII digits; later bytes are ignored.
    public static func residentCheckByte(ofDigits digits: UnsafeBufferPointer<UInt8>) -> UInt8 {
        precondition(digits.count >= 17, "a resident number's check digit needs 17 digits")
        var sum = 0
        for position in 0..<17 {
            let byte = digits[position]
            precondition(byte.isASCIIDigit, "a resident number's first 17 characters are digits")
            sum += byte.digitValue * residentWeights[position]
        }
        return residentCheckBytes[sum % 11]
    }

    static func residentCheckByte(of first17: some Collection<UInt8>) -> UInt8 {
        var sum = 0
        var position = 0
        for byte in first17.prefix(17) {
            precondition(byte.isASCIIDigit, "a resident number's first 17 characters are digits")
            sum += byte.digitValue * residentWeights[position]
            position += 1
        }
        precondition(position == 17, "a resident number's check digit needs 17 digits")
        return residentCheckBytes[sum % 11]
    }

    /// The `YYYYMMDD` date at positions 7 to 14, if it is a real date in 1900...2100.
    static func birthDate(
        in bytes: UnsafeBufferPointer<UInt8>
    ) -> (year: Int, month: Int, day: Int)? {
        let digits = bytes[6..<14]
        guard digits.allSatisfy(\.isASCIIDigit) else {
            return nil
        }
        let value = digits.reduce(0) { $0 * 10 + $1.digitValue }
        let year = value / 10_000
        let month = value / 100 % 100
        let day = value % 100
        guard (1900...2100).contains(year), (1...12).contains(month) else {
            return nil
        }
        guard (1...daysInMonth(month, of: year)).contains(day) else {
            return nil
        }
        return (year, month, day)
    }

    private static func daysInMonth(_ month: Int, of year: Int) -> Int {
        switch month {
        case 2:
            let isLeapYear = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            return isLeapYear ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }

    /// Whether the value has the shape a spreadsheet gives a long number:
    /// scientific notation (`3.41221E+17`, `3E17`) or a trailing `.0`.
    private static func looksSpreadsheetDamaged(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        func skipDigits() -> Int {
            let start = index
            while index < bytes.count, bytes[index].isASCIIDigit {
                index += 1
            }
            return index - start
        }
        guard skipDigits() > 0, index < bytes.count else {
            return false
        }
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            guard skipDigits() > 0 else {
                return false
            }
            if index == bytes.count {
                return bytes[fractionStart...].allSatisfy { $0 == UInt8(ascii: "0") }
            }
        }
        guard bytes[index] == UInt8(ascii: "E") else {
            return false
        }
        index += 1
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") {
            index += 1
        }
        return skipDigits() > 0 && index == bytes.count
    }

    /// The distinct scalars of `text` that fail to be allowed, in order of appearance.
    private static func distinctScalars(
        of text: String,
        where isOffending: (Unicode.Scalar) -> Bool
    ) -> String {
        var found = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where isOffending(scalar) && !found.contains(scalar) {
            found.append(scalar)
        }
        return String(found)
    }
}

import MatcherCore

/// An 18-digit resident ID number (GB 11643): region, birth date, a three-digit sequence
/// whose last digit is odd for men, and the MOD 11-2 check character.
///
/// Kept as the 17-digit body in one integer, so building and comparing numbers costs no
/// allocation.
struct ResidentID: Hashable, Sendable {
    /// The first 17 digits as a number (the region never starts with 0).
    let body: Int
    /// The check character as an ASCII byte: a digit or `X`.
    let check: UInt8

    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters = Array("10X98765432".utf8)

    init(body: Int) {
        self.body = body
        check = Self.checkCharacter(of: body)
    }

    init(region: Int, year: Int, month: Int, day: Int, sequence: Int) {
        let date = (year * 100 + month) * 100 + day
        self.init(body: (region * 100_000_000 + date) * 1000 + sequence)
    }

    static func checkCharacter(of body: Int) -> UInt8 {
        var remaining = body
        var sum = 0
        for position in stride(from: 16, through: 0, by: -1) {
            sum += remaining % 10 * weights[position]
            remaining /= 10
        }
        return checkCharacters[sum % 11]
    }

    var region: Int { body / 100_000_000_000 }
    var birthYear: Int { body / 10_000_000 % 10000 }
    var birthMonth: Int { body / 100_000 % 100 }
    var birthDay: Int { body / 1000 % 100 }
    var sequence: Int { body % 1000 }
    var endsWithX: Bool { check == UInt8(ascii: "X") }

    /// Whether the legacy 15-digit form exists: only for people born in the 1900s.
    var hasFifteenDigitForm: Bool { (1900...1999).contains(birthYear) }

    /// The canonical 18 characters.
    var text: String {
        String(body) + String(UnicodeScalar(check))
    }

    /// The legacy 15 digits: region, two-digit year, month, day, sequence.
    var fifteenDigitText: String {
        let short = (region * 1_000_000 + birthYear % 100 * 10000 + birthMonth * 100 + birthDay)
        let digits = String(short * 1000 + sequence)
        return String(repeating: "0", count: max(0, 15 - digits.count)) + digits
    }

    /// Appends the canonical 18 characters, or the legacy 15, or a lowercase `x`.
    @inline(__always)
    func write(to sink: ByteSink, form: IDForm = .canonical) {
        switch form {
        case .canonical:
            sink.append(decimal: body, width: 17)
            sink.append(check)
        case .lowercaseX:
            sink.append(decimal: body, width: 17)
            sink.append(check == UInt8(ascii: "X") ? UInt8(ascii: "x") : check)
        case .fifteenDigits:
            let short = region * 1_000_000 + birthYear % 100 * 10000 + birthMonth * 100 + birthDay
            sink.append(decimal: short * 1000 + sequence, width: 15)
        }
    }

    /// The same number with the sequence's first digit replaced, check character recomputed:
    /// a valid number one digit away.
    func replacingSequenceLead(with digit: Int) -> ResidentID {
        let sequence = self.sequence
        return ResidentID(body: body - sequence + digit * 100 + sequence % 100)
    }
}

/// How a department or registry row writes an ID number.
enum IDForm: Sendable {
    case canonical
    /// The check character `X` in lower case (other numbers are unchanged).
    case lowercaseX
    /// The legacy 15 digits; only for people born in the 1900s.
    case fifteenDigits
}

/// A block of ID numbers that one kind of person draws from: regions, a range of birth days
/// and some sequence digits. A slot number picks one number of the block, so distinct slots
/// give distinct numbers, and blocks are chosen not to overlap.
struct IDSpace: Sendable {
    let regions: [Int]
    /// Day numbers (see ``CivilDate``) of the first and last birth day.
    let firstDay: Int
    let dayCount: Int
    /// The first sequence digit: blocks that share birth days keep apart by it.
    let leadDigits: ClosedRange<Int>
    /// Whether the slot fixes the second sequence digit; when not, the caller picks it.
    let slotFixesMiddleDigit: Bool
    /// Whether the slot fixes the sex: then the last digit comes from the caller's sex.
    let sexIsGiven: Bool

    init(
        regions: [String],
        born from: CivilDate,
        through last: CivilDate,
        leadDigits: ClosedRange<Int>,
        slotFixesMiddleDigit: Bool,
        sexIsGiven: Bool
    ) {
        self.regions = regions.map { Int($0) ?? 0 }
        firstDay = from.dayNumber
        dayCount = last.dayNumber - from.dayNumber + 1
        self.leadDigits = leadDigits
        self.slotFixesMiddleDigit = slotFixesMiddleDigit
        self.sexIsGiven = sexIsGiven
    }

    var capacity: Int {
        regions.count * dayCount * leadDigits.count * (slotFixesMiddleDigit ? 10 : 1)
            * (sexIsGiven ? 5 : 10)
    }

    /// The number in `slot`; `middleDigit` is used when the slot does not fix it, and
    /// `isMale` when the slot does not fix the sex.
    func number(slot: Int, middleDigit: Int, isMale: Bool) -> ResidentID {
        var rest = slot
        let region = regions[rest % regions.count]
        rest /= regions.count
        let date = CivilDate(dayNumber: firstDay + rest % dayCount)
        rest /= dayCount
        let lead = leadDigits.lowerBound + rest % leadDigits.count
        rest /= leadDigits.count
        var middle = middleDigit
        if slotFixesMiddleDigit {
            middle = rest % 10
            rest /= 10
        }
        let last = sexIsGiven ? rest % 5 * 2 + (isMale ? 1 : 0) : rest % 10
        return ResidentID(
            region: region,
            year: date.year,
            month: date.month,
            day: date.day,
            sequence: lead * 100 + middle * 10 + last
        )
    }
}

/// A day of the proleptic Gregorian calendar, convertible to and from a day number.
struct CivilDate: Hashable, Comparable, Sendable {
    let year: Int
    let month: Int
    let day: Int

    init(_ year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01.
    var dayNumber: Int {
        CalendarDate.dayNumber(year: year, month: month, day: day)
    }

    init(dayNumber: Int) {
        (year, month, day) = CalendarDate.parts(ofDayNumber: dayNumber)
    }

    /// Months since year 0, as `YearMonth.ordinal` counts them.
    var monthOrdinal: Int { year * 12 + month - 1 }

    /// `YYYY-MM-DD`.
    var text: String {
        let monthText = month < 10 ? "0\(month)" : "\(month)"
        let dayText = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(monthText)-\(dayText)"
    }

    static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        CalendarDate.daysIn(month: month, year: year)
    }
}

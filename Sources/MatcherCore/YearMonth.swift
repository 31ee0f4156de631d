/// A calendar month, such as the `YYYYMM` of a contribution period.
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1...12).contains(month), (1900...2200).contains(year) else { return nil }
        self.init(checkedYear: year, month: month)
    }

    /// For values already known to be in range.
    init(checkedYear year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// Reads `YYYYMM` (as in the feeds) or `YYYY-MM` (as in the policy files).
    public init?(_ text: some StringProtocol) {
        var bytes = Array(text.utf8)
        if bytes.count == 7, bytes[4] == UInt8(ascii: "-") {
            bytes.remove(at: 4)
        }
        guard bytes.count == 6, bytes.allSatisfy({ (0x30...0x39).contains($0) }) else {
            return nil
        }
        let value = bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        self.init(year: value / 100, month: value % 100)
    }

    /// Months since the start of year 0: makes month arithmetic plain integer arithmetic.
    public var ordinal: Int { year * 12 + (month - 1) }

    public init?(ordinal: Int) {
        self.init(year: ordinal / 12, month: ordinal % 12 + 1)
    }

    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool { lhs.ordinal < rhs.ordinal }

    public var description: String {
        let monthText = month < 10 ? "0\(month)" : "\(month)"
        return "\(year)-\(monthText)"
    }
}

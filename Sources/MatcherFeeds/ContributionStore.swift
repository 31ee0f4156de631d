import MatcherCore

/// The contribution periods a snapshot keeps, by personal number, in 16 bytes a period.
///
/// A province's night keeps about a dozen periods for each of a million applications. As
/// ``ContributionPeriod`` values each would repeat its personal number and carry three
/// strings; here the type and region codes are numbered once, a period is four integers,
/// and the periods of one number are made whole again when an application asks for them.
struct ContributionStore: Sendable {
    private struct Period: Sendable {
        var type: UInt32
        var region: UInt32
        var firstMonth: Int32
        /// `Int32.min` while still paying.
        var lastMonth: Int32
    }

    private var periodsByNumber: [String: [Period]] = [:]
    private var codes: [String] = []
    private var codeNumbers: [String: UInt32] = [:]
    private var recent: [(code: String, number: UInt32)] = []
    private var nextRecent = 0
    private static let recentCount = 4
    private(set) var count = 0

    /// Keeps a period, after those already kept for its personal number.
    mutating func append(_ period: ContributionPeriod) {
        let compact = Period(
            type: number(of: period.insuranceType),
            region: number(of: period.region),
            firstMonth: Int32(truncatingIfNeeded: period.firstMonth.ordinal),
            lastMonth: period.lastMonth.map { Int32(truncatingIfNeeded: $0.ordinal) } ?? .min
        )
        periodsByNumber[period.personalNumber, default: []].append(compact)
        count += 1
    }

    /// The periods kept for a personal number, in the order they were kept.
    func periods(of personalNumber: String) -> [ContributionPeriod] {
        guard let kept = periodsByNumber[personalNumber] else { return [] }
        return kept.compactMap { period in
            // Months were read as real months, so they are made again as they were.
            guard let first = YearMonth(ordinal: Int(period.firstMonth)) else { return nil }
            return ContributionPeriod(
                personalNumber: personalNumber,
                insuranceType: codes[Int(period.type)],
                firstMonth: first,
                lastMonth: period.lastMonth == .min
                    ? nil : YearMonth(ordinal: Int(period.lastMonth)),
                region: codes[Int(period.region)]
            )
        }
    }

    /// The number of a code, given it the first time it is seen. A handful of codes occur,
    /// most rows repeating the row before, so the last few are compared before the table.
    private mutating func number(of code: String) -> UInt32 {
        for (known, number) in recent where known == code {
            return number
        }
        let number = tableNumber(of: code)
        if recent.count < Self.recentCount {
            recent.append((code, number))
        } else {
            recent[nextRecent] = (code, number)
            nextRecent = (nextRecent + 1) % Self.recentCount
        }
        return number
    }

    private mutating func tableNumber(of code: String) -> UInt32 {
        if let number = codeNumbers[code] {
            return number
        }
        let number = UInt32(codes.count)
        codes.append(code)
        codeNumbers[code] = number
        return number
    }
}

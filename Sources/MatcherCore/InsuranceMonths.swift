/// Months paid per insurance type and band, as the result export shows them.
public struct InsuranceMonths: Hashable, Sendable {
    /// Months by type key (`pension`) and band key (`recent`).
    public var byType: [String: [String: Int]]

    public init(byType: [String: [String: Int]]) {
        self.byType = byType
    }

    /// Every type and band at zero: the table a side with a problem contributes.
    public static func zero(for policy: PointsPolicy) -> InsuranceMonths {
        var byType: [String: [String: Int]] = [:]
        for type in policy.insurance.types {
            byType[type.key] = Dictionary(
                uniqueKeysWithValues: policy.insurance.bands.map { ($0.key, 0) }
            )
        }
        return InsuranceMonths(byType: byType)
    }

    /// Counts the months of `periods` that fall in the policy's window, in a counted region,
    /// for the types `department` holds; a month counts once per type however many periods
    /// cover it.
    public static func count(
        _ periods: [ContributionPeriod],
        of department: Department,
        snapshotMonth: YearMonth,
        policy: PointsPolicy
    ) -> InsuranceMonths {
        let counting = MonthCounting(policy: policy)
        return counting.zero.merging(
            counting.count(periods, of: department, snapshotMonth: snapshotMonth),
            for: counting.types(of: department)
        )
    }

    /// Takes the months of `types` from another table: each department holds its own
    /// types, so a department's table replaces exactly those.
    public func merging(_ other: InsuranceMonths, for types: [PointsPolicy.InsuranceType])
        -> InsuranceMonths
    {
        var merged = self
        for type in types {
            if let bands = other.byType[type.key] {
                merged.byType[type.key] = bands
            }
        }
        return merged
    }

    /// The points these months earn: summed exactly in twelfths, rounded once.
    public func points(under policy: PointsPolicy) -> Double {
        var twelfths = 0
        for type in policy.insurance.types {
            for band in policy.insurance.bands {
                twelfths += (byType[type.key]?[band.key] ?? 0) * band.pointsPerYear
            }
        }
        return Points.rounded(twelfths: twelfths, decimals: policy.insurance.decimals)
    }
}

/// Exact points arithmetic: every rate is whole points per year, so a month is a twelfth.
public enum Points {
    /// `twelfths / 12` rounded half up to `decimals` places.
    public static func rounded(twelfths: Int, decimals: Int) -> Double {
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        // Half up on non-negative values: add half of the divisor before dividing.
        let scaled = (twelfths * scale * 2 + 12) / 24
        return Double(scaled) / Double(scale)
    }
}

/// What counting months needs of a policy, worked out once for every application: the
/// window, the counted regions, each department's types and the bands as offsets into the
/// window.
struct MonthCounting: Sendable {
    let windowStart: Int
    let windowLength: Int
    let regions: Set<String>
    let hrssTypes: [PointsPolicy.InsuranceType]
    let medicalTypes: [PointsPolicy.InsuranceType]
    /// Each band's key and its first and last month, counted from the window's start.
    let bands: [(key: String, first: Int, last: Int)]
    /// Every type and band at zero.
    let zero: InsuranceMonths
    private let windowEnd: Int

    init(policy: PointsPolicy) {
        windowStart = policy.windowStart
        windowEnd = policy.windowEnd
        windowLength = max(0, windowEnd - windowStart + 1)
        regions = Set(policy.insurance.countedRegions)
        hrssTypes = policy.insurance.types.filter { $0.department == .hrss }
        medicalTypes = policy.insurance.types.filter { $0.department == .medical }
        let start = windowStart
        bands = policy.insurance.bands.map { band in
            (band.key, band.from.ordinal - start, band.to.ordinal - start)
        }
        zero = InsuranceMonths.zero(for: policy)
    }

    func types(of department: Department) -> [PointsPolicy.InsuranceType] {
        department == .hrss ? hrssTypes : medicalTypes
    }

    /// The months of `department`'s types alone: see ``InsuranceMonths/count(_:of:snapshotMonth:policy:)``.
    func count(
        _ periods: [ContributionPeriod],
        of department: Department,
        snapshotMonth: YearMonth
    ) -> InsuranceMonths {
        var byType: [String: [String: Int]] = [:]
        let words = (windowLength + 63) / 64
        // One bit per month of the window, the union of a type's periods.
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(words, 1)) { paid in
            for type in types(of: department) {
                paid.initialize(repeating: 0)
                if windowLength > 0 {
                    for period in periods
                    where period.insuranceType == type.code && regions.contains(period.region) {
                        let first = max(period.firstMonth.ordinal, windowStart)
                        let last = min((period.lastMonth ?? snapshotMonth).ordinal, windowEnd)
                        guard first <= last else { continue }
                        Self.setBits(first - windowStart, last - windowStart, in: paid)
                    }
                }
                var counts: [String: Int] = [:]
                counts.reserveCapacity(bands.count)
                for band in bands {
                    counts[band.key] = Self.countBits(band.first, band.last, in: paid)
                }
                byType[type.key] = counts
            }
        }
        return InsuranceMonths(byType: byType)
    }

    private static func setBits(
        _ first: Int,
        _ last: Int,
        in words: UnsafeMutableBufferPointer<UInt64>
    ) {
        for index in first...last {
            words[index >> 6] |= 1 << UInt64(index & 63)
        }
    }

    private static func countBits(
        _ first: Int,
        _ last: Int,
        in words: UnsafeMutableBufferPointer<UInt64>
    ) -> Int {
        guard first <= last else { return 0 }
        var count = 0
        for index in first...last where words[index >> 6] & (1 << UInt64(index & 63)) != 0 {
            count += 1
        }
        return count
    }
}

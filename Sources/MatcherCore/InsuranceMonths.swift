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
        var months = zero(for: policy)
        let windowStart = policy.windowStart
        let windowLength = policy.windowEnd - windowStart + 1
        guard windowLength > 0 else { return months }
        let regions = Set(policy.insurance.countedRegions)
        for type in policy.insurance.types where type.department == department {
            var paid = [Bool](repeating: false, count: windowLength)
            for period in periods
            where period.insuranceType == type.code && regions.contains(period.region) {
                let first = max(period.firstMonth.ordinal, windowStart)
                let last = min((period.lastMonth ?? snapshotMonth).ordinal, policy.windowEnd)
                guard first <= last else { continue }
                for month in first...last {
                    paid[month - windowStart] = true
                }
            }
            for band in policy.insurance.bands {
                let count = band.months.reduce(0) { total, month in
                    total + (paid[month - windowStart] ? 1 : 0)
                }
                months.byType[type.key, default: [:]][band.key] = count
            }
        }
        return months
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

/// Months paid per insurance type and band, as the result export shows them.
///
/// Kept as a table sorted by type and band key, the order the export writes it in, so that
/// writing, comparing and adding up a million of them sorts and hashes nothing; ``byType``
/// is the same table as dictionaries.
public struct InsuranceMonths: Hashable, Sendable {
    /// The types in the order of their keys, each with its bands in the order of theirs.
    private(set) var table: [TypeMonths]

    /// One type's months per band.
    struct TypeMonths: Hashable, Sendable {
        var type: String
        var bands: [BandMonths]
    }

    struct BandMonths: Hashable, Sendable {
        var band: String
        var months: Int
    }

    /// Months by type key (`pension`) and band key (`recent`).
    public var byType: [String: [String: Int]] {
        get {
            var byType: [String: [String: Int]] = [:]
            for entry in table {
                byType[entry.type] = Dictionary(
                    entry.bands.map { ($0.band, $0.months) },
                    uniquingKeysWith: { first, _ in first }
                )
            }
            return byType
        }
        set {
            self = InsuranceMonths(byType: newValue)
        }
    }

    public init(byType: [String: [String: Int]]) {
        table = byType.sorted { $0.key < $1.key }.map { type, bands in
            TypeMonths(
                type: type,
                bands: bands.sorted { $0.key < $1.key }.map {
                    BandMonths(band: $0.key, months: $0.value)
                }
            )
        }
    }

    /// A table already in key order.
    init(sortedTable table: [TypeMonths]) {
        self.table = table
    }

    /// The months of one type in one band; nil when the table has no such entry.
    public func months(of type: String, in band: String) -> Int? {
        guard let entry = table.first(where: { $0.type == type }) else { return nil }
        return entry.bands.first(where: { $0.band == band })?.months
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
            guard let entry = other.table.first(where: { $0.type == type.key }) else { continue }
            if let index = merged.table.firstIndex(where: { $0.type == type.key }) {
                merged.table[index] = entry
            } else {
                let index = merged.table.firstIndex { $0.type > type.key } ?? merged.table.count
                merged.table.insert(entry, at: index)
            }
        }
        return merged
    }

    /// The points these months earn: summed exactly in twelfths, rounded once.
    public func points(under policy: PointsPolicy) -> Double {
        var twelfths = 0
        for type in policy.insurance.types {
            for band in policy.insurance.bands {
                twelfths += (months(of: type.key, in: band.key) ?? 0) * band.pointsPerYear
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
    /// The counted regions; a handful, compared directly.
    let regionList: [String]
    let hrssTypes: [PointsPolicy.InsuranceType]
    let medicalTypes: [PointsPolicy.InsuranceType]
    /// Each band's key and its first and last month, counted from the window's start.
    let bands: [(key: String, first: Int, last: Int)]
    /// Every type and band at zero.
    let zero: InsuranceMonths
    private let windowEnd: Int
    /// The bands in the order of their keys, and each department's types likewise.
    private let sortedBands: [(key: String, first: Int, last: Int)]
    private let hrssSortedIndices: [Int]
    private let medicalSortedIndices: [Int]

    init(policy: PointsPolicy) {
        windowStart = policy.windowStart
        windowEnd = policy.windowEnd
        windowLength = max(0, windowEnd - windowStart + 1)
        regionList = Array(Set(policy.insurance.countedRegions))
        hrssTypes = policy.insurance.types.filter { $0.department == .hrss }
        medicalTypes = policy.insurance.types.filter { $0.department == .medical }
        let start = windowStart
        bands = policy.insurance.bands.map { band in
            (band.key, band.from.ordinal - start, band.to.ordinal - start)
        }
        zero = InsuranceMonths.zero(for: policy)
        sortedBands = bands.sorted { $0.key < $1.key }
        let hrss = hrssTypes
        let medical = medicalTypes
        hrssSortedIndices = hrss.indices.sorted { hrss[$0].key < hrss[$1].key }
        medicalSortedIndices = medical.indices.sorted { medical[$0].key < medical[$1].key }
    }

    func types(of department: Department) -> [PointsPolicy.InsuranceType] {
        department == .hrss ? hrssTypes : medicalTypes
    }

    /// The positions in ``types(of:)`` in the order of the types' keys.
    private func sortedTypeIndices(of department: Department) -> [Int] {
        department == .hrss ? hrssSortedIndices : medicalSortedIndices
    }

    /// The months of `department`'s types alone: see ``InsuranceMonths/count(_:of:snapshotMonth:policy:)``.
    func count(
        _ periods: [ContributionPeriod],
        of department: Department,
        snapshotMonth: YearMonth
    ) -> InsuranceMonths {
        let types = types(of: department)
        let words = max(1, (windowLength + 63) / 64)
        // One bit per month of the window and type, the union of the type's periods.
        let byType = withUnsafeTemporaryAllocation(
            of: UInt64.self,
            capacity: words * max(1, types.count)
        ) { paid -> [InsuranceMonths.TypeMonths] in
            paid.initialize(repeating: 0)
            if windowLength > 0 {
                for period in periods where regionList.contains(period.region) {
                    let first = max(period.firstMonth.ordinal, windowStart)
                    let last = min((period.lastMonth ?? snapshotMonth).ordinal, windowEnd)
                    guard first <= last else { continue }
                    for (index, type) in types.enumerated() where period.insuranceType == type.code
                    {
                        let bits = UnsafeMutableBufferPointer(
                            rebasing: paid[(index * words)..<((index + 1) * words)]
                        )
                        Self.setBits(first - windowStart, last - windowStart, in: bits)
                    }
                }
            }
            var table: [InsuranceMonths.TypeMonths] = []
            table.reserveCapacity(types.count)
            for index in sortedTypeIndices(of: department) {
                let bits = UnsafeMutableBufferPointer(
                    rebasing: paid[(index * words)..<((index + 1) * words)]
                )
                var counts: [InsuranceMonths.BandMonths] = []
                counts.reserveCapacity(sortedBands.count)
                for band in sortedBands {
                    counts.append(
                        InsuranceMonths.BandMonths(
                            band: band.key,
                            months: Self.countBits(band.first, band.last, in: bits)
                        )
                    )
                }
                table.append(InsuranceMonths.TypeMonths(type: types[index].key, bands: counts))
            }
            return table
        }
        return InsuranceMonths(sortedTable: byType)
    }

    /// Sets the bits `first...last`, a word at a time.
    private static func setBits(
        _ first: Int,
        _ last: Int,
        in words: UnsafeMutableBufferPointer<UInt64>
    ) {
        for word in (first >> 6)...(last >> 6) {
            words[word] |= mask(word, first, last)
        }
    }

    /// How many of the bits `first...last` are set.
    private static func countBits(
        _ first: Int,
        _ last: Int,
        in words: UnsafeMutableBufferPointer<UInt64>
    ) -> Int {
        guard first <= last else { return 0 }
        var count = 0
        for word in (first >> 6)...(last >> 6) {
            count += (words[word] & mask(word, first, last)).nonzeroBitCount
        }
        return count
    }

    /// The bits of word `word` that lie in `first...last`.
    private static func mask(_ word: Int, _ first: Int, _ last: Int) -> UInt64 {
        let low = max(first, word << 6) & 63
        let high = min(last, (word << 6) + 63) & 63
        let fromLow = UInt64.max << UInt64(low)
        let toHigh = high == 63 ? UInt64.max : (UInt64(1) << UInt64(high + 1)) - 1
        return fromLow & toHigh
    }
}

/// One year's rules for the system-computed points, read from `mappings/policy/<year>.json`.
///
/// Everything that changes from year to year lives here, not in code: which insurance types
/// count, the window and its bands, where contributions must have been paid, and how home
/// ownership is counted.
public struct PointsPolicy: Hashable, Sendable, Codable {
    public var year: Int
    public var insurance: Insurance
    public var property: Property

    /// 参保年限: insurance years.
    public struct Insurance: Hashable, Sendable, Codable {
        public var types: [InsuranceType]
        /// 参保地 codes whose months count (Kunshan is `320583`).
        public var countedRegions: [String]
        /// The window's bands; together they make the window, and they must not overlap.
        public var bands: [Band]
        /// Decimal places the total is rounded to, once, half up.
        public var decimals: Int
    }

    /// One insurance type (险种) and the department that holds it.
    public struct InsuranceType: Hashable, Sendable, Codable {
        /// The feed's code, e.g. `110`.
        public var code: String
        /// The name in the result export, e.g. `pension`.
        public var key: String
        public var department: Department
    }

    /// A span of months with its own rate, e.g. the recent 36 months at 4 points a year.
    public struct Band: Hashable, Sendable, Codable {
        public var key: String
        public var from: YearMonth
        public var to: YearMonth
        public var pointsPerYear: Int

        public var months: ClosedRange<Int> { from.ordinal...to.ordinal }
    }

    /// 房产年限: years of home ownership.
    public struct Property: Hashable, Sendable, Codable {
        /// Months owned and a sibling owner's age are counted up to this day.
        public var referenceDate: CalendarDate
        public var basePoints: Int
        public var pointsPerYear: Int
        public var maximumPoints: Int
        /// 规划用途 values that count as residential (住宅类).
        public var residentialUses: [String]
        /// A sibling owner must be younger than this on the reference date.
        public var siblingAgeLimit: Int
    }

    /// The first month of the window.
    public var windowStart: Int { insurance.bands.map(\.from.ordinal).min() ?? 0 }
    /// The last month of the window.
    public var windowEnd: Int { insurance.bands.map(\.to.ordinal).max() ?? -1 }
}

/// The two insurance departments, which deliver separately.
public enum Department: String, Hashable, Sendable, Codable, CaseIterable {
    /// 人社: pension, unemployment and work injury, keyed by 社保个人编号.
    case hrss
    /// 医保: medical and maternity, keyed by 医保个人内码.
    case medical
}

/// An error in a policy file: the file is the service's own, so this stops the run.
public struct PolicyError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public var description: String { message }
}

extension PointsPolicy {
    /// Checks what the type system cannot: bands inside one window that do not overlap,
    /// and rates that are not negative.
    public func validate() throws(PolicyError) {
        let bands = insurance.bands.sorted { $0.from < $1.from }
        guard !bands.isEmpty else { throw PolicyError(message: "the policy has no bands") }
        for band in bands where band.from > band.to || band.pointsPerYear < 0 {
            throw PolicyError(message: "band \(band.key) runs backwards or has a negative rate")
        }
        for (earlier, later) in zip(bands, bands.dropFirst()) where earlier.to >= later.from {
            throw PolicyError(message: "bands \(earlier.key) and \(later.key) overlap")
        }
        guard Set(insurance.types.map(\.key)).count == insurance.types.count,
            Set(insurance.types.map(\.code)).count == insurance.types.count
        else {
            throw PolicyError(message: "an insurance type is listed twice")
        }
        guard (0...6).contains(insurance.decimals) else {
            throw PolicyError(message: "decimals must be between 0 and 6")
        }
    }
}

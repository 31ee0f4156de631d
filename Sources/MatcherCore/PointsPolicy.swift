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
        /// The window's bands; together they make the window, so they must neither overlap
        /// nor leave a month between them uncovered.
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
public enum Department: String, Hashable, Sendable, CaseIterable {
    /// 人社: pension, unemployment and work injury, keyed by 社保个人编号.
    case hrss
    /// 医保: medical and maternity, keyed by 医保个人内码.
    case medical
}

extension Department: Codable {
    /// Reads a department's name, refusing any other word with the names that are allowed,
    /// so an operator reading the error knows what to write.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let department = Department(rawValue: text) else {
            let allowed = Department.allCases.map(\.rawValue).joined(separator: " or ")
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "'\(text)' is not a department; use \(allowed)"
            )
        }
        self = department
    }
}

/// An error in a policy file: the file is the service's own, so this stops the run.
public struct PolicyError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public var description: String { message }
}

extension PointsPolicy {
    /// Checks what the type system cannot, and throws every problem found in one error.
    ///
    /// The insurance part needs at least one type, each listed once with a code and a key;
    /// counted regions that are six-digit codes; bands that run forwards at rates that are
    /// not negative and together cover one window without overlaps or gaps (a month in a gap
    /// would be inside the window yet earn nothing, silently); and 0 to 6 decimals. The
    /// property part needs rates that are not negative, a maximum not below the base points,
    /// at least one residential use and a sibling age limit of 1 to 30 years.
    ///
    /// The policy's `year` is not checked here: only the loader knows which year the file
    /// was meant to hold.
    public func validate() throws(PolicyError) {
        let problems = validationProblems()
        guard problems.isEmpty else {
            throw PolicyError(message: problems.joined(separator: "; "))
        }
    }

    /// Every problem of the policy, in the order of the file, each naming its field.
    func validationProblems() -> [String] {
        insurance.typeProblems()
            + insurance.regionProblems()
            + insurance.bandProblems()
            + insurance.decimalsProblems()
            + property.problems()
    }
}

extension PointsPolicy.Insurance {
    fileprivate func typeProblems() -> [String] {
        guard !types.isEmpty else {
            return ["insurance.types is empty: at least one insurance type must count"]
        }
        var problems: [String] = []
        for (index, type) in types.enumerated() {
            if type.code.isEmpty {
                problems.append("insurance.types[\(index)].code is empty")
            }
            if type.key.isEmpty {
                problems.append("insurance.types[\(index)].key is empty")
            }
        }
        if Set(types.map(\.code)).count != types.count {
            problems.append("insurance.types lists a code twice")
        }
        if Set(types.map(\.key)).count != types.count {
            problems.append("insurance.types lists a key twice")
        }
        return problems
    }

    fileprivate func regionProblems() -> [String] {
        guard !countedRegions.isEmpty else {
            return ["insurance.countedRegions is empty: no month would ever count"]
        }
        var problems: [String] = []
        for (index, region) in countedRegions.enumerated() where !Self.isRegionCode(region) {
            problems.append(
                "insurance.countedRegions[\(index)] '\(region)' is not a six-digit region code"
            )
        }
        return problems
    }

    fileprivate func bandProblems() -> [String] {
        guard !bands.isEmpty else {
            return ["insurance.bands is empty: the window needs at least one band"]
        }
        var problems: [String] = []
        for (index, band) in bands.enumerated() {
            let field = "insurance.bands[\(index)] (\(band.key))"
            if band.key.isEmpty {
                problems.append("insurance.bands[\(index)].key is empty")
            }
            if band.from > band.to {
                problems.append("\(field) runs backwards, from \(band.from) to \(band.to)")
            }
            if band.pointsPerYear < 0 {
                problems.append("\(field).pointsPerYear is negative (\(band.pointsPerYear))")
            }
        }
        if Set(bands.map(\.key)).count != bands.count {
            problems.append("insurance.bands lists a key twice")
        }
        // Order in time, whatever the file's order, and only then compare neighbours.
        let inTime = bands.filter { $0.from <= $0.to }.sorted { $0.from < $1.from }
        for (earlier, later) in zip(inTime, inTime.dropFirst()) {
            if earlier.to >= later.from {
                problems.append("bands \(earlier.key) and \(later.key) overlap")
            } else if earlier.to.ordinal + 1 != later.from.ordinal {
                problems.append(
                    "bands \(earlier.key) and \(later.key) leave a gap after \(earlier.to): "
                        + "every month of the window must be in a band"
                )
            }
        }
        return problems
    }

    fileprivate func decimalsProblems() -> [String] {
        guard (0...6).contains(decimals) else {
            return ["insurance.decimals must be between 0 and 6, found \(decimals)"]
        }
        return []
    }

    private static func isRegionCode(_ text: String) -> Bool {
        text.utf8.count == 6 && text.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }
}

extension PointsPolicy.Property {
    /// Allowed sibling age limits: the limit is an age of majority (18 in 2023), so 0 would
    /// refuse every sibling and anything past 30 is more likely a typo than a policy.
    static let siblingAgeLimits = 1...30

    fileprivate func problems() -> [String] {
        var problems: [String] = []
        if basePoints < 0 {
            problems.append("property.basePoints is negative (\(basePoints))")
        }
        if pointsPerYear < 0 {
            problems.append("property.pointsPerYear is negative (\(pointsPerYear))")
        }
        if maximumPoints < basePoints {
            problems.append(
                "property.maximumPoints (\(maximumPoints)) is below property.basePoints "
                    + "(\(basePoints))"
            )
        }
        if residentialUses.isEmpty {
            problems.append("property.residentialUses is empty: no home would ever count")
        }
        for (index, use) in residentialUses.enumerated() where use.allSatisfy(\.isWhitespace) {
            problems.append("property.residentialUses[\(index)] is blank")
        }
        if !Self.siblingAgeLimits.contains(siblingAgeLimit) {
            problems.append(
                "property.siblingAgeLimit must be between \(Self.siblingAgeLimits.lowerBound) "
                    + "and \(Self.siblingAgeLimits.upperBound), found \(siblingAgeLimit)"
            )
        }
        return problems
    }
}

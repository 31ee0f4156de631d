/// What one match of one application version produced: what the parent reads next morning.
public struct MatchResult: Hashable, Sendable {
    public var applicationId: String
    public var version: Int
    public var socialInsurance: SocialInsuranceResult
    public var property: PropertyResult

    public init(
        applicationId: String,
        version: Int,
        socialInsurance: SocialInsuranceResult,
        property: PropertyResult
    ) {
        self.applicationId = applicationId
        self.version = version
        self.socialInsurance = socialInsurance
        self.property = property
    }

    /// Whether a part of the result waits for a feed that could not be read.
    public var isPending: Bool {
        socialInsurance.outcome == .pending || property.outcome == .pending
    }
}

/// The social-insurance half of a result.
public struct SocialInsuranceResult: Hashable, Sendable {
    public var outcome: SocialInsuranceOutcome
    /// Every problem found, in the contract's order; empty when matched.
    public var problems: [SocialInsuranceOutcome]
    public var parentMessages: [String]
    /// nil while pending.
    public var months: InsuranceMonths?
    /// nil unless matched.
    public var points: Double?

    public init(
        outcome: SocialInsuranceOutcome,
        problems: [SocialInsuranceOutcome],
        parentMessages: [String],
        months: InsuranceMonths?,
        points: Double?
    ) {
        self.outcome = outcome
        self.problems = problems
        self.parentMessages = parentMessages
        self.months = months
        self.points = points
    }
}

/// The property half of a result.
public struct PropertyResult: Hashable, Sendable {
    public var outcome: PropertyOutcome
    public var problems: [PropertyOutcome]
    public var parentMessages: [String]
    /// The following are set only when matched.
    public var registeredOn: CalendarDate?
    public var monthsOwned: Int?
    public var points: Double?

    public init(
        outcome: PropertyOutcome,
        problems: [PropertyOutcome],
        parentMessages: [String],
        registeredOn: CalendarDate? = nil,
        monthsOwned: Int? = nil,
        points: Double? = nil
    ) {
        self.outcome = outcome
        self.problems = problems
        self.parentMessages = parentMessages
        self.registeredOn = registeredOn
        self.monthsOwned = monthsOwned
        self.points = points
    }
}

// The export contract wants null for absent values rather than a missing key, so these
// encode every field explicitly.

extension SocialInsuranceResult: Codable {
    private enum CodingKeys: String, CodingKey {
        case outcome, problems, parentMessages, months, points
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        outcome = try container.decode(SocialInsuranceOutcome.self, forKey: .outcome)
        problems = try container.decode([SocialInsuranceOutcome].self, forKey: .problems)
        parentMessages = try container.decode([String].self, forKey: .parentMessages)
        let table = try container.decodeIfPresent([String: [String: Int]].self, forKey: .months)
        months = table.map(InsuranceMonths.init(byType:))
        points = try container.decodeIfPresent(Double.self, forKey: .points)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(problems, forKey: .problems)
        try container.encode(parentMessages, forKey: .parentMessages)
        try container.encode(months?.byType, forKey: .months)
        try container.encode(points, forKey: .points)
    }
}

extension PropertyResult: Codable {
    private enum CodingKeys: String, CodingKey {
        case outcome, problems, parentMessages, registeredOn, monthsOwned, points
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        outcome = try container.decode(PropertyOutcome.self, forKey: .outcome)
        problems = try container.decode([PropertyOutcome].self, forKey: .problems)
        parentMessages = try container.decode([String].self, forKey: .parentMessages)
        registeredOn = try container.decodeIfPresent(CalendarDate.self, forKey: .registeredOn)
        monthsOwned = try container.decodeIfPresent(Int.self, forKey: .monthsOwned)
        points = try container.decodeIfPresent(Double.self, forKey: .points)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(outcome, forKey: .outcome)
        try container.encode(problems, forKey: .problems)
        try container.encode(parentMessages, forKey: .parentMessages)
        try container.encode(registeredOn, forKey: .registeredOn)
        try container.encode(monthsOwned, forKey: .monthsOwned)
        try container.encode(points, forKey: .points)
    }
}

extension MatchResult: Codable {}

import Foundation
import Testing

@testable import MatcherCore

/// One field of the 2023 policy set to a value that must be refused, with the problem that
/// names it.
struct BrokenPolicy: Sendable, CustomTestStringConvertible {
    let testDescription: String
    let problem: String
    let damage: @Sendable (inout PointsPolicy) throws -> Void

    init(
        _ testDescription: String,
        problem: String,
        damage: @escaping @Sendable (inout PointsPolicy) throws -> Void
    ) {
        self.testDescription = testDescription
        self.problem = problem
        self.damage = damage
    }
}

/// A band of the 2023 policy's kind, from `YYYY-MM` texts.
private func band(_ key: String, _ from: String, _ to: String, rate: Int = 2) throws
    -> PointsPolicy.Band
{
    PointsPolicy.Band(key: key, from: try month(from), to: try month(to), pointsPerYear: rate)
}

private let brokenPolicies: [BrokenPolicy] = [
    BrokenPolicy(
        "maximum points below zero",
        problem: "property.maximumPoints (-5) is below property.basePoints (40)"
    ) { $0.property.maximumPoints = -5 },
    BrokenPolicy(
        "maximum points below the base points",
        problem: "property.maximumPoints (39) is below property.basePoints (40)"
    ) { $0.property.maximumPoints = 39 },
    BrokenPolicy(
        "negative base points",
        problem: "property.basePoints is negative (-1)"
    ) { $0.property.basePoints = -1 },
    BrokenPolicy(
        "negative property points per year",
        problem: "property.pointsPerYear is negative (-1)"
    ) { $0.property.pointsPerYear = -1 },
    BrokenPolicy(
        "no residential uses",
        problem: "property.residentialUses is empty: no home would ever count"
    ) { $0.property.residentialUses = [] },
    BrokenPolicy(
        "a blank residential use",
        problem: "property.residentialUses[1] is blank"
    ) { $0.property.residentialUses = ["住宅", " "] },
    BrokenPolicy(
        "sibling age limit of zero",
        problem: "property.siblingAgeLimit must be between 1 and 30, found 0"
    ) { $0.property.siblingAgeLimit = 0 },
    BrokenPolicy(
        "sibling age limit past thirty",
        problem: "property.siblingAgeLimit must be between 1 and 30, found 180"
    ) { $0.property.siblingAgeLimit = 180 },
    BrokenPolicy(
        "no insurance types",
        problem: "insurance.types is empty: at least one insurance type must count"
    ) { $0.insurance.types = [] },
    BrokenPolicy(
        "an insurance type listed twice",
        problem: "insurance.types lists a code twice"
    ) { $0.insurance.types[1].code = $0.insurance.types[0].code },
    BrokenPolicy(
        "an insurance type without a key",
        problem: "insurance.types[2].key is empty"
    ) { $0.insurance.types[2].key = "" },
    BrokenPolicy(
        "no counted regions",
        problem: "insurance.countedRegions is empty: no month would ever count"
    ) { $0.insurance.countedRegions = [] },
    BrokenPolicy(
        "a five-digit region",
        problem: "insurance.countedRegions[0] '32058' is not a six-digit region code"
    ) { $0.insurance.countedRegions = ["32058"] },
    BrokenPolicy(
        "a region with a letter",
        problem: "insurance.countedRegions[1] '32058A' is not a six-digit region code"
    ) { $0.insurance.countedRegions = ["320583", "32058A"] },
    BrokenPolicy(
        "a region with full-width digits",
        problem: "insurance.countedRegions[0] '３２０５８３' is not a six-digit region code"
    ) { $0.insurance.countedRegions = ["３２０５８３"] },
    BrokenPolicy(
        "no bands",
        problem: "insurance.bands is empty: the window needs at least one band"
    ) { $0.insurance.bands = [] },
    BrokenPolicy(
        "a gap between the bands",
        problem: "bands earlier and recent leave a gap after 2020-02: "
            + "every month of the window must be in a band"
    ) { $0.insurance.bands[1].to = try month("2020-02") },
    BrokenPolicy(
        "overlapping bands",
        problem: "bands earlier and recent overlap"
    ) { $0.insurance.bands[1].to = try month("2020-04") },
    BrokenPolicy(
        "a band that runs backwards",
        problem: "insurance.bands[0] (recent) runs backwards, from 2023-03 to 2020-04"
    ) {
        $0.insurance.bands[0] = try band("recent", "2023-03", "2020-04")
        $0.insurance.bands[1].to = try month("2023-03")
    },
    BrokenPolicy(
        "a band with a negative rate",
        problem: "insurance.bands[1] (earlier).pointsPerYear is negative (-2)"
    ) { $0.insurance.bands[1].pointsPerYear = -2 },
    BrokenPolicy(
        "two bands with one key",
        problem: "insurance.bands lists a key twice"
    ) { $0.insurance.bands[1].key = "recent" },
    BrokenPolicy(
        "seven decimals",
        problem: "insurance.decimals must be between 0 and 6, found 7"
    ) { $0.insurance.decimals = 7 },
]

@Suite struct PolicyValidationTests {
    @Test func repositoryPolicyFor2023IsValid() throws {
        let policy = try policy2023()
        #expect(policy.validationProblems() == [])
        try policy.validate()
    }

    @Test(arguments: brokenPolicies)
    func brokenFieldIsRefusedByName(_ broken: BrokenPolicy) throws {
        var policy = try policy2023()
        try broken.damage(&policy)
        #expect(policy.validationProblems() == [broken.problem])
        let error = try #require(throws: PolicyError.self) { try policy.validate() }
        #expect(error.message == broken.problem)
    }

    @Test func everyProblemIsReportedAtOnce() throws {
        var policy = try policy2023()
        policy.property.maximumPoints = -5
        policy.property.residentialUses = []
        policy.insurance.countedRegions = []
        let error = try #require(throws: PolicyError.self) { try policy.validate() }
        #expect(
            error.message
                == "insurance.countedRegions is empty: no month would ever count; "
                + "property.maximumPoints (-5) is below property.basePoints (40); "
                + "property.residentialUses is empty: no home would ever count"
        )
    }

    @Test(arguments: [1, 18, 30])
    func siblingAgeLimitsFromOneToThirtyAreAccepted(limit: Int) throws {
        var policy = try policy2023()
        policy.property.siblingAgeLimit = limit
        #expect(policy.validationProblems() == [])
    }

    @Test func maximumEqualToBaseAndZeroRatesAreAccepted() throws {
        var policy = try policy2023()
        policy.property.maximumPoints = policy.property.basePoints
        policy.property.pointsPerYear = 0
        policy.insurance.bands[1].pointsPerYear = 0
        #expect(policy.validationProblems() == [])
    }

    @Test func bandsMayBeListedInAnyOrder() throws {
        var policy = try policy2023()
        policy.insurance.bands.reverse()
        #expect(policy.validationProblems() == [])
    }

    @Test func threeAdjacentBandsMakeOneWindow() throws {
        var policy = try policy2023()
        policy.insurance.bands = [
            try band("first", "2013-04", "2016-12"),
            try band("middle", "2017-01", "2020-03"),
            try band("recent", "2020-04", "2023-03", rate: 4),
        ]
        #expect(policy.validationProblems() == [])
    }

    @Test func unknownDepartmentIsRefusedWithTheAllowedNames() throws {
        let json = Data(#"{ "code": "110", "key": "pension", "department": "tax" }"#.utf8)
        let error = try #require(throws: DecodingError.self) {
            try JSONDecoder().decode(PointsPolicy.InsuranceType.self, from: json)
        }
        guard case .dataCorrupted(let context) = error else {
            Issue.record("expected corrupt data, got \(error)")
            return
        }
        #expect(context.codingPath.map(\.stringValue) == ["department"])
        #expect(context.debugDescription == "'tax' is not a department; use hrss or medical")
    }

    @Test func departmentsAreWrittenByTheirNames() throws {
        let encoded = try JSONEncoder().encode([Department.hrss, Department.medical])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["hrss","medical"]"#)
        let decoded = try JSONDecoder().decode([Department].self, from: encoded)
        #expect(decoded == [.hrss, .medical])
    }
}

@Suite struct ParentMessagesValidationTests {
    private func textByCode() -> [String: String] {
        let codes =
            SocialInsuranceOutcome.allCases.map(\.rawValue)
            + PropertyOutcome.allCases.map(\.rawValue)
        return Dictionary(uniqueKeysWithValues: codes.map { ($0, "text for \($0)") })
    }

    @Test func everyCodeWithTextIsAccepted() throws {
        let messages = try ParentMessages(textByCode: textByCode())
        #expect(messages.text(for: PropertyOutcome.matched) == "text for PR_MATCHED")
    }

    @Test func missingAndBlankTextsAreAllNamed() throws {
        var texts = textByCode()
        texts["SI_PENDING"] = nil
        texts["PR_NO_RECORD"] = "  "
        let error = try #require(throws: PolicyError.self) {
            try ParentMessages(textByCode: texts)
        }
        #expect(error.message == "no text for SI_PENDING, PR_NO_RECORD")
    }
}

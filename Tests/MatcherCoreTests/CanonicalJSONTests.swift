import Foundation
import MatcherCore
import Testing

/// The direct writer of results gives the very bytes the generic encoder gives, so stored
/// documents compare equal whichever wrote them.
@Suite struct CanonicalJSONTests {
    static func encoded(_ result: MatchResult) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(result)
    }

    static func months(recent: Int, earlier: Int) -> InsuranceMonths {
        let bands = ["recent": recent, "earlier": earlier]
        return InsuranceMonths(byType: [
            "pension": bands, "unemployment": bands, "medical": bands, "injury": bands,
            "maternity": bands,
        ])
    }

    static func result(
        socialInsurance: SocialInsuranceResult,
        property: PropertyResult,
        id: String = "A2023-0001"
    ) -> MatchResult {
        MatchResult(
            applicationId: id,
            version: 3,
            socialInsurance: socialInsurance,
            property: property
        )
    }

    static let matchedProperty = PropertyResult(
        outcome: .matched,
        problems: [],
        parentMessages: ["已获取房屋产权登记信息"],
        registeredOn: CalendarDate(year: 2022, month: 2, day: 15),
        monthsOwned: 14,
        points: 41.17
    )

    @Test(arguments: [0.0, 0.17, 1.0, 9.5, 40.0, 41.17, 66.67, 100.0, 100.83, 130.0, 0.33])
    func matchedResultIsWrittenAsTheEncoderWritesIt(points: Double) throws {
        let result = Self.result(
            socialInsurance: SocialInsuranceResult(
                outcome: .matched,
                problems: [],
                parentMessages: ["如有问题请到社保部门核实"],
                months: Self.months(recent: 36, earlier: 8),
                points: points
            ),
            property: Self.matchedProperty
        )
        #expect(try result.canonicalJSON() == Self.encoded(result))
    }

    @Test func everyPointsValueOfTheRulesIsWrittenAlike() throws {
        // Points are sums of thirds, sixths and twelfths rounded to two decimals: every
        // hundredth from 0 to 130 covers them all.
        for hundredths in stride(from: 0, through: 13_000, by: 1) {
            let points = (Double(hundredths) / 100 * 100).rounded() / 100
            var property = Self.matchedProperty
            property.points = points
            let result = Self.result(
                socialInsurance: SocialInsuranceResult(
                    outcome: .pending,
                    problems: [],
                    parentMessages: ["社保数据对接中，请次日查看"],
                    months: nil,
                    points: nil
                ),
                property: property
            )
            #expect(try result.canonicalJSON() == Self.encoded(result), "\(points)")
        }
    }

    @Test func problemsAndAbsentValuesAreWrittenAlike() throws {
        let result = Self.result(
            socialInsurance: SocialInsuranceResult(
                outcome: .nameMismatch,
                problems: [.nameMismatch, .noMedicalCode],
                parentMessages: ["一", "二"],
                months: Self.months(recent: 0, earlier: 0),
                points: nil
            ),
            property: PropertyResult(
                outcome: .addressMismatch,
                problems: [.addressMismatch],
                parentMessages: ["房屋坐落与产权证登记不一致，请按产权证填写到几零几室"]
            )
        )
        #expect(try result.canonicalJSON() == Self.encoded(result))
    }

    @Test(arguments: [
        "say \"x\"", "back\\slash", "line\nbreak", "tab\t", "a/b", "\u{7F}", "\u{2028}", "",
    ])
    func textNeedingCareIsWrittenAlike(message: String) throws {
        var property = Self.matchedProperty
        property.parentMessages = [message]
        let result = Self.result(
            socialInsurance: SocialInsuranceResult(
                outcome: .pending,
                problems: [],
                parentMessages: [message],
                months: nil,
                points: nil
            ),
            property: property,
            id: "id-\(message.utf8.count)"
        )
        #expect(try result.canonicalJSON() == Self.encoded(result))
    }

    @Test func keysOtherThanPlainLowerCaseAreWrittenAlike() throws {
        let result = Self.result(
            socialInsurance: SocialInsuranceResult(
                outcome: .matched,
                problems: [],
                parentMessages: [],
                months: InsuranceMonths(byType: [
                    "Pension": ["recent": 1], "injury": ["Earlier": 2, "recent": 3],
                ]),
                points: 1.5
            ),
            property: Self.matchedProperty
        )
        #expect(try result.canonicalJSON() == Self.encoded(result))
    }
}

/// The direct writer of applications gives the generic encoder's bytes, so a version that
/// arrives again is recognised whichever wrote its stored document.
@Suite struct ApplicationCanonicalJSONTests {
    static func encoded(_ application: Application) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(application)
    }

    static func sampleApplications() throws -> [Application] {
        let text = try String(
            contentsOf: repositoryFile("fixtures/basic/applications.jsonl"),
            encoding: .utf8
        )
        return text.split(separator: "\n").compactMap { line in
            try? JSONDecoder().decode(Application.self, from: Data(line.utf8))
        }
    }

    @Test func everySampleApplicationIsWrittenAsTheEncoderWritesIt() throws {
        let applications = try Self.sampleApplications()
        try #require(applications.count >= 20)
        for application in applications {
            #expect(
                try application.canonicalJSON() == Self.encoded(application),
                "\(application.applicationId)"
            )
        }
    }

    @Test func absentAndEmptyPartsAreWrittenAlike() throws {
        let bare = Application(
            applicationId: "A1",
            registrationNo: "ES1",
            version: 2,
            status: .withdrawn,
            submittedAt: "2023-05-09T20:15:00+08:00"
        )
        var empty = bare
        empty.schoolChoices = try JSONDecoder().decode(SchoolChoices.self, from: Data("{}".utf8))
        empty.guardians = []
        empty.property = PropertyDeclaration(declared: false, coOwners: [])
        for application in [bare, empty] {
            #expect(try application.canonicalJSON() == Self.encoded(application))
        }
    }

    @Test(arguments: ["王 \"小\" 明", "back\\slash", "tab\tname", "a/b", "\u{7F}", "\u{2029}"])
    func typedTextNeedingCareIsWrittenAlike(name: String) throws {
        var application = try #require(try Self.sampleApplications().first)
        application.pointsSubject?.name = name
        application.property?.address = name
        #expect(try application.canonicalJSON() == Self.encoded(application))
    }
}

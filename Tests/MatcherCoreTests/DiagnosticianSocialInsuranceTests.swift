import Foundation
import Testing

@testable import MatcherCore

@Suite struct DiagnosticianSocialInsuranceTests {
    @Test func subjectNameOneCharacterOffAtHRSSIsANameSlip() throws {
        let bench = try DiagnosisBench()
        var deliveries = try NightDeliveries.standard()
        deliveries.hrssPersons = [
            insured(Household.father, number: Household.hrssNumber, name: "王建图")
        ]

        let diagnosis = try bench.diagnose(householdApplication(), deliveries)

        let finding = diagnosis.socialInsurance
        #expect(finding.outcome == "SI_NAME_MISMATCH")
        try bench.expectNearMiss(
            .subjectNameSlip,
            in: finding,
            naming: ["人社", "王**", "character 3 differs"]
        )
        let decision = try #require(finding.decisions.first { $0.code == "SI_NAME_MISMATCH" })
        #expect(decision.evidence.contains { $0.hasPrefix("人社 registers") })
        #expect(decision.nextStep == bench.guidance.outcomes["SI_NAME_MISMATCH"])
    }

    @Test(arguments: [Department.hrss, .medical])
    func severalPersonalNumbersAreListedWithTheirPeriods(department: Department) throws {
        let bench = try DiagnosisBench()
        var deliveries = try NightDeliveries.standard()
        let numbers =
            department == .hrss
            ? ["3205830000000101", "3205830000000102"] : ["9205830000000201", "9205830000000202"]
        let type = department == .hrss ? "110" : "310"
        let persons = numbers.map {
            insured(
                Household.father,
                number: $0,
                accountStatus: department == .medical ? "正常" : nil
            )
        }
        let periods = [
            try contribution(numbers[0], type: type, from: "201501", to: "201912"),
            try contribution(numbers[1], type: type, from: "202001", to: nil),
        ]
        if department == .hrss {
            (deliveries.hrssPersons, deliveries.hrssPeriods) = (persons, periods)
        } else {
            (deliveries.medicalPersons, deliveries.medicalPeriods) = (persons, periods)
        }

        let diagnosis = try bench.diagnose(householdApplication(), deliveries)

        let finding = diagnosis.socialInsurance
        let code = department == .hrss ? "SI_MULTIPLE_SS_IDS" : "SI_MULTIPLE_MEDICAL_CODES"
        #expect(finding.outcome == code)
        try bench.expectNearMiss(
            .severalPersonalNumbers,
            in: finding,
            naming: [
                department == .hrss ? "人社" : "医保", "2 numbers",
                Mask.idNumber(numbers[0]), "2015-01 to 2019-12",
                Mask.idNumber(numbers[1]), "2020-01 to still paying",
            ]
        )
    }

    @Test(
        arguments: [
            ("201601", "201712", 24),
            // Clipped to the window's start, 2013-04.
            ("201201", "201312", 9),
            // Still paying: clipped to the window's end, 2023-03.
            ("202201", nil, 15),
        ] as [(String, String?, Int)]
    )
    func monthsPaidOutsideKunshanAreCountedAndSaidNotToCount(
        first: String,
        last: String?,
        months: Int
    ) throws {
        let bench = try DiagnosisBench()
        var deliveries = try NightDeliveries.standard()
        deliveries.hrssPeriods.append(
            try contribution(
                Household.hrssNumber,
                type: "110",
                from: first,
                to: last,
                region: "320506"
            )
        )

        let diagnosis = try bench.diagnose(householdApplication(), deliveries)

        #expect(diagnosis.socialInsurance.outcome == "SI_MATCHED")
        try bench.expectNearMiss(
            .monthsOutsideKunshan,
            in: diagnosis.socialInsurance,
            naming: ["320506 (not counted)", "\(months) months", "do not count"]
        )
    }

    @Test func monthsOutsideKunshanBeforeTheWindowAreNoNearMiss() throws {
        let bench = try DiagnosisBench()
        var deliveries = try NightDeliveries.standard()
        deliveries.hrssPeriods.append(
            try contribution(
                Household.hrssNumber,
                type: "110",
                from: "201001",
                to: "201212",
                region: "320506"
            )
        )

        let diagnosis = try bench.diagnose(householdApplication(), deliveries)

        #expect(diagnosis.socialInsurance.nearMisses.isEmpty)
    }

    @Test func otherGuardianInsuredWhereTheSubjectIsNot() throws {
        let bench = try DiagnosisBench()
        var deliveries = try NightDeliveries.standard()
        let motherNumber = "3205830000000301"
        deliveries.hrssPersons = [insured(Household.mother, number: motherNumber)]
        deliveries.hrssPeriods = [
            try contribution(motherNumber, type: "110", from: "201801", to: nil)
        ]

        let diagnosis = try bench.diagnose(householdApplication(), deliveries)

        let finding = diagnosis.socialInsurance
        #expect(finding.outcome == "SI_NO_SS_ID")
        try bench.expectNearMiss(
            .otherGuardianInsured,
            in: finding,
            naming: [
                "人社", "监护人二（母亲）", Mask.name(Household.mother.name),
                Mask.idNumber(Household.mother.idNumber), "1 number(s)", "1 period(s)",
            ]
        )
    }

    @Test func pendingHalfSaysWhyTheSourceWasUnavailable() throws {
        let bench = try DiagnosisBench()
        var deliveries = try NightDeliveries.standard()
        let reason = "the delivery of 2023-05-10 disagrees with its manifest"
        deliveries.unreadable = ["hrss"]
        deliveries.days["hrss"] = nil
        deliveries.reasons["hrss"] = reason

        let diagnosis = try bench.diagnose(householdApplication(), deliveries)

        let finding = diagnosis.socialInsurance
        #expect(finding.outcome == "SI_PENDING")
        let hrss = try #require(finding.lookups.first { $0.source == "人社" })
        #expect(hrss.unavailable == reason)
        #expect(hrss.delivery == nil)
        #expect(hrss.records.isEmpty)
        let medical = try #require(finding.lookups.first { $0.source == "医保" })
        #expect(medical.unavailable == nil)
        #expect(!medical.records.isEmpty)
        let decision = try #require(finding.decisions.first)
        #expect(decision.code == "SI_PENDING")
        #expect(decision.evidence == ["hrss: " + reason])
        #expect(decision.nextStep == bench.guidance.outcomes["SI_PENDING"])
    }

    @Test func matchedHalfListsTheMonthsAndPoints() throws {
        let bench = try DiagnosisBench()
        let deliveries = try NightDeliveries.standard()
        let application = householdApplication()

        let diagnosis = try bench.diagnose(application, deliveries)

        let finding = diagnosis.socialInsurance
        #expect(finding.outcome == "SI_MATCHED")
        #expect(finding.problems.isEmpty)
        let decision = try #require(finding.decisions.first)
        #expect(decision.code == "SI_MATCHED")
        // 2015-01 to 2020-03 in the earlier band, all of 2020-04 to 2023-03 in the recent one.
        #expect(decision.evidence.contains("110 pension: recent 36, earlier 63"))
        #expect(decision.evidence.contains("210 unemployment: recent 36, earlier 63"))
        #expect(decision.evidence.contains("310 medical: recent 36, earlier 63"))
        #expect(decision.evidence.contains("410 injury: recent 0, earlier 0"))
        let family = try deliveries.familyEvidence(
            for: application,
            rules: bench.diagnostician.rules
        )
        let points = try #require(
            bench.diagnostician.rules.match(application, against: family.evidence)
                .socialInsurance.points
        )
        #expect(decision.evidence.last == "points: \(points)")
        let hrss = try #require(finding.lookups.first { $0.source == "人社" })
        #expect(hrss.delivery == "2023-05-10")
        #expect(hrss.key == Mask.idNumber(Household.father.idNumber))
        #expect(hrss.records.first?.contains(Mask.idNumber(Household.hrssNumber)) == true)
    }
}

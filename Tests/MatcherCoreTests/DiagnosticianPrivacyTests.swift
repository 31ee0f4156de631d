import Foundation
import Testing

@testable import MatcherCore

@Suite struct DiagnosticianPrivacyTests {
    @Test func unrelatedCertificateOneDigitOffIsNeverSuggested() throws {
        let bench = try DiagnosisBench()
        var deliveries = try NightDeliveries.standard()
        deliveries.registry = [
            try registryRow(
                Outsiders.neighbour,
                printed: "苏(2019)昆山市不动产权第0123457号",
                address: Outsiders.sellerHome
            )
        ]
        let declaration = homeDeclaration(number: "0123456")

        let diagnosis = try bench.diagnose(
            householdApplication(property: declaration),
            deliveries,
            strangers: [Outsiders.neighbour],
            hiddenTexts: ["0123457", "马鞍山", "翠湖苑"]
        )

        #expect(diagnosis.property.outcome == "PR_NO_RECORD")
        #expect(diagnosis.property.nearMisses.isEmpty)
    }

    @Test func sameSerialOfAnUnrelatedFamilyInAnotherYearIsNeverSuggested() throws {
        let bench = try DiagnosisBench()
        var deliveries = try NightDeliveries.standard()
        deliveries.registry = [
            try registryRow(
                Outsiders.neighbour,
                printed: "苏(2018)昆山市不动产权第0034568号",
                address: Outsiders.sellerHome
            )
        ]

        let diagnosis = try bench.diagnose(
            householdApplication(),
            deliveries,
            strangers: [Outsiders.neighbour],
            hiddenTexts: ["2018", "马鞍山", "翠湖苑"]
        )

        #expect(diagnosis.property.outcome == "PR_NO_RECORD")
        #expect(diagnosis.property.nearMisses.isEmpty)
    }

    @Test func strangerOwningTheDeclaredCertificateIsNotShown() throws {
        let bench = try DiagnosisBench()
        var deliveries = try NightDeliveries.standard()
        deliveries.registry = [
            try registryRow(Outsiders.seller, address: Outsiders.sellerHome)
        ]

        let diagnosis = try bench.diagnose(
            householdApplication(),
            deliveries,
            strangers: [Outsiders.seller],
            hiddenTexts: ["马鞍山", "翠湖苑", "8幢1单元801室"]
        )

        let finding = diagnosis.property
        #expect(finding.outcome == "PR_OWNER_MISMATCH")
        #expect(finding.problems == ["PR_OWNER_MISMATCH", "PR_ADDRESS_MISMATCH"])
        #expect(finding.nearMisses.isEmpty)
        let lookup = try #require(finding.lookups.first)
        #expect(
            lookup.records == [
                "an owner who is not on this application · 单独所有 · 住宅 · 登记 2019-06-18 · 现势"
            ]
        )
        let address = try #require(finding.decisions.first { $0.code == "PR_ADDRESS_MISMATCH" })
        #expect(
            address.evidence.contains(
                "registered: not shown, the owner is not on this application"
            )
        )
    }

    @Test func strangerCoOwningTheFamilyHomeStaysHidden() throws {
        let bench = try DiagnosisBench()
        var deliveries = try NightDeliveries.standard()
        deliveries.registry = [
            try registryRow(Household.father, form: "共同共有"),
            try registryRow(Outsiders.neighbour, form: "共同共有"),
        ]

        let diagnosis = try bench.diagnose(
            householdApplication(),
            deliveries,
            strangers: [Outsiders.neighbour]
        )

        let finding = diagnosis.property
        #expect(finding.outcome == "PR_MATCHED")
        let lookup = try #require(finding.lookups.first)
        #expect(lookup.records.count == 2)
        #expect(lookup.records.first?.hasPrefix("权利人 王** (") == true)
        #expect(lookup.records.last?.hasPrefix("an owner who is not on this application") == true)
    }

    /// A single parent's second guardian is `none`, with no ID number, which the form
    /// allows; a registry row whose owner has no ID number is still nobody of the family,
    /// whether it is of the declared certificate or of its serial in another year.
    @Test(arguments: [
        ("苏(2018)昆山市不动产权第0034568号", "PR_NO_RECORD"),
        (Household.homePrinted, "PR_OWNER_MISMATCH"),
    ])
    func guardianWithoutIDNumberAdoptsNoOwnerWithoutIDNumber(
        printed: String,
        outcome: String
    ) throws {
        let bench = try DiagnosisBench()
        var deliveries = try NightDeliveries.standard()
        var ownerless = try registryRow(
            Outsiders.seller,
            printed: printed,
            address: Outsiders.sellerHome
        )
        ownerless.ownerIdNumber = ""
        deliveries.registry = [ownerless]
        let none = Person(name: "", idType: .resident, idNumber: "", relation: "none")
        let application = householdApplication(guardians: [Household.father, none])

        let diagnosis = try bench.diagnose(
            application,
            deliveries,
            strangers: [Outsiders.seller],
            hiddenTexts: ["马鞍山", "翠湖苑"]
        )

        #expect(diagnosis.property.outcome == outcome)
        #expect(diagnosis.property.nearMisses.isEmpty)
        for record in diagnosis.property.lookups.flatMap(\.records) {
            #expect(record.hasPrefix("an owner who is not on this application"))
        }
    }

    /// The check every test runs must itself catch what it looks for.
    @Test func privacyCheckCatchesAWholeNumberAndAStrangersMaskedName() throws {
        let bench = try DiagnosisBench()
        var diagnosis = try bench.diagnose(householdApplication(), try NightDeliveries.standard())
        diagnosis.property.nearMisses.append(
            NearMiss(
                kind: .familyCertificate,
                finding: "\(Household.father.idNumber) \(Mask.name(Outsiders.neighbour.name))",
                nextStep: ""
            )
        )

        withKnownIssue {
            try expectNothingPersonal(
                in: diagnosis,
                people: [(Household.father.name, Household.father.idNumber)],
                strangers: [Outsiders.neighbour]
            )
        }
    }

    @Test func nothingPersonalIsShownForAnyOutcomeOfAFamily() throws {
        let bench = try DiagnosisBench()
        var deliveries = try NightDeliveries.standard()
        deliveries.hrssPersons.append(
            insured(Household.father, number: "3205830000000102", name: "王建图")
        )
        deliveries.medicalPersons = [
            insured(Household.father, number: Household.medicalCode, accountStatus: "暂停")
        ]

        let diagnosis = try bench.diagnose(householdApplication(), deliveries)

        #expect(
            diagnosis.socialInsurance.problems == [
                "SI_MULTIPLE_SS_IDS", "SI_MEDICAL_ACCOUNT_ABNORMAL",
            ]
        )
        for decision in diagnosis.socialInsurance.decisions {
            #expect(decision.nextStep == bench.guidance.outcomes[decision.code])
            #expect(isChinese(decision.nextStep))
            #expect(decision.parentMessage == contractWords[decision.code])
        }
    }
}

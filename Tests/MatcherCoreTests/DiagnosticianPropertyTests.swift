import Foundation
import Testing

@testable import MatcherCore

@Suite struct DiagnosticianPropertyTests {
    @Test func sameSerialOfAnotherYearOwnedByTheFather() throws {
        let bench = try DiagnosisBench()
        var deliveries = try NightDeliveries.standard()
        deliveries.registry = [
            try registryRow(Household.father, printed: "苏(2018)昆山市不动产权第0034568号")
        ]

        let diagnosis = try bench.diagnose(householdApplication(), deliveries)

        #expect(diagnosis.property.outcome == "PR_NO_RECORD")
        try bench.expectNearMiss(
            .certificateOtherYear,
            in: diagnosis.property,
            naming: ["监护人一（父亲）", "不动产权证 (2018) 0034568", "year typed is 2019, not 2018"]
        )
    }

    @Test(arguments: [
        // 不动产权证 chosen for an old 房屋所有权证 number.
        (
            CertificateType.realEstate, "201234567", CertificateType.houseOwnership,
            "昆房权证玉山字第201234567号", "房屋所有权证 201234567"
        ),
        // 房屋所有权证 chosen for a 不动产权证 number copied whole.
        (
            .houseOwnership, "苏(2019)昆山市不动产权第0034568号", .realEstate,
            Household.homePrinted, "不动产权证 (2019) 0034568"
        ),
    ])
    func numberOfTheOtherCertificateTypeOwnedByTheFamily(
        typedType: CertificateType,
        typedNumber: String,
        ownedType: CertificateType,
        printed: String,
        key: String
    ) throws {
        let bench = try DiagnosisBench()
        var deliveries = try NightDeliveries.standard()
        deliveries.registry = [try registryRow(Household.father, type: ownedType, printed: printed)]
        let declaration = homeDeclaration(type: typedType, year: nil, number: typedNumber)

        let diagnosis = try bench.diagnose(householdApplication(property: declaration), deliveries)

        #expect(diagnosis.property.outcome == "PR_INVALID_NUMBER")
        try bench.expectNearMiss(
            .certificateOtherType,
            in: diagnosis.property,
            naming: [key, "other certificate type"]
        )
    }

    @Test func familyCertificateWithTwoDigitsOfTheSerialSwapped() throws {
        let bench = try DiagnosisBench()
        var deliveries = try NightDeliveries.standard()
        deliveries.registry = [
            try registryRow(Household.father, printed: "苏(2019)昆山市不动产权第0123465号")
        ]
        let declaration = homeDeclaration(number: "0123456")

        let diagnosis = try bench.diagnose(householdApplication(property: declaration), deliveries)

        #expect(diagnosis.property.outcome == "PR_NO_RECORD")
        try bench.expectNearMiss(
            .familyCertificate,
            in: diagnosis.property,
            naming: ["监护人一（父亲）", "(2019) 0123465", "6 and 7 are swapped"]
        )
    }

    @Test func undeclaredHomeShowsTheFamilysResidentialCertificateOnly() throws {
        let bench = try DiagnosisBench()
        var deliveries = try NightDeliveries.standard()
        deliveries.registry.append(
            try registryRow(
                Household.mother,
                printed: "苏(2020)昆山市不动产权第0099999号",
                use: "车库",
                address: "昆山开发区前进东路1号春晖花园地下车库"
            )
        )
        let application = householdApplication(property: PropertyDeclaration(declared: false))

        let diagnosis = try bench.diagnose(application, deliveries)

        #expect(diagnosis.property.outcome == "PR_NOT_DECLARED")
        try bench.expectNearMiss(
            .familyCertificate,
            in: diagnosis.property,
            naming: ["监护人一（父亲）", "不动产权证 (2019) 0034568", "住宅"]
        )
        #expect(!diagnosis.property.nearMisses.contains { $0.finding.contains("0099999") })
    }

    @Test func certificateRegisteredToTheMotherWithTheFatherEnteredAsOwner() throws {
        let bench = try DiagnosisBench()
        var deliveries = try NightDeliveries.standard()
        deliveries.registry = [try registryRow(Household.mother)]

        let diagnosis = try bench.diagnose(householdApplication(), deliveries)

        #expect(diagnosis.property.outcome == "PR_OWNER_MISMATCH")
        try bench.expectNearMiss(
            .certificateOwnedByOtherMember,
            in: diagnosis.property,
            naming: ["监护人二（母亲）", "李**", "房屋所有权人（父亲）"]
        )
    }

    /// The father's number typed with one slip everywhere on the form: one digit off, or two
    /// neighbouring digits swapped; the check digit catches both.
    @Test(arguments: [
        (replacingCharacter(Household.father.idNumber, at: 10, with: "6"), "10 differs"),
        (swappingCharacters(Household.father.idNumber, 15, 16), "15 and 16 are swapped"),
    ])
    func ownerIDSlipNamesThePositions(typedNumber: String, slip: String) throws {
        let bench = try DiagnosisBench()
        let deliveries = try NightDeliveries.standard()
        var father = Household.father
        father.idNumber = typedNumber
        let application = householdApplication(
            subject: father,
            guardians: [father, Household.mother],
            property: homeDeclaration(owner: father)
        )

        let diagnosis = try bench.diagnose(application, deliveries)

        #expect(diagnosis.property.outcome == "PR_OWNER_MISMATCH")
        try bench.expectNearMiss(
            .ownerIDSlip,
            in: diagnosis.property,
            naming: [
                Mask.idNumber(Household.father.idNumber), Mask.idNumber(typedNumber), slip,
            ]
        )
    }

    @Test func swappedOwnerNumberStillPassesItsCheckDigit() throws {
        let swapped = swappingCharacters(Household.father.idNumber, 4, 14)

        #expect(swapped != Household.father.idNumber)
        #expect(IDNumber.normalize(swapped, as: .resident).normalized == swapped)
    }

    /// Two valid numbers are two people, however close: the registered owner is then a
    /// stranger, never suggested and never shown.
    @Test func aValidNumberTwoDigitsApartIsAnotherPerson() throws {
        let bench = try DiagnosisBench()
        var father = Household.father
        father.idNumber = swappingCharacters(Household.father.idNumber, 4, 14)
        let application = householdApplication(
            subject: father,
            guardians: [father, Household.mother],
            property: homeDeclaration(owner: father)
        )

        let diagnosis = try bench.diagnose(application, try NightDeliveries.standard())

        #expect(diagnosis.property.outcome == "PR_OWNER_MISMATCH")
        #expect(!diagnosis.property.nearMisses.contains { $0.kind == .ownerIDSlip })
        let lookup = try #require(diagnosis.property.lookups.first)
        #expect(
            lookup.records.allSatisfy { $0.hasPrefix("an owner who is not on this application") }
        )
    }

    /// The guardian is typed right and only the owner's copy has the slip: the certificate
    /// is the same person's, so the slip is what the parent must fix.
    @Test func ownerCopyWithASlipIsAnIDSlipNotAnotherMember() throws {
        let bench = try DiagnosisBench()
        let deliveries = try NightDeliveries.standard()
        var owner = Household.father
        owner.idNumber = replacingCharacter(owner.idNumber, at: 10, with: "6")
        let application = householdApplication(property: homeDeclaration(owner: owner))

        let diagnosis = try bench.diagnose(application, deliveries)

        #expect(diagnosis.property.outcome == "PR_OWNER_MISMATCH")
        #expect(
            !diagnosis.property.nearMisses.contains { $0.kind == .certificateOwnedByOtherMember }
        )
        try bench.expectNearMiss(
            .ownerIDSlip,
            in: diagnosis.property,
            naming: ["10 differs"]
        )
    }

    @Test func ownerNameOneCharacterOffTheRegisteredOne() throws {
        let bench = try DiagnosisBench()
        var deliveries = try NightDeliveries.standard()
        var registered = Household.father
        registered.name = "王建图"
        deliveries.registry = [try registryRow(registered)]

        let diagnosis = try bench.diagnose(householdApplication(), deliveries)

        #expect(diagnosis.property.outcome == "PR_OWNER_MISMATCH")
        try bench.expectNearMiss(
            .ownerNameSlip,
            in: diagnosis.property,
            naming: ["王**", "character 3 differs"]
        )
    }

    @Test(arguments: [
        ("昆山开发区前进东路1号春晖花园3幢2单元303室", "room differs: typed 303, registered 302"),
        ("昆山开发区前进东路1号春晖花园3幢302室", "the unit was left out: the registry has unit 2"),
    ])
    func addressDiffersOnlyInUnitOrRoom(typed: String, difference: String) throws {
        let bench = try DiagnosisBench()
        let deliveries = try NightDeliveries.standard()
        let declaration = homeDeclaration(address: typed)

        let diagnosis = try bench.diagnose(householdApplication(property: declaration), deliveries)

        #expect(diagnosis.property.outcome == "PR_ADDRESS_MISMATCH")
        try bench.expectNearMiss(
            .addressUnitOrRoom,
            in: diagnosis.property,
            naming: [difference]
        )
        let decision = try #require(diagnosis.property.decisions.first)
        #expect(decision.evidence.contains("registered, normalised: 昆山开发区前****3幢2单元302室"))
    }

    @Test(
        arguments: [
            (
                [("2023-05-09", false), ("2023-05-08", false), ("2023-05-01", true)],
                "it was still live in the delivery of 2023-05-01 and no longer in the delivery of "
                    + "2023-05-08"
            ),
            (
                [("2023-05-09", false), ("2023-05-01", false)],
                "it is not live in any earlier delivery held, back to 2023-05-01"
            ),
            ([], "no earlier delivery is held to date the change"),
        ] as [([(String, Bool)], String)]
    )
    func cancelledCertificateIsDatedByEarlierDeliveries(
        sightings: [(String, Bool)],
        dating: String
    ) throws {
        let bench = try DiagnosisBench()
        var deliveries = try NightDeliveries.standard()
        deliveries.registry = [try registryRow(Household.father, state: "注销")]
        deliveries.sightings = try sightings.map { day, wasLive in
            CertificateSighting(delivery: try #require(CalendarDate(day)), wasLive: wasLive)
        }

        let diagnosis = try bench.diagnose(householdApplication(), deliveries)

        #expect(diagnosis.property.outcome == "PR_NO_RECORD")
        try bench.expectNearMiss(
            .certificateNotLive,
            in: diagnosis.property,
            naming: ["注销", "registered 2019-06-18", dating]
        )
    }

    @Test(
        arguments: [
            (["registry": "the registry's delivery of 2023-05-10 failed its checksum"], nil),
            ([:], nil),
            ([:], "2023-05-10"),
        ] as [([String: String], String?)]
    )
    func pendingHalfSaysWhyTheRegistryWasUnavailable(
        reasons: [String: String],
        day: String?
    ) throws {
        let bench = try DiagnosisBench()
        var deliveries = try NightDeliveries.standard()
        deliveries.unreadable = ["registry"]
        deliveries.days["registry"] = day
        deliveries.reasons = reasons
        let expected =
            reasons["registry"]
            ?? (day == nil
                ? "no delivery of this source was used"
                : "a row of this key was refused in the delivery of 2023-05-10")

        let diagnosis = try bench.diagnose(householdApplication(), deliveries)

        let finding = diagnosis.property
        #expect(finding.outcome == "PR_PENDING")
        let lookup = try #require(finding.lookups.first)
        #expect(lookup.source == "不动产登记")
        #expect(lookup.key == "不动产权证 (2019) 0034568")
        #expect(lookup.unavailable?.hasPrefix(expected) == true)
        let decision = try #require(finding.decisions.first)
        #expect(decision.evidence.first?.hasPrefix("registry: " + expected) == true)
        #expect(decision.nextStep == bench.guidance.outcomes["PR_PENDING"])
    }

    @Test func matchedHalfListsTheRegistrationAndMonthsOwned() throws {
        let bench = try DiagnosisBench()

        let diagnosis = try bench.diagnose(
            householdApplication(),
            try NightDeliveries.standard()
        )

        let finding = diagnosis.property
        #expect(finding.outcome == "PR_MATCHED")
        #expect(finding.nearMisses.isEmpty)
        let decision = try #require(finding.decisions.first)
        #expect(decision.code == "PR_MATCHED")
        // 2019-06-18 to 2023-04-30: 46 whole months, 40 + 46/12 points.
        #expect(
            decision.evidence == [
                "registered on 2019-06-18; whole months owned up to 2023-04-30: 46; points 43.83"
            ]
        )
        let lookup = try #require(finding.lookups.first)
        #expect(lookup.delivery == "2023-05-10")
        #expect(lookup.records.count == 1)
        #expect(lookup.records.first?.hasPrefix("权利人 王** (") == true)
        #expect(lookup.records.first?.hasSuffix("坐落 昆山开发区前****3幢2单元302室") == true)
    }
}

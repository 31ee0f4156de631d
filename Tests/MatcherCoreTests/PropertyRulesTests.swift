import Foundation
import Testing

@testable import MatcherCore

private let father = Person(
    name: "周建国",
    idType: .resident,
    idNumber: "341221198503151037",
    relation: "father"
)
private let mother = Person(
    name: "林秀英",
    idType: .resident,
    idNumber: "341221198704021044",
    relation: "mother"
)
/// Turns 18 on the reference date, 2023-04-30.
private let siblingBorn20050430 = Person(
    name: "周子轩",
    idType: .resident,
    idNumber: "320583200504300023",
    relation: "sibling"
)
/// Still 17 on the reference date.
private let siblingBorn20050501 = Person(
    name: "周子轩",
    idType: .resident,
    idNumber: "320583200505010028",
    relation: "sibling"
)
private let registeredAddress = "昆山开发区前进东路1号春晖花园1幢1单元101室"

private func declaration(
    owner: Person = father,
    year: String? = "2022",
    number: String = "0100001",
    address: String = registeredAddress,
    soleOwner: Bool = true,
    coOwners: [String] = []
) -> PropertyDeclaration {
    PropertyDeclaration(
        declared: true,
        certificateType: .realEstate,
        certificateYear: year,
        certificateNumber: number,
        owner: owner,
        soleOwner: soleOwner,
        coOwners: coOwners,
        address: address
    )
}

/// One owner row of the certificate the default declaration names.
private func ownership(
    _ owner: Person = father,
    form: String = "单独所有",
    use: String = "住宅",
    address: String = registeredAddress,
    registeredOn: String = "2022-02-15",
    state: String = "现势",
    printed: String = "苏(2022)昆山市不动产权第0100001号"
) throws -> RegisteredOwnership {
    RegisteredOwnership(
        certificateType: .realEstate,
        printedNumber: printed,
        ownerName: owner.name,
        ownerIdNumber: owner.idNumber,
        ownershipForm: form,
        plannedUse: use,
        address: address,
        registeredOn: try #require(CalendarDate(registeredOn)),
        state: state,
        isLive: state == "现势",
        isSoleOwnership: form == "单独所有"
    )
}

/// Checks a result with problems: its outcome, problems and words, and no points.
private func expect(
    _ result: PropertyResult,
    problems: [String],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(result.outcome.rawValue == problems.first, sourceLocation: sourceLocation)
    #expect(result.problems.map(\.rawValue) == problems, sourceLocation: sourceLocation)
    #expect(result.parentMessages == words(problems), sourceLocation: sourceLocation)
    #expect(result.registeredOn == nil, sourceLocation: sourceLocation)
    #expect(result.monthsOwned == nil, sourceLocation: sourceLocation)
    #expect(result.points == nil, sourceLocation: sourceLocation)
}

private func expectMatched(
    _ result: PropertyResult,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    #expect(result.outcome.rawValue == "PR_MATCHED", sourceLocation: sourceLocation)
    #expect(result.problems.isEmpty, sourceLocation: sourceLocation)
    // The matched words are ours, not the handbook's: only that they come from the mapping.
    let matchedWords = try matchRules2023().messages.text(for: PropertyOutcome.matched)
    #expect(result.parentMessages == [matchedWords], sourceLocation: sourceLocation)
    #expect(result.points != nil, sourceLocation: sourceLocation)
}

@Suite struct PropertyRulesTests {
    @Test func undeclaredHomeIsNotDeclaredWithoutAskingTheRegistry() throws {
        let rules = try matchRules2023()

        let result = rules.property(for: PropertyDeclaration(declared: false), registry: nil)

        #expect(result.outcome.rawValue == "PR_NOT_DECLARED")
        #expect(result.problems.isEmpty)
        #expect(result.parentMessages == words(["PR_NOT_DECLARED"]))
        #expect(result.points == nil)
    }

    @Test func unreadableRegistryLeavesTheResultPending() throws {
        let result = try matchRules2023().property(for: declaration(), registry: nil)

        #expect(result.outcome.rawValue == "PR_PENDING")
        #expect(result.problems.isEmpty)
        #expect(result.parentMessages == words(["PR_PENDING"]))
        #expect(result.points == nil)
    }

    @Test(
        arguments: [
            (year: "2022", number: "01A0001"),
            (year: nil, number: "0100001"),
            (year: "2022", number: "12345678"),
        ] as [(year: String?, number: String)]
    )
    func unreadableCertificateNumberIsInvalid(year: String?, number: String) throws {
        let rules = try matchRules2023()
        let typed = declaration(year: year, number: number)

        #expect(rules.certificateKey(of: typed) == nil)
        expect(rules.property(for: typed, registry: []), problems: ["PR_INVALID_NUMBER"])
    }

    // As with ID numbers, a number that cannot be read is wrong whatever the registry holds.
    @Test func unreadableCertificateNumberIsReportedEvenWhileTheRegistryIsUnreadable() throws {
        let typed = declaration(number: "01A0001")

        let result = try matchRules2023().property(for: typed, registry: nil)

        expect(result, problems: ["PR_INVALID_NUMBER"])
    }

    @Test func certificateWithoutRowsHasNoRecord() throws {
        let result = try matchRules2023().property(for: declaration(), registry: [])

        expect(result, problems: ["PR_NO_RECORD"])
    }

    @Test(arguments: ["注销", "历史"])
    func certificateWithOnlyRowsThatAreNotLiveHasNoRecord(state: String) throws {
        let registry = [try ownership(state: state)]

        let result = try matchRules2023().property(for: declaration(), registry: registry)

        expect(result, problems: ["PR_NO_RECORD"])
    }

    @Test func sameSerialInAnotherYearIsAnotherCertificate() throws {
        let rules = try matchRules2023()
        let rows = [try ownership(printed: "苏(2021)昆山市不动产权第0100001号")]
        // The registry indexed as the nightly run indexes it: by certificate key.
        let registry = Dictionary(grouping: rows) {
            CertificateNumber.parseRegistered(type: $0.certificateType, printed: $0.printedNumber)
        }
        let typed = declaration(year: "2022", number: "0100001")

        let key = try #require(rules.certificateKey(of: typed))
        let registeredKey = CertificateNumber.parseRegistered(
            type: .realEstate,
            printed: "苏(2021)昆山市不动产权第0100001号"
        )
        #expect(registeredKey != nil)
        #expect(registeredKey != key)
        expect(
            rules.property(for: typed, registry: registry[key] ?? []),
            problems: ["PR_NO_RECORD"]
        )
    }

    @Test(arguments: [
        // Name right, one digit of the ID number wrong (so its check digit fails too).
        (typed: father, registered: father, typedID: "341221198503152037"),
        // Name right, a valid ID number of somebody else.
        (typed: father, registered: father, typedID: "341221198503151045"),
        // The mother holds the certificate; the father was entered.
        (typed: father, registered: mother, typedID: father.idNumber),
    ])
    func ownerNotAmongTheCertificatesOwnersIsAMismatch(
        typed: Person,
        registered: Person,
        typedID: String
    ) throws {
        var owner = typed
        owner.idNumber = typedID

        let result = try matchRules2023().property(
            for: declaration(owner: owner),
            registry: [try ownership(registered)]
        )

        expect(result, problems: ["PR_OWNER_MISMATCH"])
    }

    @Test func siblingWhoIsEighteenOnTheReferenceDateIsNotEligible() throws {
        let sibling = siblingBorn20050430

        let result = try matchRules2023().property(
            for: declaration(owner: sibling),
            registry: [try ownership(sibling)]
        )

        expect(result, problems: ["PR_SIBLING_NOT_ELIGIBLE"])
    }

    @Test func siblingWhoIsSeventeenOnTheReferenceDateIsEligible() throws {
        let sibling = siblingBorn20050501

        let result = try matchRules2023().property(
            for: declaration(owner: sibling),
            registry: [try ownership(sibling)]
        )

        try expectMatched(result)
    }

    @Test func minorSiblingCoOwningWithAParentIsNotEligible() throws {
        let sibling = siblingBorn20050501
        let registry = [
            try ownership(sibling, form: "共同共有"),
            try ownership(father, form: "共同共有"),
        ]

        let result = try matchRules2023().property(
            for: declaration(owner: sibling, soleOwner: false, coOwners: ["father"]),
            registry: registry
        )

        expect(result, problems: ["PR_SIBLING_NOT_ELIGIBLE"])
    }

    @Test(arguments: ["共同共有", "按份共有"])
    func minorSiblingOnARowThatIsNotSoleOwnershipIsNotEligible(form: String) throws {
        let sibling = siblingBorn20050501

        let result = try matchRules2023().property(
            for: declaration(owner: sibling),
            registry: [try ownership(sibling, form: form)]
        )

        expect(result, problems: ["PR_SIBLING_NOT_ELIGIBLE"])
    }

    @Test(arguments: ["商业", "酒店式公寓", "车库", "商住", "办公"])
    func nonResidentialUseIsRefused(use: String) throws {
        let result = try matchRules2023().property(
            for: declaration(),
            registry: [try ownership(use: use)]
        )

        expect(result, problems: ["PR_NOT_RESIDENTIAL"])
    }

    @Test(arguments: ["住宅", "成套住宅", "别墅"])
    func residentialUseCounts(use: String) throws {
        let result = try matchRules2023().property(
            for: declaration(),
            registry: [try ownership(use: use)]
        )

        try expectMatched(result)
    }

    @Test(arguments: [
        "昆山开发区前进东路1号春晖花园1幢1单元102室",
        "昆山开发区前进东路1号春晖花园1幢101室",
        "昆山开发区前进东路1号春晖花园2幢1单元101室",
        "昆山开发区前进东路1号春晖花园1幢1单元1101室",
    ])
    func anotherRoomOrAFlatWithoutItsUnitIsAnAddressMismatch(typed: String) throws {
        let result = try matchRules2023().property(
            for: declaration(address: typed),
            registry: [try ownership()]
        )

        expect(result, problems: ["PR_ADDRESS_MISMATCH"])
    }

    @Test(arguments: [
        "江苏省昆山市昆山开发区前进东路1号春晖花园1幢1单元101室",
        "昆山开发区前进东路1号春晖花园1栋1单元101室",
        "昆山开发区前进东路1号春晖花园1号楼1单元101室",
        "昆山开发区前进东路１号春晖花园１幢１单元１０１室",
        "昆山开发区前进东路1号春晖花园一幢一单元一〇一室",
        "昆山开发区前进东路1号春晖花园1幢1单元一零一室",
        "昆山市 开发区 前进东路1号 春晖花园1幢1单元101",
    ])
    func addressDifferingOnlyInFormMatches(typed: String) throws {
        let result = try matchRules2023().property(
            for: declaration(address: typed),
            registry: [try ownership()]
        )

        try expectMatched(result)
    }

    @Test func severalProblemsAreListedInContractOrder() throws {
        let registry = [try ownership(mother, use: "商业")]

        let result = try matchRules2023().property(
            for: declaration(owner: father, address: "昆山开发区前进东路1号春晖花园1幢1单元102室"),
            registry: registry
        )

        expect(
            result,
            problems: ["PR_OWNER_MISMATCH", "PR_NOT_RESIDENTIAL", "PR_ADDRESS_MISMATCH"]
        )
    }

    @Test(arguments: [
        (registeredOn: "2022-02-15", months: 14, points: 41.17),
        // 40 + 154/12 would pass the cap.
        (registeredOn: "2010-06-01", months: 154, points: 50.0),
    ])
    func matchedHomeGivesRegistrationMonthsAndPoints(
        registeredOn: String,
        months: Int,
        points: Double
    ) throws {
        let result = try matchRules2023().property(
            for: declaration(),
            registry: [try ownership(registeredOn: registeredOn)]
        )

        try expectMatched(result)
        #expect(result.registeredOn == CalendarDate(registeredOn))
        #expect(result.monthsOwned == months)
        #expect(result.points == points)
    }

    @Test func jointCertificateMatchesTheFatherWithTheMotherAsCoOwner() throws {
        let registry = [
            try ownership(mother, form: "共同共有"),
            try ownership(father, form: "共同共有"),
        ]

        let result = try matchRules2023().property(
            for: declaration(owner: father, soleOwner: false, coOwners: ["mother"]),
            registry: registry
        )

        try expectMatched(result)
        #expect(result.monthsOwned == 14)
        #expect(result.points == 41.17)
    }

    @Test func legacyFifteenDigitOwnerNumberInTheRegistryMatchesTheTypedNumber() throws {
        var registered = father
        registered.idNumber = "341221850315103"

        let result = try matchRules2023().property(
            for: declaration(owner: father),
            registry: [try ownership(registered)]
        )

        try expectMatched(result)
    }
}

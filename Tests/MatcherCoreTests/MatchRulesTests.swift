import Foundation
import Testing

@testable import MatcherCore

/// What a parent reads, copied from `outcomes.md` rather than from `messages.json`, so that
/// a mapping drifting away from the handbook's wording fails here.
private let contractWords: [String: String] = [
    "SI_INVALID_ID": "积分主体身份证件号码有误，请核对后重新提交",
    "SI_NO_SS_ID": "未查询到对应社保个人编号",
    "SI_NAME_MISMATCH": "未查询到对应社保个人编号，请核对积分主体姓名和身份证号码是否填写正确",
    "SI_MULTIPLE_SS_IDS": "获取到多个社保个人编号，请到人社服务大厅合并数据",
    "SI_NO_MEDICAL_CODE": "未查询到对应医保个人内码",
    "SI_MULTIPLE_MEDICAL_CODES": "获取到多个医保个人内码，请到人社服务大厅合并数据",
    "SI_MEDICAL_ACCOUNT_ABNORMAL": "该人员医保账户非正常状态",
    "SI_MATCHED": "如有问题请到社保部门核实",
    "SI_PENDING": "社保数据对接中，请次日查看",
    "PR_NOT_DECLARED": "未填报住宅类房产",
    "PR_INVALID_NUMBER": "产权证号格式有误，请对照产权证重新填写",
    "PR_NO_RECORD": "房屋产权证查无登记信息",
    "PR_OWNER_MISMATCH": "产权人与房屋产权证编号不符",
    "PR_SIBLING_NOT_ELIGIBLE": "兄弟姐妹名下房产须为未满18周岁且单独所有",
    "PR_NOT_RESIDENTIAL": "该房产非住宅类房产，不符合积分入学政策要求",
    "PR_ADDRESS_MISMATCH": "房屋坐落与产权证登记不一致，请按产权证填写到几零几室",
    "PR_PENDING": "房产数据对接中，请次日查看",
]

private func words(_ codes: [String]) -> [String] {
    codes.map { contractWords[$0] ?? "no contract words for \($0)" }
}

// MARK: - Social insurance

/// The points subject of the first fixture application.
private let subjectName = "周建国"
private let subjectID = "341221198503151037"

private func hrssPerson(_ number: String = "SB1", name: String = subjectName) -> InsuredPerson {
    InsuredPerson(personalNumber: number, name: name, idNumber: subjectID)
}

private func medicalPerson(
    _ number: String = "YB1",
    name: String = subjectName,
    status: String = "正常"
) -> InsuredPerson {
    InsuredPerson(
        personalNumber: number,
        name: name,
        idNumber: subjectID,
        accountStatus: status,
        accountIsNormal: status == "正常"
    )
}

/// Evidence from the May 2023 snapshot, so open periods run to the end of the window.
private func evidence(
    _ department: Department,
    _ persons: [InsuredPerson],
    _ contributions: [ContributionPeriod] = []
) throws -> DepartmentEvidence {
    DepartmentEvidence(
        department: department,
        persons: persons,
        contributions: contributions,
        snapshotMonth: try month("202305")
    )
}

/// Paid since 2019-08 and still paying: 36 recent and 8 earlier months.
private func paidSince201908(_ type: String) throws -> ContributionPeriod {
    try period(type, "201908", nil)
}

/// One scenario of the departments' records for the subject, and what the parent reads.
struct SocialInsuranceCase: Sendable, CustomTestStringConvertible {
    var label: String
    var idNumber = subjectID
    var hrss = [hrssPerson()]
    var medical = [medicalPerson()]
    /// Expected codes as `outcomes.md` spells them, in its order.
    var problems: [String] = []

    var testDescription: String { label }

    static let eachOutcome: [SocialInsuranceCase] = [
        .init(
            label: "check digit wrong",
            idNumber: "341221198503151030",
            problems: ["SI_INVALID_ID"]
        ),
        .init(label: "人社 knows nobody", hrss: [], problems: ["SI_NO_SS_ID"]),
        .init(
            label: "人社 knows the ID as 周建华",
            hrss: [hrssPerson(name: "周建华")],
            problems: ["SI_NAME_MISMATCH"]
        ),
        .init(
            label: "two 社保个人编号",
            hrss: [hrssPerson("SB1"), hrssPerson("SB2")],
            problems: ["SI_MULTIPLE_SS_IDS"]
        ),
        .init(label: "医保 knows nobody", medical: [], problems: ["SI_NO_MEDICAL_CODE"]),
        .init(
            label: "two 医保个人内码",
            medical: [medicalPerson("YB1"), medicalPerson("YB2")],
            problems: ["SI_MULTIPLE_MEDICAL_CODES"]
        ),
        .init(
            label: "account 暂停",
            medical: [medicalPerson(status: "暂停")],
            problems: ["SI_MEDICAL_ACCOUNT_ABNORMAL"]
        ),
        .init(
            label: "account 终止",
            medical: [medicalPerson(status: "终止")],
            problems: ["SI_MEDICAL_ACCOUNT_ABNORMAL"]
        ),
        .init(label: "both departments agree"),
    ]

    static let severalProblems: [SocialInsuranceCase] = [
        .init(
            label: "nobody anywhere",
            hrss: [],
            medical: [],
            problems: ["SI_NO_SS_ID", "SI_NO_MEDICAL_CODE"]
        ),
        .init(
            label: "医保 under another name, two 社保个人编号",
            hrss: [hrssPerson("SB1"), hrssPerson("SB2")],
            medical: [medicalPerson(name: "周建华")],
            problems: ["SI_NAME_MISMATCH", "SI_MULTIPLE_SS_IDS"]
        ),
        .init(
            label: "everything doubled and the account stopped",
            hrss: [hrssPerson("SB1"), hrssPerson("SB2")],
            medical: [medicalPerson("YB1", status: "暂停"), medicalPerson("YB2")],
            problems: [
                "SI_MULTIPLE_SS_IDS", "SI_MULTIPLE_MEDICAL_CODES", "SI_MEDICAL_ACCOUNT_ABNORMAL",
            ]
        ),
        .init(
            label: "no 社保个人编号, account stopped",
            hrss: [],
            medical: [medicalPerson(status: "终止")],
            problems: ["SI_NO_SS_ID", "SI_MEDICAL_ACCOUNT_ABNORMAL"]
        ),
        // One wrong name is one thing for the parent to correct, whichever office noticed it.
        .init(
            label: "both know another name",
            hrss: [hrssPerson(name: "周建华")],
            medical: [medicalPerson(name: "周建华")],
            problems: ["SI_NAME_MISMATCH"]
        ),
    ]
}

@Suite struct SocialInsuranceRulesTests {
    private func match(_ scenario: SocialInsuranceCase) throws -> SocialInsuranceResult {
        try matchRules2023().socialInsurance(
            for: Person(name: subjectName, idType: .resident, idNumber: scenario.idNumber),
            hrss: try evidence(.hrss, scenario.hrss, [try paidSince201908("110")]),
            medical: try evidence(.medical, scenario.medical, [try paidSince201908("310")])
        )
    }

    private func expectOutcome(of scenario: SocialInsuranceCase) throws {
        let result = try match(scenario)
        let outcome = scenario.problems.first ?? "SI_MATCHED"

        #expect(result.outcome.rawValue == outcome)
        #expect(result.problems.map(\.rawValue) == scenario.problems)
        #expect(
            result.parentMessages
                == words(scenario.problems.isEmpty ? [outcome] : scenario.problems)
        )
    }

    @Test(arguments: SocialInsuranceCase.eachOutcome)
    func eachOutcomeHasTheContractsCodeAndWords(_ scenario: SocialInsuranceCase) throws {
        try expectOutcome(of: scenario)
    }

    @Test(arguments: SocialInsuranceCase.severalProblems)
    func severalProblemsAreListedInContractOrder(_ scenario: SocialInsuranceCase) throws {
        try expectOutcome(of: scenario)
    }

    @Test(arguments: SocialInsuranceCase.eachOutcome + SocialInsuranceCase.severalProblems)
    func pointsAreNullUnlessMatched(_ scenario: SocialInsuranceCase) throws {
        let result = try match(scenario)

        #expect((result.points == nil) == (result.outcome != .matched))
        #expect(result.months != nil)
    }

    @Test func secondPersonalNumberMeansMultipleSocialSecurityNumbers() throws {
        let scenario = SocialInsuranceCase(label: "", hrss: [hrssPerson("SB1"), hrssPerson("SB9")])

        #expect(try match(scenario).outcome == .multipleSocialSecurityNumbers)
    }

    @Test func matchedSubjectGetsMonthsOfBothDepartmentsAndPoints() throws {
        let rules = try matchRules2023()
        let result = rules.socialInsurance(
            for: Person(name: subjectName, idType: .resident, idNumber: subjectID),
            hrss: try evidence(
                .hrss,
                [hrssPerson()],
                try ["110", "210", "410"].map(paidSince201908)
            ),
            medical: try evidence(
                .medical,
                [medicalPerson()],
                try ["310", "510"].map(paidSince201908)
            )
        )

        #expect(result.outcome == .matched)
        #expect(result.problems.isEmpty)
        let months = try #require(result.months)
        for type in rules.policy.insurance.types {
            #expect(months.byType[type.key] == ["recent": 36, "earlier": 8], "\(type.key)")
        }
        // The policy's own check: 60 + 6.67.
        #expect(result.points == 66.67)
    }

    @Test func sideWithAProblemContributesNoMonthsWhileTheOtherSideIsShown() throws {
        let result = try matchRules2023().socialInsurance(
            for: Person(name: subjectName, idType: .resident, idNumber: subjectID),
            hrss: try evidence(
                .hrss,
                [hrssPerson("SB1"), hrssPerson("SB2")],
                [try paidSince201908("110")]
            ),
            medical: try evidence(.medical, [medicalPerson()], [try paidSince201908("310")])
        )

        #expect(result.outcome == .multipleSocialSecurityNumbers)
        let months = try #require(result.months)
        #expect(months.byType["pension"] == ["recent": 0, "earlier": 0])
        #expect(months.byType["medical"] == ["recent": 36, "earlier": 8])
        #expect(result.points == nil)
    }

    @Test func abnormalMedicalAccountContributesNoMonthsWhileHRSSIsShown() throws {
        let result = try matchRules2023().socialInsurance(
            for: Person(name: subjectName, idType: .resident, idNumber: subjectID),
            hrss: try evidence(.hrss, [hrssPerson()], [try paidSince201908("110")]),
            medical: try evidence(
                .medical,
                [medicalPerson(status: "暂停")],
                [try paidSince201908("310")]
            )
        )

        #expect(result.outcome == .medicalAccountAbnormal)
        let months = try #require(result.months)
        #expect(months.byType["pension"] == ["recent": 36, "earlier": 8])
        #expect(months.byType["medical"] == ["recent": 0, "earlier": 0])
    }

    @Test func monthsPaidOutsideKunshanDoNotCount() throws {
        let result = try matchRules2023().socialInsurance(
            for: Person(name: subjectName, idType: .resident, idNumber: subjectID),
            hrss: try evidence(
                .hrss,
                [hrssPerson()],
                [
                    try period("110", "201304", nil, region: "320506"),
                    try period("210", "202004", "202303"),
                ]
            ),
            medical: try evidence(.medical, [medicalPerson()])
        )

        #expect(result.outcome == .matched)
        let months = try #require(result.months)
        #expect(months.byType["pension"] == ["recent": 0, "earlier": 0])
        #expect(months.byType["unemployment"] == ["recent": 36, "earlier": 0])
        // 36 recent months of one type at 4 points a year.
        #expect(result.points == 12)
    }

    @Test(arguments: [
        (hrssReadable: false, medicalReadable: true),
        (hrssReadable: true, medicalReadable: false),
        (hrssReadable: false, medicalReadable: false),
    ])
    func unreadableFeedLeavesTheResultPending(hrssReadable: Bool, medicalReadable: Bool) throws {
        let hrss = try evidence(.hrss, [hrssPerson()], [try paidSince201908("110")])
        let medical = try evidence(.medical, [medicalPerson()])

        let result = try matchRules2023().socialInsurance(
            for: Person(name: subjectName, idType: .resident, idNumber: subjectID),
            hrss: hrssReadable ? hrss : nil,
            medical: medicalReadable ? medical : nil
        )

        #expect(result.outcome.rawValue == "SI_PENDING")
        #expect(result.problems.isEmpty)
        #expect(result.parentMessages == words(["SI_PENDING"]))
        #expect(result.months == nil)
        #expect(result.points == nil)
    }
}

@Suite struct SocialInsuranceIdentityTests {
    /// Evidence for `subject` with every department person registered as `registered`.
    private func match(
        _ subject: Person,
        registeredAs registered: String = subjectName
    ) throws -> SocialInsuranceResult {
        try matchRules2023().socialInsurance(
            for: subject,
            hrss: try evidence(.hrss, [hrssPerson(name: registered)]),
            medical: try evidence(.medical, [medicalPerson(name: registered)])
        )
    }

    @Test(arguments: [
        (typed: "周 建国", registered: "周建国"),
        (typed: "周\u{3000}建国", registered: "周建国"),
        (typed: "周\u{00A0}建国 ", registered: "周建国"),
        (typed: "周建国", registered: "周　建国"),
        (typed: "ＭＡＲＹ　ＬＥＥ", registered: "MARY LEE"),
        (typed: "阿依古丽•买买提", registered: "阿依古丽·买买提"),
        (typed: "阿依古丽・买买提", registered: "阿依古丽·买买提"),
    ])
    func nameDifferingOnlyInSpacesOrWidthIsTheSameName(typed: String, registered: String) throws {
        let subject = Person(name: typed, idType: .resident, idNumber: subjectID)

        #expect(try match(subject, registeredAs: registered).outcome == .matched)
    }

    @Test(arguments: [
        (typed: "郭婷", registered: "郭婷婷"),
        (typed: "郭婷婷", registered: "郭婷"),
        (typed: "王明", registered: "王鸣"),
    ])
    func differentCharactersAreANameMismatch(typed: String, registered: String) throws {
        let subject = Person(name: typed, idType: .resident, idNumber: subjectID)

        let result = try match(subject, registeredAs: registered)

        #expect(result.outcome.rawValue == "SI_NAME_MISMATCH")
        #expect(result.problems.map(\.rawValue) == ["SI_NAME_MISMATCH"])
    }

    @Test func legacyFifteenDigitNumberInTheFeedIsFoundByTheEighteenDigitNumber() throws {
        let legacy = InsuredPerson(
            personalNumber: "SB1",
            name: subjectName,
            idNumber: "341221850315103"
        )
        // The feed is indexed as the nightly run indexes it: by lookup key.
        let feed = Dictionary(grouping: [legacy]) {
            MatchRules.lookupKey(of: $0.idNumber, as: .resident)
        }
        let subject = Person(name: subjectName, idType: .resident, idNumber: subjectID)

        let found = try #require(feed[MatchRules.lookupKey(of: subjectID, as: .resident)])
        let result = try matchRules2023().socialInsurance(
            for: subject,
            hrss: try evidence(.hrss, found),
            medical: try evidence(.medical, [medicalPerson()])
        )

        #expect(result.outcome == .matched)
    }

    @Test(arguments: ["41272319860708259x", "4127 2319 8607 08259 x", "４１２７２３１９８６０７０８２５９ｘ"])
    func lowercaseXTypedIsTheSameNumber(typed: String) throws {
        #expect(MatchRules.lookupKey(of: typed, as: .resident) == "41272319860708259X")

        let subject = Person(name: "王明", idType: .resident, idNumber: typed)
        let result = try match(subject, registeredAs: "王明")

        #expect(result.outcome == .matched)
    }

    @Test func invalidCheckDigitGivesInvalidIDWithAllMonthsZero() throws {
        let rules = try matchRules2023()
        let subject = Person(name: subjectName, idType: .resident, idNumber: "341221198503151038")

        let result = rules.socialInsurance(
            for: subject,
            hrss: try evidence(.hrss, [hrssPerson()], [try paidSince201908("110")]),
            medical: try evidence(.medical, [medicalPerson()], [try paidSince201908("310")])
        )

        #expect(result.outcome.rawValue == "SI_INVALID_ID")
        #expect(result.problems.map(\.rawValue) == ["SI_INVALID_ID"])
        #expect(result.parentMessages == words(["SI_INVALID_ID"]))
        let months = try #require(result.months)
        #expect(months == InsuranceMonths.zero(for: rules.policy))
        #expect(Set(months.byType.keys) == Set(rules.policy.insurance.types.map(\.key)))
        #expect(months.byType.values.allSatisfy { $0.values.allSatisfy { $0 == 0 } })
        #expect(result.points == nil)
    }

    // The parent can correct a wrong number today; waiting for a feed would cost a day.
    @Test func invalidIDIsReportedEvenWhileAFeedIsUnreadable() throws {
        let subject = Person(name: subjectName, idType: .resident, idNumber: "341221198503151038")

        let result = try matchRules2023().socialInsurance(for: subject, hrss: nil, medical: nil)

        #expect(result.outcome.rawValue == "SI_INVALID_ID")
        #expect(result.parentMessages == words(["SI_INVALID_ID"]))
    }

    /// A spreadsheet lost digits of these: they are never repaired into a number.
    @Test(arguments: ["3.41221E+17", "3.41221198503151E+17", "341221198503151037.0"])
    func spreadsheetDamagedNumberIsInvalid(typed: String) throws {
        let subject = Person(name: subjectName, idType: .resident, idNumber: typed)

        let result = try match(subject)

        #expect(result.outcome.rawValue == "SI_INVALID_ID")
        #expect(result.points == nil)
    }

    @Test func passportHolderIsLookedUpByThePassportNumber() throws {
        let registered = InsuredPerson(
            personalNumber: "SB7",
            name: "MARY LEE",
            idNumber: "E1234567"
        )
        let feed = Dictionary(grouping: [registered]) {
            MatchRules.lookupKey(of: $0.idNumber, as: .passport)
        }
        let subject = Person(name: "MARY LEE", idType: .passport, idNumber: "e 1234567")

        let found = try #require(feed[MatchRules.lookupKey(of: subject.idNumber, as: .passport)])
        let medical = InsuredPerson(
            personalNumber: "YB7",
            name: "MARY LEE",
            idNumber: "E1234567",
            accountStatus: "正常"
        )
        let result = try matchRules2023().socialInsurance(
            for: subject,
            hrss: try evidence(.hrss, found),
            medical: try evidence(.medical, [medical])
        )

        // Not read as a resident number, which it would fail.
        #expect(result.outcome == .matched)
    }
}

// MARK: - Property

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

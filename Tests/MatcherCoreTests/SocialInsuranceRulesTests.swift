import Foundation
import Testing

@testable import MatcherCore

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

/// `body` (17 digits) completed with its GB 11643 check digit, so only the date is wrong.
private func withCheckDigit(_ body: String) -> String {
    body + String(IDNumber.residentCheckDigit(of: Array(body.utf8)))
}

/// A subject born after the policy's reference date (2023-04-30 in 2023) cannot hold
/// insurance years: the number is mistyped even though its check digit is right.
@Suite struct SocialInsuranceBirthDateTests {
    /// Both departments know the number, so only the birth date can make it invalid.
    private func match(_ idNumber: String, as type: IDType = .resident) throws
        -> SocialInsuranceResult
    {
        let known = { (number: String) in
            InsuredPerson(
                personalNumber: number,
                name: subjectName,
                idNumber: idNumber,
                accountStatus: "正常",
                accountIsNormal: true
            )
        }
        return try matchRules2023().socialInsurance(
            for: Person(name: subjectName, idType: type, idNumber: idNumber),
            hrss: try evidence(.hrss, [known("SB1")], [try paidSince201908("110")]),
            medical: try evidence(.medical, [known("YB1")], [try paidSince201908("310")])
        )
    }

    @Test(arguments: ["34122120300315103", "34122121000101103", "34122120230501103"])
    func birthDateAfterTheReferenceDateIsAnInvalidID(body: String) throws {
        let idNumber = withCheckDigit(body)
        let rules = try matchRules2023()
        try #require(IDNumber.normalize(idNumber, as: .resident).isValid)

        let result = try match(idNumber)

        #expect(result.outcome.rawValue == "SI_INVALID_ID")
        #expect(result.problems.map(\.rawValue) == ["SI_INVALID_ID"])
        #expect(result.parentMessages == words(["SI_INVALID_ID"]))
        #expect(result.months == InsuranceMonths.zero(for: rules.policy))
        #expect(result.points == nil)
    }

    @Test func futureBirthDateIsInvalidEvenWhileAFeedIsUnreadable() throws {
        let subject = Person(
            name: subjectName,
            idType: .resident,
            idNumber: withCheckDigit("34122120300315103")
        )

        let result = try matchRules2023().socialInsurance(for: subject, hrss: nil, medical: nil)

        #expect(result.outcome.rawValue == "SI_INVALID_ID")
    }

    @Test(arguments: ["34122120230430103", "34122120230429103", "34122119850315103"])
    func birthDateOnOrBeforeTheReferenceDateIsNotJudgedByIt(body: String) throws {
        #expect(try match(withCheckDigit(body)).outcome == .matched)
    }

    @Test func numberOfAnotherTypeIsNotReadForABirthDate() throws {
        // A passport number may hold any digits; only resident numbers carry a birth date.
        let result = try match(withCheckDigit("34122121000101103"), as: .passport)

        #expect(result.outcome == .matched)
    }
}

import Testing

@testable import MatcherCore

struct IDNumberResidentTests {
    @Test(arguments: [
        "341221198503151037",
        "34122119850315203X",
        "320583201706011064",
        "41272319860708259X",
    ])
    func validNormalNumberIsKeptWithoutSteps(number: String) {
        let result = IDNumber.normalize(number, as: .resident)

        #expect(result.normalized == number)
        #expect(result.folded == number)
        #expect(result.problem == nil)
        #expect(result.steps.isEmpty)
    }

    @Test func spacedNumberWithLowercaseXIsFolded() {
        let result = IDNumber.normalize("4127 2319 8607 08259 x", as: .resident)

        #expect(result.normalized == "41272319860708259X")
        #expect(
            result.steps == [
                NormalizationStep(.spacesRemoved, count: 4),
                NormalizationStep(.letterCaseFolded, count: 1),
            ]
        )
    }

    @Test func wrongCheckDigitIsReportedWithBothDigits() {
        let result = IDNumber.normalize("341221198503151492", as: .resident)

        #expect(result.normalized == nil)
        #expect(result.folded == "341221198503151492")
        #expect(result.problem == .checkDigitMismatch(expected: "1", found: "2"))
    }

    @Test func fifteenDigitNumberIsUpgraded() {
        let result = IDNumber.normalize("320583780923031", as: .resident)

        #expect(result.normalized == "320583197809230316")
        #expect(result.folded == "320583780923031")
        #expect(
            result.steps == [
                NormalizationStep(
                    .fifteenDigitUpgraded,
                    detail: "320583780923031 → 320583197809230316"
                )
            ]
        )
    }

    @Test func legacyFeedNumberMatchesTheApplicationsNumber() {
        let feed = IDNumber.normalize("320583780923031", as: .resident)
        let typed = IDNumber.normalize("320583197809230316", as: .resident)

        #expect(feed.normalized == typed.normalized)
    }

    @Test func spacedFifteenDigitNumberIsFoldedThenUpgraded() {
        let result = IDNumber.normalize("320583 780923 031", as: .resident)

        #expect(result.normalized == "320583197809230316")
        #expect(result.steps.map(\.kind) == [.spacesRemoved, .fifteenDigitUpgraded])
    }

    @Test func fullWidthDigitsAreFolded() {
        let result = IDNumber.normalize("３４１２２１１９８５０３１５１０３７", as: .resident)

        #expect(result.normalized == "341221198503151037")
        #expect(result.steps == [NormalizationStep(.fullWidthFolded, count: 18)])
    }

    @Test(arguments: [
        ("341221-19850315-1037", NormalizationStep(.separatorsRemoved, count: 2)),
        ("341221\u{2014}19850315\u{2014}1037", NormalizationStep(.separatorsRemoved, count: 2)),
        ("341221\u{FF0D}198503151037", NormalizationStep(.separatorsRemoved, count: 1)),
        ("\u{3000}341221198503151037\u{A0}", NormalizationStep(.spacesRemoved, count: 2)),
        ("341221\t198503151037\n", NormalizationStep(.spacesRemoved, count: 2)),
        ("341221198503151037\u{200B}", NormalizationStep(.spacesRemoved, count: 1)),
        ("\u{FEFF}341221198503151037", NormalizationStep(.spacesRemoved, count: 1)),
    ])
    func formOnlyDifferencesAreRemoved(raw: String, step: NormalizationStep) {
        let result = IDNumber.normalize(raw, as: .resident)

        #expect(result.normalized == "341221198503151037")
        #expect(result.steps == [step])
    }

    @Test(arguments: [
        ("", IDNumberProblem.empty),
        (" \u{3000} ", .empty),
        ("34122119850315103", .wrongLength(17)),
        ("3412211985031510377", .wrongLength(19)),
        ("4127231986070825X", .wrongLength(17)),
        ("34122119850315103O", .invalidCharacters("O")),
        ("3412211985X3151037", .invalidCharacters("X")),
        ("32058378092303X", .invalidCharacters("X")),
        ("王明", .invalidCharacters("王明")),
        ("341221/1985.0315", .invalidCharacters("/.")),
        ("341221198513151037", .invalidBirthDate),
        ("341221199002301234", .invalidBirthDate),
        ("341221189912311234", .invalidBirthDate),
        ("341221210101011234", .invalidBirthDate),
        ("320583781323031", .invalidBirthDate),
        ("3.41221E+17", .spreadsheetDamage),
        ("3.41221e17", .spreadsheetDamage),
        ("3.41221198503151E+17", .spreadsheetDamage),
        ("341221198503151037.0", .spreadsheetDamage),
        ("320583780923031.00", .spreadsheetDamage),
    ])
    func invalidNumberGetsItsProblem(raw: String, problem: IDNumberProblem) {
        let result = IDNumber.normalize(raw, as: .resident)

        #expect(result.normalized == nil)
        #expect(result.problem == problem)
        #expect(!result.isValid)
    }

    @Test func invalidNumberKeepsItsFoldedForm() {
        let result = IDNumber.normalize(" ３4122119850315149２ ", as: .resident)

        #expect(result.folded == "341221198503151492")
        #expect(result.normalized == nil)
        #expect(result.steps.map(\.kind) == [.spacesRemoved, .fullWidthFolded])
    }

    @Test(arguments: [
        ("32058320000229001", true),
        ("32058319000229001", false),
        ("32058321000229001", false),
        ("32058319960229001", true),
        ("32058319970229001", false),
        ("32058319970431001", false),
        ("32058319971231001", true),
    ])
    func birthDateFollowsTheCalendar(first17: String, isRealDate: Bool) {
        let number = first17 + String(IDNumber.residentCheckDigit(of: first17))

        let result = IDNumber.normalize(number, as: .resident)

        #expect(result.isValid == isRealDate)
        #expect(isRealDate || result.problem == .invalidBirthDate)
    }

    @Test(arguments: [
        ("34122119850315149", "1" as Character),
        ("32058319780923031", "6"),
        ("41272319860708259", "X"),
        ("34122119850315103", "7"),
    ])
    func checkDigitFollowsGB11643(first17: String, check: Character) {
        #expect(IDNumber.residentCheckDigit(of: first17) == check)
        #expect(IDNumber.residentCheckDigit(of: Array(first17.utf8)) == check)
        #expect(IDNumber.residentCheckDigit(of: (first17 + "9").utf8) == check)
    }

    @Test func birthDateIsReadFromNormalizedNumber() throws {
        let date = try #require(IDNumber.birthDate(ofResident: "320583197809230316"))

        #expect(date.year == 1978)
        #expect(date.month == 9)
        #expect(date.day == 23)
    }

    @Test(arguments: ["320583780923031", "320583197813230316", "", "ABCDEFGHIJKLMNOPQR"])
    func birthDateIsNilWithoutARealDate(number: String) {
        #expect(IDNumber.birthDate(ofResident: number) == nil)
    }

    @Test(arguments: [
        ("341221198503151037", "341221198503151141"),
        ("341221198503151037", "341221198503151045"),
        ("320583780923031", "320583197809230324"),
    ])
    func differentNumbersStayDifferent(first: String, second: String) {
        let firstResult = IDNumber.normalize(first, as: .resident)
        let secondResult = IDNumber.normalize(second, as: .resident)

        #expect(firstResult.folded != secondResult.folded)
        #expect(firstResult.normalized != secondResult.normalized || firstResult.normalized == nil)
    }
}

struct IDNumberOtherTypeTests {
    @Test(arguments: [
        ("E12345678", IDType.passport, "E12345678"),
        ("e1234 5678", .passport, "E12345678"),
        ("12E45", .passport, "12E45"),
        ("ＧＡ１２３４５６７", .passport, "GA1234567"),
        ("A123456(7)", .hmt, "A1234567"),
        ("A123456（A）", .hmt, "A123456A"),
        ("AB9876543", .hmt, "AB9876543"),
        ("H12345678", .hmt, "H12345678"),
        ("m1234567890", .hmt, "M1234567890"),
        ("12345678", .hmt, "12345678"),
        ("1234567890", .hmt, "1234567890"),
        ("810000199001011230", .hmt, "810000199001011230"),
        ("AB12", .other, "AB12"),
        ("ab-12", .other, "AB12"),
    ])
    func validNumberIsNormalized(raw: String, type: IDType, normalized: String) {
        let result = IDNumber.normalize(raw, as: type)

        #expect(result.normalized == normalized)
        #expect(result.problem == nil)
    }

    @Test(arguments: [
        ("E12", IDType.passport, IDNumberProblem.wrongLength(3)),
        ("E1234567890123456789012", .passport, .wrongLength(23)),
        ("E1234567#", .passport, .invalidCharacters("#")),
        ("1.2E+45", .passport, .spreadsheetDamage),
        ("", .passport, .empty),
        ("810000199001011231", .hmt, .checkDigitMismatch(expected: "0", found: "1")),
        ("810000199013011230", .hmt, .invalidBirthDate),
        ("341221198503151037", .hmt, .unrecognizedFormat),
        ("X12345678", .hmt, .unrecognizedFormat),
        ("H123456", .hmt, .unrecognizedFormat),
        ("A12345(6)", .hmt, .unrecognizedFormat),
        ("ABC", .hmt, .unrecognizedFormat),
        ("A123456[7]", .hmt, .invalidCharacters("[]")),
        ("8.1E+17", .hmt, .spreadsheetDamage),
        ("A1", .other, .wrongLength(2)),
        (String(repeating: "A", count: 31), .other, .wrongLength(31)),
        ("编号123", .other, .invalidCharacters("编号")),
    ])
    func invalidNumberGetsItsProblem(raw: String, type: IDType, problem: IDNumberProblem) {
        let result = IDNumber.normalize(raw, as: type)

        #expect(result.normalized == nil)
        #expect(result.problem == problem)
    }

    @Test func hongKongParenthesesAreRemovedAsPunctuation() {
        let result = IDNumber.normalize("A123456(7)", as: .hmt)

        #expect(result.steps == [NormalizationStep(.punctuationRemoved, count: 2)])
    }

    @Test func parenthesesStayInvalidOutsideHMTNumbers() {
        let result = IDNumber.normalize("A123456(7)", as: .passport)

        #expect(result.problem == .invalidCharacters("()"))
    }
}

struct IDNumberProblemTests {
    static let everyProblem: [IDNumberProblem] = [
        .empty,
        .invalidCharacters("O"),
        .wrongLength(17),
        .invalidBirthDate,
        .checkDigitMismatch(expected: "1", found: "2"),
        .spreadsheetDamage,
        .unrecognizedFormat,
    ]

    @Test(arguments: everyProblem)
    func everyProblemIsExplainedInBothLanguages(problem: IDNumberProblem) {
        #expect(!problem.description.isEmpty)
        #expect(!problem.explanation.isEmpty)
    }

    @Test func checkDigitProblemNamesBothDigits() {
        let problem = IDNumberProblem.checkDigitMismatch(expected: "1", found: "2")

        #expect(problem.description == "the check digit is 2, but the first 17 digits give 1")
        #expect(problem.explanation.contains("1"))
        #expect(problem.explanation.contains("2"))
    }
}

@Suite struct LookupKeyTests {
    /// The key is the normal form of a valid number, or else its folded form, whatever way
    /// it is worked out.
    @Test(arguments: IDType.allCases)
    func keyIsTheNormalFormOrTheFoldedForm(type: IDType) {
        let numbers = [
            "", "11010519491231002X", "11010519491231002x", "110105491231002", "110105491331002",
            "110105 19491231002X", "E12345678", "e12345678", "H0123456789", "(H)0123456789",
            "810000199901011234", "ABCDEFGHIJKLMNOPQR", "１１０１０５", "12345", "3.41221E+17",
        ]
        for number in numbers {
            let normalization = IDNumber.normalize(number, as: type)
            let expected = normalization.normalized ?? normalization.folded
            #expect(MatchRules.lookupKey(of: number, as: type) == expected, "\(number)")
        }
    }
}

import Testing

@testable import MatcherCore

struct RealEstateCertificateTests {
    @Test(arguments: [
        ("2022", "0100001", 2022, "0100001"),
        ("2019", "34568", 2019, "0034568"),
        ("2020", "苏（２０２０）昆山市不动产权第０２３４５６７号", 2020, "0234567"),
        ("2019", "苏(2019)昆山市不动产权第0123456号", 2019, "0123456"),
        ("2019", "第0123456号", 2019, "0123456"),
        ("2019", "0123 456", 2019, "0123456"),
        ("2019", "不动产权证第0123456号", 2019, "0123456"),
        (" ２０１９ ", "0123456", 2019, "0123456"),
        ("2019年", "0123456", 2019, "0123456"),
        ("(2019)", "0123456", 2019, "0123456"),
        ("2019", "00123456", 2019, "0123456"),
        ("2019", "苏 (2019) 昆山市 不动产权 第 0123456 号", 2019, "0123456"),
    ])
    func typedNumberIsReadWithItsYearField(
        year: String,
        number: String,
        keyYear: Int,
        serial: String
    ) {
        let result = CertificateNumber.parse(type: .realEstate, year: year, number: number)

        #expect(result.key == .realEstate(year: keyYear, serial: serial))
        #expect(result.problem == nil)
    }

    @Test(arguments: [
        "苏(2019)昆山市不动产权第0123456号",
        "(2019)0123456",
        "（2019）0123456",
        "〔2019〕0123456",
        "[2019]0123456",
        "［2019］0123456",
        "【2019】0123456",
        "(2019年)0123456",
    ])
    func yearIsTakenFromTheBrackets(number: String) {
        for year in [nil, "", " "] as [String?] {
            let result = CertificateNumber.parse(type: .realEstate, year: year, number: number)

            #expect(result.key == .realEstate(year: 2019, serial: "0123456"))
            #expect(result.steps.contains(NormalizationStep(.yearTakenFromNumber, detail: "2019")))
        }
    }

    @Test func normalSerialWithYearHasNoSteps() {
        let result = CertificateNumber.parse(type: .realEstate, year: "2022", number: "0100001")

        #expect(result.steps.isEmpty)
    }

    @Test func shortSerialGetsItsZerosBack() {
        let result = CertificateNumber.parse(type: .realEstate, year: "2019", number: "34568")

        #expect(
            result.steps == [
                NormalizationStep(.leadingZerosRestored, count: 2, detail: "34568 → 0034568")
            ]
        )
    }

    @Test func extraZerosAreReported() {
        let result = CertificateNumber.parse(type: .realEstate, year: "2019", number: "00123456")

        #expect(
            result.steps == [
                NormalizationStep(.leadingZerosRemoved, count: 1, detail: "00123456 → 0123456")
            ]
        )
    }

    @Test func printedNumberInFullWidthIsReported() {
        let result = CertificateNumber.parse(
            type: .realEstate,
            year: nil,
            number: "苏（２０２０）昆山市不动产权第０２３４５６７号"
        )

        #expect(
            result.steps == [
                NormalizationStep(.fullWidthFolded, count: 13),
                NormalizationStep(.decorationRemoved, count: 16, detail: "苏 (2020) 昆山市 不动产权 第 号"),
                NormalizationStep(.yearTakenFromNumber, detail: "2020"),
            ]
        )
    }

    @Test(arguments: [
        ("2019" as String?, "", CertificateNumberProblem.empty),
        ("2019", " \u{3000}", .empty),
        (nil, "0123456", .missingYear),
        ("", "0123456", .missingYear),
        ("2019", "苏(2020)昆山市不动产权第0123456号", .conflictingYears("2019", "2020")),
        ("19", "0123456", .invalidYear("19")),
        ("1989", "0123456", .invalidYear("1989")),
        ("2101", "0123456", .invalidYear("2101")),
        ("二〇一九", "0123456", .invalidYear("二〇一九")),
        (nil, "苏(19)昆山市不动产权第0123456号", .invalidYear("19")),
        ("2019", "12345678", .serialTooLong("12345678")),
        ("2019", "20190123456", .serialTooLong("20190123456")),
        ("2019", "01A3456", .serialNotDigits("01A3456")),
        ("2019", "0123-456", .serialNotDigits("0123-456")),
        ("2019", "苏(2019)南京市不动产权第0123456号", .unexpectedText("南京市不动产权第0123456")),
        ("2019", "不动产权证明第0123456号", .unexpectedText("明第0123456")),
        ("2019", "苏(2019)昆山市不动产权第号", .missingSerial),
    ])
    func unreadableNumberGetsItsProblem(
        year: String?,
        number: String,
        problem: CertificateNumberProblem
    ) {
        let result = CertificateNumber.parse(type: .realEstate, year: year, number: number)

        #expect(result.key == nil)
        #expect(result.problem == problem)
    }
}

struct HouseOwnershipCertificateTests {
    @Test(arguments: [
        ("昆房权证玉山字第201034567号", "201034567"),
        ("201034567", "201034567"),
        ("第201034567号", "201034567"),
        ("玉山字第201034567", "201034567"),
        ("房权证玉山字第201034567号", "201034567"),
        ("昆房权证玉山字第 201034567 号", "201034567"),
        ("２０１０３４５６７", "201034567"),
        ("0012345", "0012345"),
        ("a12345", "A12345"),
        ("昆房权证开发区字第A0012345号", "A0012345"),
    ])
    func typedNumberIsRead(number: String, key: String) {
        let result = CertificateNumber.parse(type: .houseOwnership, year: nil, number: number)

        #expect(result.key == .houseOwnership(key))
        #expect(result.problem == nil)
    }

    @Test func decorationIsReported() {
        let result = CertificateNumber.parse(
            type: .houseOwnership,
            year: "2019",
            number: "昆房权证玉山字第201034567号"
        )

        #expect(
            result.steps == [NormalizationStep(.decorationRemoved, count: 9, detail: "昆房权证玉山字第 号")]
        )
    }

    @Test(arguments: [
        ("", CertificateNumberProblem.empty),
        ("昆房权证玉山字第号", .missingSerial),
        ("2010-34567", .unexpectedText("2010-")),
        ("苏房权证玉山字第201034567号", .unexpectedText("苏房权证玉山字第")),
        ("201034567(补)", .unexpectedText("201034567(补)")),
    ])
    func unreadableNumberGetsItsProblem(number: String, problem: CertificateNumberProblem) {
        let result = CertificateNumber.parse(type: .houseOwnership, year: nil, number: number)

        #expect(result.key == nil)
        #expect(result.problem == problem)
    }
}

struct CertificateKeyTests {
    @Test(arguments: [
        ("苏(2022)昆山市不动产权第0100001号", CertificateKey.realEstate(year: 2022, serial: "0100001")),
        ("苏(2019)昆山市不动产权第0034568号", .realEstate(year: 2019, serial: "0034568")),
        ("苏（2020）昆山市不动产权第0234567号", .realEstate(year: 2020, serial: "0234567")),
    ])
    func registeredRealEstateNumberIsRead(printed: String, key: CertificateKey) {
        #expect(CertificateNumber.parseRegistered(type: .realEstate, printed: printed) == key)
    }

    @Test func registeredHouseOwnershipNumberIsRead() {
        let key = CertificateNumber.parseRegistered(
            type: .houseOwnership,
            printed: "昆房权证玉山字第201034567号"
        )

        #expect(key == .houseOwnership("201034567"))
    }

    @Test(arguments: [
        (CertificateType.realEstate, "昆山市不动产权第0123456号"),
        (.realEstate, "苏(2019)南京市不动产权第0123456号"),
        (.houseOwnership, "苏房权证字第201034567号"),
        (.houseOwnership, ""),
    ])
    func unreadableRegisteredNumberIsNil(type: CertificateType, printed: String) {
        #expect(CertificateNumber.parseRegistered(type: type, printed: printed) == nil)
    }

    @Test(arguments: [
        ("2019", "34568", "苏(2019)昆山市不动产权第0034568号"),
        ("2020", "苏（２０２０）昆山市不动产权第０２３４５６７号", "苏(2020)昆山市不动产权第0234567号"),
        ("2022", "0100001", "苏(2022)昆山市不动产权第0100001号"),
    ])
    func typedNumberFindsTheRegisteredCertificate(year: String, typed: String, printed: String) {
        let typedKey = CertificateNumber.parse(type: .realEstate, year: year, number: typed).key

        #expect(typedKey != nil)
        #expect(typedKey == CertificateNumber.parseRegistered(type: .realEstate, printed: printed))
    }

    @Test func sameSerialInAnotherYearIsAnotherCertificate() {
        let first = CertificateNumber.parse(type: .realEstate, year: "2019", number: "0123456")
        let second = CertificateNumber.parse(type: .realEstate, year: "2020", number: "0123456")

        #expect(first.key != second.key)
    }

    @Test func sameDigitsOfTheTwoKindsAreDifferentCertificates() {
        let realEstate = CertificateNumber.parse(type: .realEstate, year: "2019", number: "0123456")
        let houseOwnership = CertificateNumber.parse(
            type: .houseOwnership,
            year: "2019",
            number: "0123456"
        )

        #expect(realEstate.key != nil)
        #expect(realEstate.key != houseOwnership.key)
    }

    @Test(arguments: [
        (CertificateType.realEstate, "0100012", "0100021"),
        (.houseOwnership, "0012345", "12345"),
        (.houseOwnership, "A12345", "12345"),
    ])
    func differentNumbersStayDifferent(type: CertificateType, first: String, second: String) {
        let firstKey = CertificateNumber.parse(type: type, year: "2020", number: first).key
        let secondKey = CertificateNumber.parse(type: type, year: "2020", number: second).key

        #expect(firstKey != nil)
        #expect(firstKey != secondKey)
    }

    @Test(arguments: [
        (CertificateKey.realEstate(year: 2019, serial: "0034568"), "不动产权证 (2019) 0034568"),
        (.houseOwnership("201034567"), "房屋所有权证 201034567"),
    ])
    func keyDescribesItself(key: CertificateKey, description: String) {
        #expect(key.description == description)
    }

    static let everyProblem: [CertificateNumberProblem] = [
        .empty, .missingSerial, .unexpectedText("南京市"), .serialNotDigits("01A"),
        .serialTooLong("12345678"), .missingYear, .invalidYear("19"),
        .conflictingYears("2019", "2020"),
    ]

    @Test(arguments: everyProblem)
    func everyProblemIsExplainedInBothLanguages(problem: CertificateNumberProblem) {
        #expect(!problem.description.isEmpty)
        #expect(!problem.explanation.isEmpty)
    }
}

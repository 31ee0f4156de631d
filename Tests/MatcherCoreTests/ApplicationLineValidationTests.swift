import Foundation
import Testing

@testable import MatcherCore

/// The first fixture line with `version` written as `number`, byte for byte, because a JSON
/// round trip would rewrite numbers such as `1e400`.
private func firstLine(withVersionText number: String) throws -> Data {
    let text = try #require(String(data: basicFixtureLine(1), encoding: .utf8))
    let original = "\"version\": 1,"
    try #require(text.contains(original))
    return Data(text.replacingOccurrences(of: original, with: "\"version\": \(number),").utf8)
}

/// The first fixture line with its `town` replaced by `text` between the quotes, byte for
/// byte, so that raw control characters and escapes reach the decoder as written.
private func fixtureLine(replacingTown text: String) throws -> Data {
    let line = try #require(String(data: basicFixtureLine(1), encoding: .utf8))
    let original = #""town": "昆山开发区""#
    try #require(line.contains(original))
    return Data(line.replacingOccurrences(of: original, with: #""town": ""# + text + "\"").utf8)
}

/// How a refused portal id is explained, after the field's name.
private let portalIdRule = "is not a portal id: 1 to 64 letters, digits, - _ ."

/// A family member as JSON text, a sibling unless told otherwise.
private func familyMember(name: String = "周子轩", relation: String = "sibling") -> String {
    #"{"name": "\#(name)", "idType": "resident", "idNumber": "1", "relation": "\#(relation)"}"#
}

/// A line that only withdraws an application, with the given `applicationId` and fields.
private func withdrawnLine(
    applicationId: String = "A2023-0021",
    submittedAt: String = "2023-05-09T20:15:00+08:00",
    extra: String = ""
) throws -> Data {
    let identity: [String: Any] = [
        "applicationId": applicationId, "registrationNo": "ES2023041200021", "version": 2,
        "status": "withdrawn", "submittedAt": submittedAt,
    ]
    var text = try #require(
        String(data: JSONSerialization.data(withJSONObject: identity), encoding: .utf8)
    )
    if !extra.isEmpty {
        text = String(text.dropLast()) + ", " + extra + "}"
    }
    return Data(text.utf8)
}

/// What the portal may send and what it may not: numbers, allowed values, ids and persons.
@Suite struct ApplicationLineValidationTests {
    // MARK: version

    @Test(arguments: ["1.5", "1e+30", "-1.5", "99999999999999999999", "1e400"])
    func versionThatIsNotAWholeNumberIsRefusedNamingTheField(number: String) throws {
        let error = try refusal(of: firstLine(withVersionText: number))

        #expect(error.reason == "`version` must be a whole number of 1 or more")
        #expect(error.applicationId == "A2023-0001")
    }

    @Test(arguments: ["1.0", "1e0"])
    func wholeVersionWrittenAsADecimalIsTaken(number: String) throws {
        let application = try ApplicationLine.decode(
            firstLine(withVersionText: number),
            lineNumber: 1
        )

        #expect(application.version == 1)
    }

    @Test func versionAsTextIsNotAWholeNumber() throws {
        let error = try refusal(of: firstLine(setting: "version", toJSON: #""2""#))

        #expect(error.reason == "field `version` is not a whole number")
    }

    @Test func brokenUnicodeEscapeIsNotCalledInvalidJSON() throws {
        let text = try #require(String(data: basicFixtureLine(1), encoding: .utf8))
        let line = text.replacingOccurrences(of: "\"昆山开发区\"", with: #""\ud800""#)

        let error = try refusal(of: Data(line.utf8))

        #expect(error.reason.contains("\\u escape"))
        #expect(error.applicationId == "A2023-0001")
    }

    @Test(arguments: ["\u{0}", "\u{1}", "\t", "\r", "\u{1B}", "\u{1F}"])
    func rawControlCharacterInsideAStringIsCalledThat(character: String) throws {
        let line = try fixtureLine(replacingTown: "昆山\(character)开发区")

        let error = try refusal(of: line)

        #expect(error.reason == "a control character inside a string (must be escaped)")
        #expect(error.applicationId == "A2023-0001")
    }

    @Test func rawControlCharacterAfterAnEscapedBackslashIsStillFound() throws {
        let error = try refusal(of: fixtureLine(replacingTown: #"昆山\\"# + "\u{0}"))

        #expect(error.reason == "a control character inside a string (must be escaped)")
    }

    @Test(arguments: [#"昆山\u0000开发区"#, #"昆山\t开发区"#, #"昆山\\开发区"#])
    func escapedControlCharacterIsTaken(town: String) throws {
        let application = try ApplicationLine.decode(
            fixtureLine(replacingTown: town),
            lineNumber: 1
        )

        #expect(application.town?.hasPrefix("昆山") == true)
    }

    @Test func tabBetweenFieldsIsWhiteSpaceNotAControlCharacterInAString() throws {
        let text = try #require(String(data: basicFixtureLine(1), encoding: .utf8))
        let line = text.replacingOccurrences(of: "\"town\": ", with: "\"town\":\t")

        let application = try ApplicationLine.decode(Data(line.utf8), lineNumber: 1)

        #expect(application.town == "昆山开发区")
        #expect(!ApplicationLine.hasControlCharacterInString(Data(line.utf8)))
    }

    // MARK: allowed values

    @Test(arguments: [
        (path: "stage", json: #""senior""#, field: "stage", allowed: "primary, junior"),
        (path: "stage", json: #""Primary""#, field: "stage", allowed: "primary, junior"),
        (
            path: "guardians[1].relation", json: #""uncle""#, field: "guardians[1].relation",
            allowed: "father, mother, other, none"
        ),
        (
            path: "property.owner.relation", json: #""other""#, field: "property.owner.relation",
            allowed: "father, mother, sibling"
        ),
        (
            path: "property.coOwners", json: #"["mother", "grandma"]"#,
            field: "property.coOwners[1]", allowed: "father, mother, sibling"
        ),
        (
            path: "familyMembers",
            json: "[\(familyMember(relation: "cousin"))]",
            field: "familyMembers[0].relation", allowed: "sibling"
        ),
    ])
    func valueOutsideTheContractIsRefusedNamingFieldAndAllowedValues(
        path: String,
        json: String,
        field: String,
        allowed: String
    ) throws {
        let error = try refusal(of: firstLine(setting: path, toJSON: json))

        #expect(error.reason == "`\(field)` is not one of \(allowed)")
        #expect(error.applicationId == "A2023-0001")
    }

    @Test(arguments: ["stage", "guardians[0].relation", "property.owner.relation"])
    func missingStageOrRelationIsNamedByItsPath(path: String) throws {
        let error = try refusal(of: firstLine(setting: path, toJSON: nil))

        #expect(error.reason == "missing required field `\(path)`")
    }

    @Test(arguments: [
        (path: "stage", json: #""junior""#),
        (path: "guardians[1].relation", json: #""other""#),
        (path: "property.coOwners", json: #"["father", "mother", "sibling"]"#),
    ])
    func everyAllowedValueIsTaken(path: String, json: String) throws {
        let application = try ApplicationLine.decode(
            firstLine(setting: path, toJSON: json),
            lineNumber: 1
        )

        #expect(application.applicationId == "A2023-0001")
    }

    @Test func siblingAsFamilyMemberIsTaken() throws {
        let line = try firstLine(setting: "familyMembers", toJSON: "[\(familyMember())]")

        let application = try ApplicationLine.decode(line, lineNumber: 1)

        #expect(application.familyMembers?.first?.relation == "sibling")
    }

    @Test func relationsOfAnUndeclaredHomeAreNotChecked() throws {
        let line = try firstLine(
            setting: "property",
            toJSON: #"{"declared": false, "coOwners": ["grandma"]}"#
        )

        let application = try ApplicationLine.decode(line, lineNumber: 1)

        #expect(application.property?.declared == false)
    }

    @Test func withdrawnLineIsNotCheckedForAllowedValuesOrPersons() throws {
        let line = try withdrawnLine(
            extra: #""stage": "senior", "student": {"name": "", "idType": "other", "idNumber": ""}"#
        )

        let application = try ApplicationLine.decode(line, lineNumber: 22)

        #expect(application.status == .withdrawn)
    }

    // MARK: submittedAt

    @Test(arguments: [
        "yesterday", "2023-05-09T20:15:00", "2023-05-09 20:15:00+08:00", "2023-05-09",
        "2023-02-30T20:15:00+08:00", "2023-05-09T24:00:00+08:00", "2023-05-09T20:60:00+08:00",
        "2023-05-09T20:15:00+0800", "2023-05-09T20:15:00+08", "2023-05-09T20:15:00+08:00 ",
        "2023-05-09T20:15:00.+08:00", "２０２３-05-09T20:15:00+08:00", "",
    ])
    func submittedAtWithoutAnOffsetOrOutOfRangeIsRefused(text: String) throws {
        let error = try refusal(of: firstLine(setting: "submittedAt", toJSON: "\"\(text)\""))

        #expect(
            error.reason
                == "`submittedAt` is not an ISO 8601 time with an offset, "
                + "such as 2023-05-09T20:15:00+08:00"
        )
        #expect(error.applicationId == "A2023-0001")
        #expect(!ApplicationLine.isTimestampWithOffset(text))
    }

    @Test(arguments: [
        "2023-05-09T20:15:00+08:00", "2023-05-09T12:15:00Z", "2023-05-09T20:15:00.250+08:00",
        "2023-05-09T07:15:00-05:00", "2024-02-29T00:00:00+00:00",
    ])
    func submittedAtWithAnOffsetIsTaken(text: String) throws {
        let line = try firstLine(setting: "submittedAt", toJSON: "\"\(text)\"")

        let application = try ApplicationLine.decode(line, lineNumber: 1)

        #expect(application.submittedAt == text)
    }

    @Test func withdrawnLineStillNeedsATimeWithAnOffset() throws {
        let error = try refusal(of: withdrawnLine(submittedAt: "2023-05-09T20:15:00"))

        #expect(error.reason.hasPrefix("`submittedAt` is not an ISO 8601 time"))
    }

    // MARK: portal ids

    @Test(arguments: [
        "A2023-0001\nline 9 (A2023-0002): fake", "A2023\u{1B}[31m", "周建国 341221198503151037",
        String(repeating: "A", count: 65), "A 1", "A/1", "Ａ2023", "A2023-0001\r", "",
    ])
    func applicationIdThatIsNotAPortalIdIsRefusedAndNeverEchoed(id: String) throws {
        let line = try firstLine(setting: "applicationId", toJSON: jsonString(id))

        let error = try refusal(of: line)

        #expect(error.reason == "`applicationId` \(portalIdRule)")
        #expect(error.applicationId == nil)
        #expect(error.description == "line 7: \(error.reason)")
    }

    @Test func badApplicationIdIsNotEchoedWhenTheLineFailsToDecode() throws {
        let line = try firstLine(setting: [
            (path: "applicationId", json: jsonString("周建国\n")),
            (path: "version", json: #""2""#),
        ])

        let error = try refusal(of: line)

        #expect(error.reason.contains("`version`"))
        #expect(error.applicationId == nil)
    }

    @Test func registrationNumberThatIsNotAPortalIdIsRefusedKeepingTheApplicationId() throws {
        let line = try firstLine(setting: "registrationNo", toJSON: jsonString("ES 2023\n"))

        let error = try refusal(of: line)

        #expect(error.reason == "`registrationNo` \(portalIdRule)")
        #expect(error.applicationId == "A2023-0001")
    }

    @Test(arguments: [String(repeating: "z", count: 64), "a.b_c-D9", "7"])
    func portalIdOfLettersDigitsAndPunctuationUpTo64IsTaken(id: String) throws {
        let line = try withdrawnLine(applicationId: id)

        let application = try ApplicationLine.decode(line, lineNumber: 1)

        #expect(application.applicationId == id)
    }

    @Test func errorDropsAnApplicationIdThatIsNotAPortalId() {
        var error = ApplicationLineError(line: 3, reason: "x", applicationId: "A1\n\u{1B}[2J")
        #expect(error.applicationId == nil)
        #expect(error.description == "line 3: x")

        error.applicationId = "A1"
        #expect(error.description == "line 3 (A1): x")
        error.applicationId = "A 1"
        #expect(error.applicationId == nil)
    }

    @Test func portalIdShapedLikeAnIDNumberIsKeptMasked() {
        var error = ApplicationLineError(line: 4, reason: "x", applicationId: "341221198503151037")
        #expect(error.applicationId == "341221********1037")
        #expect(error.description == "line 4 (341221********1037): x")
        error.applicationId = "13912345678"
        #expect(error.applicationId == "139****5678")
        error.applicationId = "341221198503151038"
        #expect(error.applicationId == "341221********1038")
        error.applicationId = "ZHANGSAN-320583199001011234"
        #expect(error.applicationId == "ZHANGSAN-320583********1234")
        // The portal's own ids keep their digits, however many.
        for id in ["A2023-0000001", "ES2023041200008", "202304120000812345"] {
            error.applicationId = id
            #expect(error.applicationId == id)
        }
    }

    // MARK: persons

    @Test(
        arguments: [
            "student.name", "guardians[1].name", "pointsSubject.name", "property.owner.name",
            "student.idNumber", "guardians[0].idNumber", "pointsSubject.idNumber",
            "property.owner.idNumber",
        ],
        ["\"\"", "\"   \"", "\"\u{3000}\""]
    )
    func emptyNameOrIDNumberIsRefusedNamingItsPath(path: String, json: String) throws {
        let error = try refusal(of: firstLine(setting: path, toJSON: json))

        #expect(error.reason == "`\(path)` is empty")
        #expect(error.applicationId == "A2023-0001")
    }

    @Test func emptyNameOfAFamilyMemberIsNamedWithItsIndex() throws {
        let member = familyMember(name: " ")
        let line = try firstLine(setting: "familyMembers", toJSON: "[\(member)]")

        let error = try refusal(of: line)

        #expect(error.reason == "`familyMembers[0].name` is empty")
    }

    @Test func absentSecondGuardianNeedsNoNameOrNumber() throws {
        let line = try firstLine(setting: [
            (path: "guardians[1].relation", json: #""none""#),
            (path: "guardians[1].name", json: #""""#),
            (path: "guardians[1].idNumber", json: #""""#),
        ])

        let application = try ApplicationLine.decode(line, lineNumber: 1)

        #expect(application.guardians?.last?.relation == "none")
    }

    @Test(arguments: ["341221198503151030", "12345", "not a number"])
    func idNumberThatFailsItsCheckIsTakenForMatchingToJudge(idNumber: String) throws {
        // The father is the points subject and the owner: the same number in all three.
        let edits: [(path: String, json: String?)] = [
            "guardians[0]", "pointsSubject", "property.owner",
        ].map { (path: $0 + ".idNumber", json: "\"\(idNumber)\"") }
        let line = try firstLine(setting: edits)

        let application = try ApplicationLine.decode(line, lineNumber: 1)

        #expect(application.pointsSubject?.idNumber == idNumber)
    }

    @Test(arguments: [
        (path: "stage", json: #""周建国""#),
        (path: "guardians[0].relation", json: #""341221198503151037""#),
        (path: "property.coOwners", json: #"["周建国"]"#),
        (path: "submittedAt", json: #""341221198503151037""#),
        (path: "registrationNo", json: #""周建国 341221198503151037""#),
    ])
    func refusedValueIsNeverQuoted(path: String, json: String) throws {
        let error = try refusal(of: firstLine(setting: path, toJSON: json))

        for value in personalData {
            #expect(!error.reason.contains(value))
            #expect(!error.description.contains(value))
        }
    }

    // MARK: blank values

    @Test(arguments: [
        "", " ", "   ", "\t\n", "\u{3000}", " \u{3000} ", "\u{0301}", " \u{0301}",
        "\u{3000}\u{0301}",
        "周建国", " 周建国", "\u{3000}周", "a", "341221198503151037", "\u{7F}", "\u{85}", "\u{A0}",
        "\u{200B}", "\u{2028}", "\r\n", "\u{1F}",
    ])
    func blankIsWhatCharacterWhiteSpaceSays(text: String) {
        #expect(ApplicationLine.isBlank(text) == text.allSatisfy(\.isWhitespace))
    }
}

/// `text` as a JSON string literal, escapes and all.
private func jsonString(_ text: String) throws -> String {
    let data = try JSONSerialization.data(withJSONObject: text, options: .fragmentsAllowed)
    return try #require(String(data: data, encoding: .utf8))
}

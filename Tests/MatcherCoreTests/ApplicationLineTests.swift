import Foundation
import Testing

@testable import MatcherCore

/// The personal data on the first fixture line: none of it may reach an error's reason.
let personalData = [
    "周建国", "341221198503151037", "林秀英", "341221198704021044", "周子涵",
    "320583201706011064", "13800000000", "13900000000",
]

/// The first fixture line with one field replaced, or removed when `json` is nil.
///
/// - Parameters:
///   - path: as the errors name fields (`pointsSubject.idNumber`, `guardians[1].name`).
///   - json: the new value as JSON text, e.g. `"\"2\""` for a string.
func firstLine(setting path: String, toJSON json: String?) throws -> Data {
    try firstLine(setting: [(path: path, json: json)])
}

/// The first fixture line with each edit applied in turn; see ``firstLine(setting:toJSON:)``.
func firstLine(setting edits: [(path: String, json: String?)]) throws -> Data {
    var edited = try JSONSerialization.jsonObject(with: basicFixtureLine(1))
    for edit in edits {
        let value = try edit.json.map {
            try JSONSerialization.jsonObject(with: Data($0.utf8), options: .fragmentsAllowed)
        }
        edited = try replacing(pathKeys(edit.path)[...], in: edited, with: value)
    }
    return try JSONSerialization.data(withJSONObject: edited)
}

/// One step of a field path: a key of an object or an index into an array.
private enum PathKey {
    case field(String)
    case index(Int)
}

/// `guardians[1].name` → field `guardians`, index 1, field `name`.
private func pathKeys(_ path: String) throws -> [PathKey] {
    var keys: [PathKey] = []
    for part in path.split(separator: ".") {
        let pieces = part.split(separator: "[")
        let field = try #require(pieces.first, "empty step in \(path)")
        keys.append(.field(String(field)))
        for piece in pieces.dropFirst() {
            let index = try #require(Int(piece.dropLast()), "bad index in \(path)")
            keys.append(.index(index))
        }
    }
    return keys
}

private func replacing(
    _ keys: ArraySlice<PathKey>,
    in container: Any,
    with value: Any?
) throws -> Any {
    let key = try #require(keys.first)
    let rest = keys.dropFirst()
    switch key {
    case .field(let name):
        var object = try #require(container as? [String: Any], "no object at \(name)")
        if rest.isEmpty {
            object[name] = value
        } else {
            let inner = try #require(object[name], "nothing at \(name)")
            object[name] = try replacing(rest, in: inner, with: value)
        }
        return object
    case .index(let index):
        var array = try #require(container as? [Any], "no array at [\(index)]")
        try #require(array.indices.contains(index), "no element [\(index)]")
        if !rest.isEmpty {
            array[index] = try replacing(rest, in: array[index], with: value)
        } else if let value {
            array[index] = value
        } else {
            array.remove(at: index)
        }
        return array
    }
}

/// The error a line is refused with; fails the test when the line is taken.
func refusal(of line: Data, lineNumber: Int = 7) throws -> ApplicationLineError {
    try #require(throws: ApplicationLineError.self) {
        try ApplicationLine.decode(line, lineNumber: lineNumber)
    }
}

@Suite struct ApplicationLineTests {
    @Test func fixtureLineDecodesAsTyped() throws {
        let application = try ApplicationLine.decode(basicFixtureLine(1), lineNumber: 1)

        #expect(application.applicationId == "A2023-0001")
        #expect(application.version == 1)
        #expect(application.status == .submitted)
        #expect(application.isLive)
        #expect(application.pointsSubject?.idType == .resident)
        #expect(application.pointsSubject?.idNumber == "341221198503151037")
        #expect(application.guardians?.map(\.relation) == ["father", "mother"])
        #expect(application.property?.certificateType == .realEstate)
        #expect(application.property?.certificateYear == "2022")
        #expect(application.property?.owner?.relation == "father")
    }

    @Test func valuesAreKeptExactlyAsTheParentTypedThem() throws {
        // The second fixture line carries a spaced name and a spaced number with a small x.
        let application = try ApplicationLine.decode(basicFixtureLine(2), lineNumber: 2)

        #expect(application.pointsSubject?.name == "王 明")
        #expect(application.pointsSubject?.idNumber == "4127 2319 8607 08259 x")
        #expect(application.property?.declared == false)
    }

    @Test(arguments: [40, 300, 700])
    func cutOffLineIsRefusedAsNotJSON(keptBytes: Int) throws {
        let line = try basicFixtureLine(1).prefix(keptBytes)

        let error = try refusal(of: Data(line), lineNumber: 7)

        #expect(error.line == 7)
        #expect(error.reason.contains("JSON"))
        #expect(error.description.hasPrefix("line 7"))
    }

    @Test(arguments: ["[1]", "null", "\"A2023-0001\"", "", "{\"applicationId\": \"A1\"} {}"])
    func lineThatIsNotOneObjectIsRefusedWithItsLineNumber(text: String) throws {
        let error = try refusal(of: Data(text.utf8), lineNumber: 12)

        #expect(error.line == 12)
        #expect(error.reason.contains("JSON"))
    }

    @Test(arguments: [
        "applicationId", "registrationNo", "version", "status", "submittedAt", "student",
        "guardians", "pointsSubject", "property", "pointsSubject.idNumber", "pointsSubject.name",
        "pointsSubject.idType", "student.idNumber", "property.declared",
        "property.certificateType", "property.certificateNumber", "property.owner",
        "property.address", "property.owner.idNumber",
    ])
    func missingRequiredFieldIsNamedByItsPath(path: String) throws {
        let error = try refusal(of: firstLine(setting: path, toJSON: nil))

        #expect(error.line == 7)
        #expect(error.reason.contains("missing"))
        #expect(error.reason.contains("`\(path)`"))
    }

    @Test func missingFieldOfAGuardianIsNamedWithItsIndex() throws {
        var line = try #require(String(data: basicFixtureLine(1), encoding: .utf8))
        line = line.replacingOccurrences(of: "{\"name\": \"林秀英\", ", with: "{")

        let error = try refusal(of: Data(line.utf8))

        #expect(error.reason.contains("`guardians[1].name`"))
    }

    @Test func undeclaredHomeNeedsNoCertificate() throws {
        let line = try firstLine(setting: "property", toJSON: #"{"declared": false}"#)

        let application = try ApplicationLine.decode(line, lineNumber: 7)

        #expect(application.property?.declared == false)
        #expect(application.property?.certificateNumber == nil)
    }

    @Test(arguments: [
        (path: "version", json: #""2""#),
        (path: "property.declared", json: #""yes""#),
        (path: "pointsSubject.idNumber", json: "341221198503151037"),
        (path: "pointsSubject", json: #""周建国""#),
        (path: "guardians", json: "{}"),
        (path: "applicationId", json: "2023"),
    ])
    func wrongTypeNamesTheField(path: String, json: String) throws {
        let error = try refusal(of: firstLine(setting: path, toJSON: json))

        #expect(error.reason.contains("`\(path)`"))
        #expect(error.reason.contains("is not"))
    }

    @Test(arguments: [
        (path: "status", json: #""archived""#),
        (path: "status", json: #""Submitted""#),
        (path: "pointsSubject.idType", json: #""driving""#),
        (path: "student.idType", json: #""身份证""#),
        (path: "property.certificateType", json: #""deed""#),
    ])
    func unknownStatusOrIDTypeIsRefusedWithTheFieldNamed(path: String, json: String) throws {
        let error = try refusal(of: firstLine(setting: path, toJSON: json))

        #expect(error.reason.contains("`\(path)`"))
        #expect(error.reason.contains("not allowed"))
    }

    @Test(arguments: [0, -1])
    func versionBelowOneIsRefused(version: Int) throws {
        let error = try refusal(of: firstLine(setting: "version", toJSON: String(version)))

        #expect(error.reason.contains("`version`"))
        #expect(error.applicationId == "A2023-0001")
    }

    @Test func emptyApplicationIdIsRefused() throws {
        let error = try refusal(of: firstLine(setting: "applicationId", toJSON: #""""#))

        #expect(error.reason.contains("`applicationId`"))
    }

    @Test(arguments: ["withdrawn", "deleted"])
    func lineThatIsNoLongerSubmittedNeedsOnlyItsIdentity(status: String) throws {
        let line = """
            {"applicationId": "A2023-0021", "registrationNo": "ES2023041200021", "version": 2, \
            "status": "\(status)", "submittedAt": "2023-05-09T20:15:00+08:00"}
            """

        let application = try ApplicationLine.decode(Data(line.utf8), lineNumber: 22)

        #expect(application.applicationId == "A2023-0021")
        #expect(application.status.rawValue == status)
        #expect(!application.isLive)
        #expect(application.pointsSubject == nil)
    }

    @Test func submittedLineWithOnlyItsIdentityIsRefused() throws {
        let line = """
            {"applicationId": "A2023-0021", "registrationNo": "ES2023041200021", "version": 2, \
            "status": "submitted", "submittedAt": "2023-05-09T20:15:00+08:00"}
            """

        let error = try refusal(of: Data(line.utf8))

        #expect(error.reason.contains("missing"))
        #expect(error.applicationId == "A2023-0021")
    }

    @Test func withdrawnFixtureLineDecodes() throws {
        let application = try ApplicationLine.decode(basicFixtureLine(22), lineNumber: 22)

        #expect(application.status == .withdrawn)
        #expect(!application.isLive)
    }

    @Test(
        arguments: [
            (path: "pointsSubject.idNumber", json: nil),
            (path: "pointsSubject.name", json: nil),
            (path: "pointsSubject.idNumber", json: "341221198503151037"),
            (path: "pointsSubject.name", json: "3"),
            (path: "pointsSubject", json: #""周建国""#),
            (path: "pointsSubject.idType", json: #""341221198503151037""#),
            (path: "status", json: #""周建国""#),
            (path: "version", json: #""341221198503151037""#),
            (path: "property.owner", json: nil),
            (path: "version", json: "0"),
        ] as [(path: String, json: String?)]
    )
    func reasonNeverHoldsPersonalData(path: String, json: String?) throws {
        let error = try refusal(of: firstLine(setting: path, toJSON: json))

        for value in personalData {
            #expect(!error.reason.contains(value))
            #expect(!error.description.contains(value))
        }
    }

    @Test func cutOffLineReasonHoldsNoPersonalData() throws {
        // Cut just after the subject's ID number, where a parser's message would quote it.
        let text = try #require(String(data: basicFixtureLine(1), encoding: .utf8))
        let cut = try #require(text.range(of: "\"341221198503151037\", \"phone\""))
        let line = Data(text[..<cut.upperBound].utf8)

        let error = try refusal(of: line)

        for value in personalData {
            #expect(!error.reason.contains(value))
            #expect(!error.description.contains(value))
        }
    }
}

@Suite struct MatchingViewTests {
    /// The view keeps every field the rules read, and the rules give it the result they
    /// give the whole application, whatever the evidence.
    @Test func theViewIsMatchedAsTheWholeApplicationIs() throws {
        let rules = try matchRules2023()
        var checked = 0
        for number in 1...20 {
            guard
                let application = try? ApplicationLine.decode(
                    basicFixtureLine(number),
                    lineNumber: number
                )
            else { continue }
            let view = application.matchingView
            #expect(view.applicationId == application.applicationId)
            #expect(view.version == application.version)
            #expect(view.isLive == application.isLive)
            #expect(view.pointsSubject == application.pointsSubject)
            #expect(view.property == application.property)
            for evidence in [ApplicationEvidence(), ApplicationEvidence(registry: [])] {
                #expect(
                    rules.match(view, against: evidence)
                        == rules.match(application, against: evidence)
                )
            }
            checked += 1
        }
        #expect(checked >= 15)
    }
}

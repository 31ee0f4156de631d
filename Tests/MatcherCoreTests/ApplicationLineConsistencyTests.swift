import Foundation
import Testing

@testable import MatcherCore

/// The people of the first fixture line, and a stranger, as JSON objects.
private enum People {
    static let father = person("周建国", "341221198503151037", relation: "father")
    static let mother = person("林秀英", "341221198704021044", relation: "mother")
    static let student = person("周子涵", "320583201706011064")
    static let sibling = person("周子轩", "320583201103050515", relation: "sibling")
    /// Someone outside the family, whose records would earn points that are not theirs.
    static let stranger = person("吴德", "341221198503151256")

    static func person(_ name: String, _ idNumber: String, relation: String? = nil) -> String {
        let fields = #""name": "\#(name)", "idType": "resident", "idNumber": "\#(idNumber)""#
        guard let relation else { return "{\(fields)}" }
        return #"{\#(fields), "relation": "\#(relation)"}"#
    }
}

private let notAGuardian = "pointsSubject is not one of the guardians"
private let isTheStudent = "pointsSubject is the student"

private func ownerIsNotTheParent(_ relation: String) -> String {
    "property.owner (\(relation)) is not the guardian whose relation is \(relation)"
}

private let ownerIsNotASibling =
    "property.owner (sibling) is not one of the familyMembers whose relation is sibling"

/// Whether the people on a line are who the form says: the points subject a guardian, the
/// home's owner the parent or sibling named as its relation.
@Suite struct ApplicationLineConsistencyTests {
    @Test(arguments: Array(1...22).filter { $0 != 6 })
    func everyLineOfTheSampleNightIsConsistent(number: Int) throws {
        let application = try ApplicationLine.decode(basicFixtureLine(number), lineNumber: number)

        #expect(ApplicationLine.consistencyProblems(of: application).isEmpty)
    }

    // MARK: points subject

    @Test func strangerAsPointsSubjectIsRefused() throws {
        let error = try refusal(of: firstLine(setting: "pointsSubject", toJSON: People.stranger))

        #expect(error.reason == notAGuardian)
        #expect(error.applicationId == "A2023-0001")
    }

    @Test(arguments: [
        (path: "pointsSubject.name", json: #""周建华""#),
        (path: "pointsSubject.idNumber", json: #""341221198503151256""#),
        // A valid number of another person, and a number that fails its check digit.
        (path: "pointsSubject.idNumber", json: #""341221198503151030""#),
        (path: "pointsSubject.idType", json: #""passport""#),
    ])
    func subjectDifferingFromTheGuardianInNameNumberOrTypeIsRefused(
        path: String,
        json: String
    ) throws {
        let error = try refusal(of: firstLine(setting: path, toJSON: json))

        #expect(error.reason == notAGuardian)
    }

    @Test(arguments: [
        (name: "周 建国", idNumber: "341221 19850315 1037"),
        (name: "周\u{3000}建国", idNumber: "３４１２２１１９８５０３１５１０３７"),
        (name: "周建国 ", idNumber: "341221-198503151037"),
    ])
    func subjectTypedInAnotherFormIsTheSameGuardian(name: String, idNumber: String) throws {
        let line = try firstLine(setting: [
            (path: "pointsSubject.name", json: try jsonString(name)),
            (path: "pointsSubject.idNumber", json: try jsonString(idNumber)),
        ])

        let application = try ApplicationLine.decode(line, lineNumber: 1)

        #expect(application.pointsSubject?.name == name)
    }

    @Test func legacyFifteenDigitNumberIsTheSameGuardian() throws {
        let line = try firstLine(setting: "pointsSubject.idNumber", toJSON: #""341221850315103""#)

        let application = try ApplicationLine.decode(line, lineNumber: 1)

        #expect(application.pointsSubject?.idNumber == "341221850315103")
    }

    @Test func motherAsPointsSubjectIsTaken() throws {
        let line = try firstLine(setting: "pointsSubject", toJSON: People.mother)

        let application = try ApplicationLine.decode(line, lineNumber: 1)

        #expect(application.pointsSubject?.name == "林秀英")
    }

    @Test func absentSecondGuardianIsNoPointsSubject() throws {
        // `none` marks the guardian a single parent does not have, whatever it holds.
        let line = try firstLine(setting: [
            (path: "guardians[1].relation", json: #""none""#),
            (path: "pointsSubject", json: People.mother),
        ])

        let error = try refusal(of: line)

        #expect(error.reason == notAGuardian)
    }

    @Test func studentAsPointsSubjectIsRefusedForBothReasons() throws {
        let line = try firstLine(setting: "pointsSubject", toJSON: People.student)
        let application = try JSONDecoder().decode(Application.self, from: line)

        #expect(
            ApplicationLine.consistencyProblems(of: application) == [notAGuardian, isTheStudent]
        )
        #expect(try refusal(of: line).reason == notAGuardian)
    }

    @Test func studentWithTheSubjectsNumberIsRefused() throws {
        // The child typed with the parent's number: the subject is a guardian, yet also the
        // student, and one person cannot be both.
        let line = try firstLine(setting: "student.idNumber", toJSON: #""341221198503151037""#)

        let error = try refusal(of: line)

        #expect(error.reason == isTheStudent)
    }

    // MARK: home owner

    @Test func strangerAsFatherOwnerIsRefused() throws {
        let owner = People.person("吴德", "341221198503151256", relation: "father")

        let error = try refusal(of: firstLine(setting: "property.owner", toJSON: owner))

        #expect(error.reason == ownerIsNotTheParent("father"))
        #expect(error.applicationId == "A2023-0001")
    }

    @Test func fatherNamedAsTheMotherOwnerIsRefused() throws {
        let line = try firstLine(setting: "property.owner.relation", toJSON: #""mother""#)

        let error = try refusal(of: line)

        #expect(error.reason == ownerIsNotTheParent("mother"))
    }

    @Test func motherOwnerWithoutAMotherAmongTheGuardiansIsRefused() throws {
        let line = try firstLine(setting: [
            (path: "guardians[1].relation", json: #""other""#),
            (path: "property.owner", json: People.mother),
        ])

        let error = try refusal(of: line)

        #expect(error.reason == ownerIsNotTheParent("mother"))
    }

    @Test func motherOwnerWhoIsTheMotherIsTaken() throws {
        let line = try firstLine(setting: "property.owner", toJSON: People.mother)

        let application = try ApplicationLine.decode(line, lineNumber: 1)

        #expect(application.property?.owner?.relation == "mother")
    }

    @Test func siblingOwnerWhoIsAFamilyMemberIsTaken() throws {
        let line = try firstLine(setting: [
            (path: "familyMembers", json: "[\(People.sibling)]"),
            (path: "property.owner", json: People.sibling),
        ])

        let application = try ApplicationLine.decode(line, lineNumber: 1)

        #expect(application.property?.owner?.relation == "sibling")
    }

    @Test(arguments: [
        "[]",
        "[\(People.person("周子轩", "320583201103050523", relation: "sibling"))]",
        "[\(People.person("周子萱", "320583201103050515", relation: "sibling"))]",
    ])
    func siblingOwnerWhoIsNoListedSiblingIsRefused(familyMembers: String) throws {
        let line = try firstLine(setting: [
            (path: "familyMembers", json: familyMembers),
            (path: "property.owner", json: People.sibling),
        ])

        let error = try refusal(of: line)

        #expect(error.reason == ownerIsNotASibling)
    }

    @Test func strangerOwnerOfAnUndeclaredHomeIsNotChecked() throws {
        let owner = People.person("吴德", "341221198503151256", relation: "father")
        let line = try firstLine(
            setting: "property",
            toJSON: #"{"declared": false, "owner": \#(owner)}"#
        )

        let application = try ApplicationLine.decode(line, lineNumber: 1)

        #expect(application.property?.declared == false)
    }

    @Test func withdrawnLineIsNotCheckedForConsistency() throws {
        let line = try firstLine(setting: [
            (path: "version", json: "2"),
            (path: "status", json: #""withdrawn""#),
            (path: "pointsSubject", json: People.stranger),
        ])

        let application = try ApplicationLine.decode(line, lineNumber: 1)

        #expect(application.status == .withdrawn)
    }

    @Test func strangerSubjectAndOwnerAreBothListed() throws {
        let owner = People.person("吴德", "341221198503151256", relation: "father")
        let line = try firstLine(setting: [
            (path: "pointsSubject", json: People.stranger),
            (path: "property.owner", json: owner),
        ])
        let application = try JSONDecoder().decode(Application.self, from: line)

        #expect(
            ApplicationLine.consistencyProblems(of: application)
                == [notAGuardian, ownerIsNotTheParent("father")]
        )
    }

    @Test(arguments: [
        (path: "pointsSubject", json: People.student),
        (path: "pointsSubject.idNumber", json: #""341221198504021044""#),
        (path: "student.idNumber", json: #""341221198503151037""#),
        (path: "property.owner.relation", json: #""mother""#),
        (path: "property.owner.relation", json: #""sibling""#),
    ])
    func reasonNeverHoldsPersonalData(path: String, json: String) throws {
        let error = try refusal(of: firstLine(setting: path, toJSON: json))

        for value in personalData {
            #expect(!error.reason.contains(value))
            #expect(!error.description.contains(value))
        }
    }
}

/// `text` as a JSON string literal.
private func jsonString(_ text: String) throws -> String {
    let data = try JSONSerialization.data(withJSONObject: text, options: .fragmentsAllowed)
    return try #require(String(data: data, encoding: .utf8))
}

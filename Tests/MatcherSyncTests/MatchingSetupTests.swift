import Foundation
import MatcherCore
import Testing

@testable import MatcherSync

/// A copy of the repository's mappings in a fresh folder, for a test to damage.
private struct MappingsCopy {
    let folder: TemporaryFolder
    let directory: String

    init() throws {
        folder = try TemporaryFolder()
        directory = try folder.copy("mappings", to: "mappings")
    }

    func path(_ relative: String) -> String { directory + "/" + relative }

    /// Replaces `old` with `new` in one file; the test stops if `old` is not there, so a
    /// changed mapping cannot turn a test into one that checks nothing.
    func edit(_ relative: String, replacing old: String, with new: String) throws {
        let text = try String(contentsOfFile: path(relative), encoding: .utf8)
        try #require(text.contains(old), "\(relative) has no \(old)")
        try write(relative, text.replacingOccurrences(of: old, with: new))
    }

    func write(_ relative: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(relative)))
    }

    /// The error loading these mappings gives, as of a day in 2023.
    func loadError(policyYear: Int? = nil) throws -> SyncError {
        let asOf = try #require(CalendarDate("2023-05-10"))
        return try #require(throws: SyncError.self) {
            try MatchingSetup.load(mappingsDirectory: directory, asOf: asOf, policyYear: policyYear)
        }
    }
}

/// Words that belong to Swift's and Foundation's insides, never to an operator's message.
private let internalWords = [
    "DecodingError", "CodingKeys", "NSCocoaErrorDomain", "Swift.", "Context(", "intValue",
]

private func expectReadable(_ error: SyncError, sourceLocation: SourceLocation = #_sourceLocation) {
    for word in internalWords {
        #expect(!error.message.contains(word), "\(error.message)", sourceLocation: sourceLocation)
    }
}

@Suite struct MatchingSetupTests {
    @Test func repositoryMappingsLoadWithThe2023Policy() throws {
        let asOf = try #require(CalendarDate("2023-05-10"))
        let setup = try MatchingSetup.load(
            mappingsDirectory: repositoryPath("mappings"),
            asOf: asOf
        )
        #expect(setup.rules.policy.year == 2023)
    }

    @Test func missingPolicyYearNamesTheFileAndTheYearsThatExist() throws {
        let mappings = try MappingsCopy()
        let error = try mappings.loadError(policyYear: 2031)
        #expect(error.code == .configuration)
        #expect(
            error.message
                == "no points policy for 2031: \(mappings.directory)/policy/2031.json does not "
                + "exist; \(mappings.directory)/policy has policies for 2023"
        )
    }

    @Test func missingPolicyListsEveryYearThatExists() throws {
        let mappings = try MappingsCopy()
        try FileManager.default.copyItem(
            atPath: mappings.path("policy/2023.json"),
            toPath: mappings.path("policy/2022.json")
        )
        try mappings.edit("policy/2022.json", replacing: #""year": 2023"#, with: #""year": 2022"#)
        let error = try mappings.loadError(policyYear: 2031)
        #expect(error.message.hasSuffix("policy has policies for 2022, 2023"))
    }

    @Test func noPolicyAtAllSaysSo() throws {
        let mappings = try MappingsCopy()
        try FileManager.default.removeItem(atPath: mappings.path("policy/2023.json"))
        let error = try mappings.loadError()
        #expect(
            error.message
                == "no points policy for 2023 or earlier; there are no policy files in "
                + "\(mappings.directory)/policy"
        )
    }

    @Test func missingMappingsFolderIsNamed() throws {
        let asOf = try #require(CalendarDate("2023-05-10"))
        let error = try #require(throws: SyncError.self) {
            try MatchingSetup.load(mappingsDirectory: "/nonexistent", asOf: asOf)
        }
        #expect(
            error.message
                == "no points policy for 2023 or earlier; the folder /nonexistent does not exist"
        )
    }

    @Test func yearInsideThePolicyMustBeTheYearOfItsName() throws {
        let mappings = try MappingsCopy()
        try mappings.edit("policy/2023.json", replacing: #""year": 2023"#, with: #""year": 2019"#)
        let error = try mappings.loadError()
        #expect(
            error.message
                == "\(mappings.path("policy/2023.json")) holds the policy for 2019, not 2023: "
                + "the year inside a policy file must be the year in its name"
        )
    }

    @Test func invalidPolicyValueNamesTheFileAndTheField() throws {
        let mappings = try MappingsCopy()
        try mappings.edit(
            "policy/2023.json",
            replacing: #""maximumPoints": 50"#,
            with: #""maximumPoints": -5"#
        )
        let error = try mappings.loadError()
        #expect(
            error.message
                == "\(mappings.path("policy/2023.json")) cannot be used: "
                + "property.maximumPoints (-5) is below property.basePoints (40)"
        )
    }

    @Test func policyFieldOfTheWrongTypeIsNamedByItsPath() throws {
        let mappings = try MappingsCopy()
        try mappings.edit(
            "policy/2023.json",
            replacing: #""maximumPoints": 50"#,
            with: #""maximumPoints": "50""#
        )
        let error = try mappings.loadError()
        #expect(
            error.message
                == "\(mappings.path("policy/2023.json")): field `property.maximumPoints` "
                + "must be a whole number"
        )
        expectReadable(error)
    }

    @Test func missingPolicyFieldIsNamedByItsPath() throws {
        let mappings = try MappingsCopy()
        try mappings.edit(
            "policy/2023.json",
            replacing: #""maximumPoints": 50,"#,
            with: ""
        )
        let error = try mappings.loadError()
        #expect(
            error.message
                == "\(mappings.path("policy/2023.json")): missing field `property.maximumPoints`"
        )
    }

    @Test func unknownDepartmentIsNamedWithItsIndex() throws {
        let mappings = try MappingsCopy()
        try mappings.edit(
            "policy/2023.json",
            replacing: #""key": "medical", "department": "medical""#,
            with: #""key": "medical", "department": "health""#
        )
        let error = try mappings.loadError()
        #expect(
            error.message
                == "\(mappings.path("policy/2023.json")): field `insurance.types[2].department` "
                + "is not allowed: 'health' is not a department; use hrss or medical"
        )
    }

    @Test func fractionWhereAWholeNumberBelongsIsNotCalledBrokenJSON() throws {
        let mappings = try MappingsCopy()
        try mappings.edit(
            "policy/2023.json",
            replacing: #""basePoints": 40"#,
            with: #""basePoints": 40.5"#
        )
        let error = try mappings.loadError()
        #expect(error.message.contains("a number does not fit its field"))
        #expect(!error.message.contains("not valid JSON"))
    }

    @Test(arguments: ["policy/2023.json", "messages.json", "address.json"])
    func brokenJSONNamesTheFile(_ file: String) throws {
        let mappings = try MappingsCopy()
        let text = try String(contentsOfFile: mappings.path(file), encoding: .utf8)
        // Cut off half way, as an editor that crashed mid-save would leave it.
        try mappings.write(file, String(text.prefix(text.count / 2)))
        let error = try mappings.loadError()
        #expect(error.message.hasPrefix("\(mappings.path(file)): not valid JSON"))
        expectReadable(error)
    }

    @Test func messageThatIsNotTextIsNamedByItsCode() throws {
        let mappings = try MappingsCopy()
        try mappings.edit(
            "messages.json",
            replacing: #""SI_PENDING": "社保数据对接中，请次日查看""#,
            with: #""SI_PENDING": 3"#
        )
        let error = try mappings.loadError()
        #expect(
            error.message
                == "\(mappings.path("messages.json")): field `SI_PENDING` must be a string"
        )
    }

    @Test func messageWithoutTextNamesTheFileAndTheCode() throws {
        let mappings = try MappingsCopy()
        try mappings.edit(
            "messages.json",
            replacing: #""SI_PENDING": "社保数据对接中，请次日查看""#,
            with: #""SI_PENDING": """#
        )
        let error = try mappings.loadError()
        #expect(
            error.message
                == "\(mappings.path("messages.json")) cannot be used: no text for SI_PENDING"
        )
    }

    @Test func addressRulesOfTheWrongShapeAreNamedByThePath() throws {
        let mappings = try MappingsCopy()
        try mappings.edit(
            "address.json",
            replacing: #"{ "name": "张浦镇" }"#,
            with: #"{ "name": ["张浦镇"] }"#
        )
        let error = try mappings.loadError()
        #expect(
            error.message
                == "\(mappings.path("address.json")): field `towns[3].name` must be a string"
        )
    }

    @Test func missingMessagesFileSaysItDoesNotExist() throws {
        let mappings = try MappingsCopy()
        try FileManager.default.removeItem(atPath: mappings.path("messages.json"))
        let error = try mappings.loadError()
        #expect(error.message == "\(mappings.path("messages.json")) does not exist")
        expectReadable(error)
    }

    @Test func brokenFeedMappingSaysWhatIsWrong() throws {
        let mappings = try MappingsCopy()
        try mappings.write("feeds/medical.json", #"{ "source": 7 }"#)
        let error = try mappings.loadError()
        #expect(error.message.contains("medical.json"))
        #expect(error.message.hasSuffix("field `source` must be a string"))
        expectReadable(error)
    }
}

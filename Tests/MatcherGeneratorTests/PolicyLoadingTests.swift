import Foundation
import Testing

@testable import MatcherGenerator

/// The generator reads the points policy as the sync does, and names what is wrong with it in
/// the same words.
@Suite struct PolicyLoadingTests {
    /// A copy of the repository's mappings whose 2023 policy is `policy`, removed by `body`'s
    /// end.
    private func withMappings(
        policy: String,
        _ body: (String) throws -> Void
    ) throws {
        let mappings = NSTemporaryDirectory() + "matcher-generator-mappings-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: mappings) }
        try FileManager.default.copyItem(
            atPath: repositoryRoot.appendingPathComponent("mappings").path,
            toPath: mappings
        )
        try policy.write(toFile: mappings + "/policy/2023.json", atomically: true, encoding: .utf8)
        try body(mappings)
    }

    @Test(arguments: [
        (
            #"{ "year": 2023, "insurance": [], "property": {} }"#,
            "field `insurance` must be an object"
        ),
        (#"{ "year": 2023, "insurance": "#, "not valid JSON: Unexpected end of file"),
    ])
    func brokenPolicyIsNamedByFileAndField(policy: String, reason: String) throws {
        try withMappings(policy: policy) { mappings in
            let error = #expect(throws: GeneratorError.self) {
                try GeneratedNight(seed: 1) { configuration in
                    configuration.mappingsDirectory = mappings
                }
            }
            #expect(error?.code == .policy)
            let message = error?.message ?? ""
            #expect(message.hasPrefix("\(mappings)/policy/2023.json: \(reason)"), "\(message)")
            #expect(!message.contains("The data isn't in the correct format"))
        }
    }

    @Test func policyOfAnotherYearInsideIsRefused() throws {
        let text = try String(
            contentsOf: repositoryRoot.appendingPathComponent("mappings/policy/2023.json"),
            encoding: .utf8
        )
        let policy = text.replacingOccurrences(of: #""year": 2023"#, with: #""year": 2019"#)
        try #require(policy != text)
        try withMappings(policy: policy) { mappings in
            let error = #expect(throws: GeneratorError.self) {
                try GeneratedNight(seed: 1) { configuration in
                    configuration.mappingsDirectory = mappings
                }
            }
            #expect(error?.message.contains("holds the policy for 2019, not 2023") == true)
        }
    }

    @Test func mappingsFolderThatDoesNotExistIsNamed() throws {
        let mappings = NSTemporaryDirectory() + "matcher-no-mappings-" + UUID().uuidString
        let error = #expect(throws: GeneratorError.self) {
            try GeneratedNight(seed: 1) { configuration in
                configuration.mappingsDirectory = mappings
            }
        }
        #expect(error?.code == .policy)
        #expect(
            error?.message
                == "no points policy for 2023 or earlier; the folder \(mappings) does not exist"
        )
    }
}

import Foundation
import Testing

@testable import MatcherCore

/// A file of the repository, found from this source file so tests run from any directory.
func repositoryFile(_ relativePath: String) -> URL {
    URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(relativePath)
}

/// The rules as the nightly run builds them: 2023 policy, messages and address rules, all
/// read from the repository's own mapping files, so a test fails when a mapping drifts.
func matchRules2023() throws -> MatchRules {
    let messagesData = try Data(contentsOf: repositoryFile("mappings/messages.json"))
    let textByCode = try JSONDecoder().decode([String: String].self, from: messagesData)
    let addressData = try Data(contentsOf: repositoryFile("mappings/address.json"))
    let addressRules = try JSONDecoder().decode(AddressRules.self, from: addressData)
    return MatchRules(
        policy: try policy2023(),
        messages: try ParentMessages(textByCode: textByCode),
        addresses: AddressNormalizer(rules: addressRules)
    )
}

/// One line of `fixtures/basic/applications.jsonl`, 1-based, as the export delivers it.
func basicFixtureLine(_ number: Int) throws -> Data {
    let text = try String(
        contentsOf: repositoryFile("fixtures/basic/applications.jsonl"),
        encoding: .utf8
    )
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    try #require(lines.indices.contains(number - 1))
    return Data(lines[number - 1].utf8)
}

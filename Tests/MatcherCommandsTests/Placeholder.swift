import Testing

@testable import MatcherCommands

@Test func placeholderBuilds() {}

import Testing

@testable import MatcherCore

@Test func placeholderBuilds() {}

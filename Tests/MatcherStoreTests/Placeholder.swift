import Testing

@testable import MatcherStore

@Test func placeholderBuilds() {}

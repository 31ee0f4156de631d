import Testing

@testable import MatcherSync

@Test func placeholderBuilds() {}

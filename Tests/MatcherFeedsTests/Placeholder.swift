import Testing

@testable import MatcherFeeds

@Test func placeholderBuilds() {}

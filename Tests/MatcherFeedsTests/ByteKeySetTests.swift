import Testing

@testable import MatcherFeeds

@Suite struct ByteKeySetTests {
    static func contains(_ set: ByteKeySet, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { set.contains($0) }
    }

    @Test func findsEveryKeyAndNothingElse() {
        let keys = (0..<5_000).map { "34122119800101\(String(format: "%04d", $0))" }
        let set = ByteKeySet(keys.filter { $0.hasSuffix("7") || $0.hasSuffix("2") })
        for key in keys {
            let expected = key.hasSuffix("7") || key.hasSuffix("2")
            #expect(Self.contains(set, key) == expected, "\(key)")
        }
    }

    @Test(arguments: ["SB1", "SB12", "SB123", "SB1234567", "SB12345678", "SB123456789"])
    func prefixesAndExtensionsOfAKeyAreNotKeys(candidate: String) {
        let set = ByteKeySet(["SB12345678"])
        #expect(Self.contains(set, candidate) == (candidate == "SB12345678"))
    }

    @Test func anEmptyKeyIsFoundOnlyAsEmpty() {
        let set = ByteKeySet(["", "x"])
        #expect(Self.contains(set, ""))
        #expect(Self.contains(set, "x"))
        #expect(!Self.contains(set, "y"))
        #expect(!ByteKeySet([String]()).contains(""))
    }

    @Test func repeatedKeysCountOnceAndStillMatch() {
        let set = ByteKeySet(["YB7", "YB7", "内码七"])
        #expect(set.contains("YB7"))
        #expect(set.contains("内码七"))
        #expect(!set.contains("YB8"))
    }
}

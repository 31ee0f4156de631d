import MatcherCore
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

@Suite struct RememberingKeyLookupTests {
    @Test func answersAsTheSetDoesWhateverTheOrderOfTheQuestions() {
        let set = ByteKeySet(["", "P01", "P03", "P0300"])
        let lookup = RememberingKeyLookup(set)
        let questions = ["", "P01", "P01", "P02", "P02", "P03", "P0300", "P030", "P03", "", "P01"]
        for question in questions {
            var text = question
            let answer = text.withUTF8 { lookup.contains($0) }
            #expect(answer == ByteKeySetTests.contains(set, question), "\(question)")
        }
    }
}

extension RememberingKeyLookupTests {
    @Test func plainFieldsAreAnsweredAndOthersLeftToTheCaller() {
        let set = ByteKeySet(["P01", "P03"])
        let lookup = RememberingKeyLookup(set)
        let questions: [(String, Bool?)] = [
            ("P01", true), ("P01", true), (" P01", nil), ("P01 ", nil), ("P02", false),
            ("", nil), ("Ｐ01", nil), ("P03", true), ("P0\u{7F}", nil), ("P03", true),
        ]
        for (question, expected) in questions {
            var text = question
            let answer = text.withUTF8 { lookup.containsPlain($0) }
            #expect(answer == expected, "\(question)")
        }
    }
}

@Suite struct ResidentNumberPrefilterTests {
    static func isSurelyUnwanted(_ number: String, keys: [String]) -> Bool {
        var number = number
        let set = ByteKeySet(keys)
        return number.withUTF8 { InsuranceSnapshot.isSurelyUnwanted(residentNumber: $0, keys: set) }
    }

    /// Every form a department prints: the row is kept whenever its lookup key is wanted,
    /// and passed over from its bytes when it is not and the form is one the bytes settle.
    @Test(arguments: [
        ("11010519491231002X", true),
        ("11010519491231002x", true),
        // 15 digits, a real birth date: the key is the 18-digit upgrade.
        ("110105491231002", true),
        // 15 digits, 1949-13-31 is no date: the key is the 15 digits.
        ("110105491331002", true),
        // Seventeen digits and a lower-case letter other than x: left to the full reading.
        ("11010519491231002y", false),
        ("1101051949123100", true),
        ("A1234567", true),
    ])
    func keepsEveryWantedNumberAndPassesOverTheOthers(number: String, settled: Bool) {
        let key = MatchRules.lookupKey(of: number, as: .resident)
        #expect(!Self.isSurelyUnwanted(number, keys: [key]), "\(number) under its key \(key)")
        #expect(!Self.isSurelyUnwanted(number, keys: ["000000000000000000", key]))
        #expect(Self.isSurelyUnwanted(number, keys: ["000000000000000000"]) == settled)
    }
}

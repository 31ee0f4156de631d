import Foundation
import Testing

@testable import MatcherCore

struct TypingSlipTests {
    static let registeredNumber = "320583201706011064"

    @Test(arguments: [
        ("320583201706011054", TypingSlip.substituted(position: 17)),
        ("420583201706011064", .substituted(position: 1)),
        ("32058320170601106X", .substituted(position: 18)),
        ("320583201706010164", .swapped(first: 15, second: 16)),
        ("230583201706011064", .swapped(first: 1, second: 2)),
        ("320583102706011064", .swapped(first: 7, second: 9)),
        ("420583201706011063", .swapped(first: 1, second: 18)),
        ("32058320170601064", .missing(position: 15)),
        ("20583201706011064", .missing(position: 1)),
        ("32058320170601106", .missing(position: 18)),
        ("3205832017060110064", .extra(position: 17)),
        ("3205832017060111064", .extra(position: 16)),
        ("3320583201706011064", .extra(position: 2)),
        ("3205832017060110645", .extra(position: 19)),
    ])
    func oneSlipInAnIDNumberIsFound(typed: String, slip: TypingSlip) {
        #expect(TypingSlip.between(typed: typed, registered: Self.registeredNumber) == slip)
    }

    @Test(arguments: [
        "320583201806011065",
        "320583201706010165",
        "320583102706010164",
        "3205832017060164",
        "320583201706011",
        "4205832017060110645",
        "3205832017060110",
        "230583201706011065",
        "32058320170601146",
    ])
    func idNumberWithTwoSlipsHasNone(typed: String) {
        #expect(TypingSlip.between(typed: typed, registered: Self.registeredNumber) == nil)
    }

    @Test(arguments: [
        ("王晓明", "王小明", TypingSlip.substituted(position: 2)),
        ("小王明", "王小明", .swapped(first: 1, second: 2)),
        ("明小王", "王小明", .swapped(first: 1, second: 3)),
        ("王明", "王小明", .missing(position: 2)),
        ("王小", "王小明", .missing(position: 3)),
        ("王小小明", "王小明", .extra(position: 3)),
        ("欧阳娜", "欧阳娜娜", .missing(position: 4)),
        ("李", "王", .substituted(position: 1)),
    ])
    func oneSlipInANameIsFound(typed: String, registered: String, slip: TypingSlip) {
        #expect(TypingSlip.between(typed: typed, registered: registered) == slip)
    }

    @Test(arguments: [
        ("王小明", "王小明"),
        ("", ""),
        ("", "王"),
        ("王", ""),
        ("李大明", "王小明"),
        ("王明", "王小明明"),
        ("晓王明", "王小明"),
        ("王小明明明", "王小明"),
    ])
    func equalOrFarApartTextsHaveNoSlip(typed: String, registered: String) {
        #expect(TypingSlip.between(typed: typed, registered: registered) == nil)
    }

    @Test(arguments: [
        ("王明", "王小明"),
        ("32058320170601106", Self.registeredNumber),
        (Self.registeredNumber, "3205832017060111064"),
    ])
    func missingAndExtraMirrorEachOther(shorter: String, longer: String) throws {
        let missing = try #require(TypingSlip.between(typed: shorter, registered: longer))
        let extra = try #require(TypingSlip.between(typed: longer, registered: shorter))

        guard case .missing(let missingPosition) = missing,
            case .extra(let extraPosition) = extra
        else {
            Issue.record("expected missing and extra, got \(missing) and \(extra)")
            return
        }
        #expect(missingPosition == extraPosition)
    }

    @Test func swapIsFoundWhicheverTextIsTyped() {
        let typed = "320583102706011064"

        #expect(
            TypingSlip.between(typed: typed, registered: Self.registeredNumber)
                == TypingSlip.between(typed: Self.registeredNumber, registered: typed)
        )
    }

    @Test func charactersCompareAsTheyAreSeen() {
        // `é` as one scalar and as `e` with a combining accent are one Character each.
        let typed = "Ren\u{E9}e"
        let registered = "Ren\u{65}\u{301}e"

        #expect(TypingSlip.between(typed: typed, registered: registered) == nil)
        #expect(TypingSlip.between(typed: "Rene", registered: registered) == .missing(position: 4))
    }

    @Test(arguments: [
        (TypingSlip.substituted(position: 2), "character 2 differs"),
        (.swapped(first: 14, second: 15), "characters 14 and 15 are swapped"),
        (.missing(position: 3), "character 3 is missing"),
        (.extra(position: 5), "character 5 is extra"),
    ])
    func descriptionCountsCharacters(slip: TypingSlip, text: String) {
        #expect(slip.description == text)
    }

    @Test(arguments: [
        (TypingSlip.substituted(position: 15), "digit 15 differs"),
        (.swapped(first: 14, second: 15), "digits 14 and 15 are swapped"),
        (.missing(position: 3), "digit 3 is missing"),
        (.extra(position: 19), "digit 19 is extra"),
    ])
    func descriptionCountsInTheGivenUnit(slip: TypingSlip, text: String) {
        #expect(slip.description(unit: "digit") == text)
    }

    @Test(arguments: [
        ("王晓明", "王小明"),
        ("小王明", "王小明"),
        ("王明", "王小明"),
        ("王小小明", "王小明"),
    ])
    func descriptionNeverShowsTheCharacters(typed: String, registered: String) throws {
        let slip = try #require(TypingSlip.between(typed: typed, registered: registered))

        for character in Set(typed + registered) {
            #expect(!slip.description.contains(character))
        }
    }

    @Test(arguments: [
        TypingSlip.substituted(position: 2),
        .swapped(first: 14, second: 15),
        .missing(position: 3),
        .extra(position: 5),
    ])
    func slipSurvivesJSON(slip: TypingSlip) throws {
        let data = try JSONEncoder().encode(slip)

        #expect(try JSONDecoder().decode(TypingSlip.self, from: data) == slip)
    }
}

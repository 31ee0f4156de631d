import Testing

@testable import MatcherCore

struct PersonNameTests {
    @Test(arguments: ["周建国", "阿依古丽·买买提", "JOHN", "郭婷婷", ""])
    func normalNameIsKeptWithoutSteps(name: String) {
        let result = PersonName.normalize(name)

        #expect(result.value == name)
        #expect(result.steps.isEmpty)
    }

    @Test(arguments: [
        ("王 明", "王明", [NormalizationStep(.spacesRemoved, count: 1)]),
        ("王\u{3000}明", "王明", [NormalizationStep(.spacesRemoved, count: 1)]),
        ("王\u{A0}明", "王明", [NormalizationStep(.spacesRemoved, count: 1)]),
        ("王\u{2002}明", "王明", [NormalizationStep(.spacesRemoved, count: 1)]),
        ("王\u{200B}明", "王明", [NormalizationStep(.spacesRemoved, count: 1)]),
        (" 王明\t", "王明", [NormalizationStep(.spacesRemoved, count: 2)]),
        ("ＺＨＡＮＧ", "ZHANG", [NormalizationStep(.fullWidthFolded, count: 5)]),
        (
            "zhang san", "ZHANGSAN",
            [
                NormalizationStep(.spacesRemoved, count: 1),
                NormalizationStep(.letterCaseFolded, count: 8),
            ]
        ),
        (
            "ｚｈａｎｇ", "ZHANG",
            [
                NormalizationStep(.fullWidthFolded, count: 5),
                NormalizationStep(.letterCaseFolded, count: 5),
            ]
        ),
    ])
    func formOnlyDifferencesAreRemoved(
        raw: String,
        normalized: String,
        steps: [NormalizationStep]
    ) {
        let result = PersonName.normalize(raw)

        #expect(result.value == normalized)
        #expect(result.steps == steps)
    }

    @Test(arguments: [
        "\u{2022}", "\u{30FB}", "\u{FF65}", "\u{FF0E}", ".", "\u{2027}", "\u{2219}", "\u{22C5}",
    ])
    func middleDotLookalikeIsUnified(dot: String) {
        let result = PersonName.normalize("阿依古丽\(dot)买买提")

        #expect(result.value == "阿依古丽·买买提")
        #expect(result.steps == [NormalizationStep(.middleDotUnified, count: 1)])
    }

    @Test func blackCircleIsNotTakenForADot() {
        let result = PersonName.normalize("阿依古丽●买买提")

        #expect(result.value == "阿依古丽●买买提")
        #expect(result.steps.isEmpty)
    }

    @Test(arguments: [
        ("王 明", "王明"),
        ("阿依古丽•买买提", "阿依古丽 · 买买提"),
        ("ｌｉ ｌｅｉ", "LI LEI"),
    ])
    func spellingsOfOneNameBecomeEqual(first: String, second: String) {
        #expect(PersonName.normalize(first).value == PersonName.normalize(second).value)
    }

    @Test(arguments: [
        ("郭婷", "郭婷婷"),
        ("王明", "王鸣"),
        ("阿依古丽·买买提", "阿依古丽买买提"),
        ("阿依古丽●买买提", "阿依古丽·买买提"),
        ("LI LEI", "LI LI"),
    ])
    func differentNamesStayDifferent(first: String, second: String) {
        #expect(PersonName.normalize(first).value != PersonName.normalize(second).value)
    }
}

import Foundation
import Testing

@testable import MatcherCore

/// The rules in `mappings/address.json`, read as the service reads them.
private func kunshanRules() throws -> AddressRules {
    let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
    let url = packageRoot.appendingPathComponent("mappings/address.json")
    return try JSONDecoder().decode(AddressRules.self, from: Data(contentsOf: url))
}

private func normalized(_ address: String) throws -> String {
    try AddressNormalizer(rules: kunshanRules()).normalize(address).value
}

struct AddressRulesTests {
    @Test func mappingFileNamesTheElevenTowns() throws {
        let rules = try kunshanRules()

        #expect(rules.towns.count == 11)
        #expect(rules.formerTowns.contains("玉山镇"))
        #expect(rules.canonicalBuildingWord == "幢")
    }

    @Test func optionalListsDefaultToEmpty() throws {
        let json = """
            {"prefixes": [], "towns": [{"name": "张浦镇"}], "buildingWords": ["幢"],
             "canonicalBuildingWord": "幢", "numberSuffixes": ["室"]}
            """
        let rules = try JSONDecoder().decode(AddressRules.self, from: Data(json.utf8))

        #expect(rules.formerTowns.isEmpty)
        #expect(rules.towns == [AddressRules.Town(name: "张浦镇")])
    }

    @Test func emptyWordsInRulesAreIgnored() {
        let rules = AddressRules(
            prefixes: ["", "昆山市"],
            towns: [AddressRules.Town(name: "", aliases: [""])],
            buildingWords: ["", "栋"],
            canonicalBuildingWord: "幢",
            numberSuffixes: [""]
        )

        let result = AddressNormalizer(rules: rules).normalize("昆山市春晖花园3栋")

        #expect(result.value == "春晖花园3幢")
    }
}

struct AddressNormalizerTests {
    static let registeredAddresses = [
        "昆山开发区前进东路1号春晖花园1幢1单元101室",
        "玉山镇亭林路66号亭林新村12幢302室",
        "昆山开发区前进东路9号春晖商业广场1幢108室",
        "昆山开发区前进东路1号三元花苑1幢101室",
        "昆山开发区前进东路1号五星花园1幢101室",
        "千灯镇少卿路8号",
        "张浦镇栋梁路8号",
        "昆山高新区前进西路88号",
    ]

    @Test(arguments: registeredAddresses)
    func normalAddressIsKeptWithoutSteps(address: String) throws {
        let result = try AddressNormalizer(rules: kunshanRules()).normalize(address)

        #expect(result.value == address)
        #expect(result.steps.isEmpty)
    }

    @Test(arguments: [
        (
            "江苏省昆山市昆山开发区前进东路13号春晖花园3栋2单元302室",
            "昆山开发区前进东路13号春晖花园3幢2单元302室"
        ),
        ("江苏省昆山市玉山镇亭林路66号亭林新村12幢302室", "玉山镇亭林路66号亭林新村12幢302室"),
        ("昆山市开发区前进东路１号春晖花园一幢一单元一〇一室", "昆山开发区前进东路1号春晖花园1幢1单元101室"),
        ("江苏昆山开发区前进东路1号春晖花园1幢1单元101室", "昆山开发区前进东路1号春晖花园1幢1单元101室"),
        ("江苏省 昆山市 昆山开发区前进东路1号", "昆山开发区前进东路1号"),
        ("江苏省昆山市江苏省昆山市昆山开发区前进东路1号", "昆山开发区前进东路1号"),
        ("苏州市昆山市昆山高新区前进西路88号", "昆山高新区前进西路88号"),
        ("昆山市玉山镇亭林路66号", "玉山镇亭林路66号"),
        ("中国江苏省昆山市张浦镇银河路1号", "张浦镇银河路1号"),
        ("高新区前进西路88号", "昆山高新区前进西路88号"),
        ("昆山高新技术产业开发区前进西路88号", "昆山高新区前进西路88号"),
        ("花桥绿地大道1号", "花桥经济开发区绿地大道1号"),
        ("昆山花桥开发区绿地大道1号", "花桥经济开发区绿地大道1号"),
        ("春晖花园8号楼2单元1203室", "春晖花园8幢2单元1203室"),
        ("春晖花园八幢二单元一二〇三室", "春晖花园8幢2单元1203室"),
        ("春晖花园八栋二单元一千二百零三室", "春晖花园8幢2单元1203室"),
        ("亭林新村十二幢三〇二室", "亭林新村12幢302室"),
        ("亭林新村十二号楼", "亭林新村12幢"),
        ("亭林新村十二幢五层", "亭林新村12幢5层"),
        ("前进东路一百零八号", "前进东路108号"),
        ("亭林新村12幢302", "亭林新村12幢302室"),
        ("春晖花园1幢1单元101", "春晖花园1幢1单元101室"),
        ("春晖花园，1幢 1单元 101室。", "春晖花园1幢1单元101室"),
        ("春晖花园1－101室", "春晖花园1-101室"),
        ("春晖花园1 101室", "春晖花园1-101室"),
        ("春晖花园1 - 101室", "春晖花园1-101室"),
        ("春晖花园a栋101室", "春晖花园A幢101室"),
        ("春晖花园Ａ幢101室", "春晖花园A幢101室"),
        ("\u{3000}亭林新村12幢302室\u{A0}", "亭林新村12幢302室"),
    ])
    func formOnlyDifferencesAreRemoved(raw: String, expected: String) throws {
        #expect(try normalized(raw) == expected)
    }

    @Test func prefixAndBuildingWordAreReported() throws {
        let result = try AddressNormalizer(rules: kunshanRules())
            .normalize("江苏省昆山市昆山开发区前进东路13号春晖花园3栋2单元302室")

        #expect(
            result.steps == [
                NormalizationStep(.prefixRemoved, count: 6, detail: "江苏省昆山市"),
                NormalizationStep(.buildingWordUnified, detail: "栋 → 幢"),
            ]
        )
    }

    @Test func townAliasAndNumeralsAreReported() throws {
        let result = try AddressNormalizer(rules: kunshanRules())
            .normalize("昆山市开发区前进东路１号春晖花园一幢十二单元一〇一室")

        #expect(
            result.steps == [
                NormalizationStep(.fullWidthFolded, count: 1),
                NormalizationStep(.prefixRemoved, count: 3, detail: "昆山市"),
                NormalizationStep(.townNameUnified, count: 3, detail: "开发区 → 昆山开发区"),
                NormalizationStep(.chineseNumeralRead, count: 1, detail: "一 → 1"),
                NormalizationStep(.chineseNumeralRead, count: 2, detail: "十二 → 12"),
                NormalizationStep(.chineseNumeralRead, count: 3, detail: "一〇一 → 101"),
            ]
        )
    }

    @Test func separatorsAndRoomWordAreReported() throws {
        let result = try AddressNormalizer(rules: kunshanRules()).normalize("春晖花园， 3栋 1-302")

        #expect(result.value == "春晖花园3幢1-302")
        #expect(
            result.steps == [
                NormalizationStep(.spacesRemoved, count: 2),
                NormalizationStep(.punctuationRemoved, count: 1),
                NormalizationStep(.buildingWordUnified, detail: "栋 → 幢"),
            ]
        )
    }

    @Test func repeatedBuildingWordIsCountedInOneStep() throws {
        let result = try AddressNormalizer(rules: kunshanRules()).normalize("A区3栋与4栋")

        #expect(
            result.steps == [NormalizationStep(.buildingWordUnified, count: 2, detail: "栋 → 幢")]
        )
    }

    @Test func missingRoomWordIsReported() throws {
        let result = try AddressNormalizer(rules: kunshanRules()).normalize("亭林新村12幢302")

        #expect(result.steps == [NormalizationStep(.roomWordAdded, detail: "302 → 302室")])
    }

    @Test(arguments: [
        ("昆山开发区前进东路1号", "昆山开发区前进东路1号"),
        ("昆山高新区前进西路88号", "昆山高新区前进西路88号"),
        ("江苏昆山高新区前进西路88号", "昆山高新区前进西路88号"),
        ("昆山经济技术开发区前进东路1号", "昆山开发区前进东路1号"),
        ("花桥镇绿地大道1号", "花桥镇绿地大道1号"),
    ])
    func townNameIsNeverCutAsAPrefix(raw: String, expected: String) throws {
        #expect(try normalized(raw) == expected)
    }

    @Test(arguments: [
        ("三元花苑1幢101室", "三元花苑1幢101室"),
        ("五星花园二幢", "五星花园2幢"),
        ("七里花园三期二幢", "七里花园三期2幢"),
        ("千灯镇少卿路八号", "千灯镇少卿路8号"),
        ("百花苑一百幢", "百花苑100幢"),
        ("春晖花园一百五室", "春晖花园一百五室"),
        ("春晖花园1二幢", "春晖花园1二幢"),
        ("春晖花园1二三幢", "春晖花园1二三幢"),
    ])
    func numeralsAreReadOnlyAsNumbers(raw: String, expected: String) throws {
        #expect(try normalized(raw) == expected)
    }

    @Test(arguments: [
        ("栋梁路8号", "栋梁路8号"),
        ("前进东路88号春晖花园", "前进东路88号春晖花园"),
        ("前进东路88号3幢", "前进东路88号3幢"),
    ])
    func buildingWordsAreUnifiedOnlyAfterANumber(raw: String, expected: String) throws {
        #expect(try normalized(raw) == expected)
    }

    @Test(arguments: [
        ("昆山开发区前进东路1号春晖花园3幢302室", "昆山开发区前进东路1号春晖花园3幢2单元302室"),
        ("昆山开发区前进东路1号春晖花园3幢2单元302室", "昆山开发区前进东路1号春晖花园3幢2单元303室"),
        ("昆山开发区前进东路1号春晖花园3幢2单元302室", "昆山开发区前进东路1号春晖花园4幢2单元302室"),
        ("昆山开发区前进东路13号春晖花园3幢2单元302室", "昆山开发区前进东路15号春晖花园3幢2单元302室"),
        ("春晖花园1-302室", "春晖花园1302室"),
        ("春晖花园1 302室", "春晖花园1302室"),
        ("春晖花园一 三〇二室", "春晖花园1302室"),
        ("前进东路302", "前进东路302室"),
        ("昆山开发区前进东路1号", "昆山高新区前进东路1号"),
        ("玉山镇亭林路66号", "昆山开发区亭林路66号"),
        ("三元花苑1幢101室", "3元花苑1幢101室"),
        ("春晖花园3幢2单元302室", "春晖花园3幢2单元3021室"),
        ("春晖花园3号2单元302室", "春晖花园3幢2单元302室"),
    ])
    func differentPlacesStayDifferent(first: String, second: String) throws {
        #expect(try normalized(first) != normalized(second))
    }

    @Test(arguments: [
        ("江苏省昆山市昆山开发区前进东路1号春晖花园1幢1单元101室", "昆山开发区前进东路1号春晖花园1幢1单元101室"),
        ("昆山市昆山开发区前进东路13号春晖花园3栋2单元302室", "昆山开发区前进东路13号春晖花园3幢2单元302室"),
        ("江苏省昆山市玉山镇亭林路66号亭林新村12幢302室", "玉山镇亭林路66号亭林新村12幢302室"),
        ("江苏省昆山市昆山开发区前进东路7号春晖花园8幢2单元1203室", "昆山开发区前进东路7号春晖花园8幢2单元1203室"),
    ])
    func sampleApplicationMatchesTheRegistry(typed: String, registered: String) throws {
        #expect(try normalized(typed) == normalized(registered))
    }
}

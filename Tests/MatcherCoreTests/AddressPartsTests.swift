import Foundation
import Testing

@testable import MatcherCore

/// The normaliser built from `mappings/address.json`, as the service builds it.
private func kunshanNormalizer() throws -> AddressNormalizer {
    let data = try Data(contentsOf: repositoryFile("mappings/address.json"))
    return AddressNormalizer(rules: try JSONDecoder().decode(AddressRules.self, from: data))
}

private func parts(
    _ site: String,
    building: String? = nil,
    unit: String? = nil,
    room: String? = nil,
    rest: String = ""
) -> AddressParts {
    AddressParts(site: site, building: building, unit: unit, room: room, rest: rest)
}

struct AddressPartsTests {
    static let estate = "昆山开发区前进东路1号春晖花园"

    @Test(arguments: [
        ("昆山开发区前进东路1号春晖花园1幢1单元101室", parts(estate, building: "1", unit: "1", room: "101")),
        ("玉山镇亭林路66号亭林新村12幢302室", parts("玉山镇亭林路66号亭林新村", building: "12", room: "302")),
        ("昆山开发区前进东路1号三元花苑1幢101室", parts("昆山开发区前进东路1号三元花苑", building: "1", room: "101")),
        ("昆山开发区前进东路1号春晖花园A幢2单元302室", parts(estate, building: "A", unit: "2", room: "302")),
        ("昆山开发区前进东路1号春晖花园1-2幢302室", parts(estate, building: "1-2", room: "302")),
        ("昆山开发区前进东路1号春晖花园1幢", parts(estate, building: "1")),
        ("昆山开发区前进东路1号春晖花园1幢2单元", parts(estate, building: "1", unit: "2")),
        ("昆山开发区前进东路1号1幢101室", parts("昆山开发区前进东路1号", building: "1", room: "101")),
    ])
    func addressWithBuildingIsSplitAtTheBuildingNumber(address: String, expected: AddressParts) {
        #expect(AddressParts(normalized: address) == expected)
    }

    @Test(arguments: [
        ("昆山高新区前进西路88号302室", parts("昆山高新区前进西路88号", room: "302")),
        ("昆山高新区前进西路88号2单元302室", parts("昆山高新区前进西路88号", unit: "2", room: "302")),
        ("春晖花园1-101室", parts("春晖花园", room: "1-101")),
        ("千灯镇少卿路8号", parts("千灯镇少卿路8号")),
        ("昆山开发区前进东路302", parts("昆山开发区前进东路302")),
        ("", parts("")),
    ])
    func addressWithoutBuildingHasItsSiteUpToTheUnitOrRoom(
        address: String,
        expected: AddressParts
    ) {
        #expect(AddressParts(normalized: address) == expected)
    }

    @Test(arguments: [
        ("昆山开发区前进东路1号春晖花园1幢101室车库", parts(estate, building: "1", room: "101", rest: "车库")),
        ("昆山开发区前进东路1号春晖花园1幢101室储藏室", parts(estate, building: "1", room: "101", rest: "储藏室")),
        ("亭林新村12幢5层", parts("亭林新村", building: "12", rest: "5层")),
        ("亭林新村12幢5层502室", parts("亭林新村12幢5层", room: "502")),
        ("春晖花园-1幢", parts("春晖花园-", building: "1")),
        ("春晖花园幢单元室", parts("春晖花园幢单元室")),
    ])
    func partsEndAtTheLastNumberedWord(address: String, expected: AddressParts) {
        #expect(AddressParts(normalized: address) == expected)
    }

    @Test(arguments: [
        ("江苏省昆山市开发区前进东路1号春晖花园3栋2单元302", parts(estate, building: "3", unit: "2", room: "302")),
        ("昆山市开发区前进东路１号春晖花园一幢一〇一室", parts(estate, building: "1", room: "101")),
        ("春晖花园8号楼 2单元 1203室", parts("春晖花园", building: "8", unit: "2", room: "1203")),
    ])
    func normalizerOutputSplits(raw: String, expected: AddressParts) throws {
        let normalized = try kunshanNormalizer().normalize(raw).value

        #expect(AddressParts(normalized: normalized) == expected)
    }

    @Test func descriptionMasksTheSite() {
        let address = AddressParts(normalized: "昆山开发区前进东路1号春晖花园1幢1单元101室车库")

        #expect(address.description == "昆山开发区前****1幢1单元101室****")
    }
}

struct AddressPartsComparisonTests {
    @Test(arguments: [
        ("春晖花园1幢1单元101室", "春晖花园1幢1单元101室", [AddressDifference]()),
        ("前进西路88号302室", "前进西路88号302室", []),
        ("春晖花园1幢1单元302室", "春晖花园1幢1单元303室", [.room(typed: "302", registered: "303")]),
        ("前进西路88号302室", "前进西路88号303室", [.room(typed: "302", registered: "303")]),
        ("春晖花园2幢1单元101室", "春晖花园1幢1单元101室", [.building(typed: "2", registered: "1")]),
        ("春晖花园1幢101室", "春晖花园1幢2单元101室", [.unit(typed: nil, registered: "2")]),
        ("春晖花园1幢2单元101室", "春晖花园1幢101室", [.unit(typed: "2", registered: nil)]),
        ("春晖花园101室", "春晖花园1幢101室", [.building(typed: nil, registered: "1")]),
        ("春晖花园1幢", "春晖花园1幢101室", [.room(typed: nil, registered: "101")]),
        ("春晖花园1幢101室车库", "春晖花园1幢101室", [.rest]),
        ("亭林新村1幢1单元101室", "春晖花园1幢1单元101室", [.site]),
        ("亭林新村1幢1单元102室", "春晖花园1幢1单元101室", [.site, .room(typed: "102", registered: "101")]),
        (
            "春晖花园2幢2单元102室储藏室", "春晖花园1幢1单元101室",
            [
                .building(typed: "2", registered: "1"), .unit(typed: "2", registered: "1"),
                .room(typed: "102", registered: "101"), .rest,
            ]
        ),
    ])
    func differencesAreListedPartByPart(
        typed: String,
        registered: String,
        expected: [AddressDifference]
    ) {
        let differences = AddressDifference.between(
            typed: AddressParts(normalized: typed),
            registered: AddressParts(normalized: registered)
        )

        #expect(differences == expected)
    }

    @Test(arguments: [
        (
            AddressDifference.room(typed: "302", registered: "303"),
            "room differs: typed 302, registered 303"
        ),
        (.building(typed: "1-2", registered: "12"), "building differs: typed 1-2, registered 12"),
        (.unit(typed: nil, registered: "2"), "the unit was left out: the registry has unit 2"),
        (.unit(typed: "2", registered: nil), "unit 2 was typed, but the registry has no unit"),
        (.room(typed: nil, registered: nil), "room differs"),
        (.site, "the address differs before its building, unit and room"),
        (.rest, "the address differs after its building, unit and room"),
    ])
    func descriptionShowsTheNumbers(difference: AddressDifference, text: String) {
        #expect(difference.description == text)
    }

    @Test func descriptionNeverShowsTheSite() {
        let differences = AddressDifference.between(
            typed: AddressParts(normalized: "亭林新村2幢102室车库"),
            registered: AddressParts(normalized: "春晖花园1幢1单元101室")
        )

        #expect(differences.count == 5)
        for text in differences.map(\.description) {
            #expect(!text.contains("亭林"))
            #expect(!text.contains("春晖"))
            #expect(!text.contains("车库"))
        }
    }

    @Test func differencesSurviveJSON() throws {
        let differences: [AddressDifference] = [
            .site, .building(typed: nil, registered: "1"), .unit(typed: "2", registered: nil),
            .room(typed: "302", registered: "303"), .rest,
        ]
        let data = try JSONEncoder().encode(differences)

        #expect(try JSONDecoder().decode([AddressDifference].self, from: data) == differences)
    }
}

/// Which spellings of an address are the same: policy, read from `mappings/address.json`.
///
/// Loading the file is left to the caller (core does no I/O); decode it
/// with `JSONDecoder` and hand the value to ``AddressNormalizer``.
public struct AddressRules: Decodable, Sendable, Hashable {
    /// A town (区镇) by its canonical name, and the other names it goes by.
    public struct Town: Decodable, Sendable, Hashable {
        /// The name addresses are normalised to, e.g. `昆山开发区`.
        public var name: String
        /// Other names of the same town, e.g. `开发区`; empty by default.
        public var aliases: [String] = []

        public init(name: String, aliases: [String] = []) {
            self.name = name
            self.aliases = aliases
        }

        private enum CodingKeys: String, CodingKey {
            case name, aliases
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            aliases = try container.decodeIfPresent([String].self, forKey: .aliases) ?? []
        }
    }

    /// Province and city words dropped from the start of an address, in any
    /// order and however often they are repeated (`江苏省`, `昆山市`, ...).
    public var prefixes: [String]
    /// The towns, each with its aliases.
    public var towns: [Town]
    /// Former town names, kept as written because the registry still prints
    /// them on older certificates (`玉山镇`); empty by default.
    ///
    /// They are listed so that no prefix or alias is ever cut out of them.
    public var formerTowns: [String] = []
    /// The words for a building after its number (`栋`, `幢`, `号楼`).
    public var buildingWords: [String]
    /// The building word that the others become (`幢`).
    public var canonicalBuildingWord: String
    /// Words besides the building words that follow a unit, room, floor or
    /// door number (`单元`, `室`, `层`, `号`): Chinese numerals directly
    /// before one of them are read as Arabic numbers.
    public var numberSuffixes: [String]

    public init(
        prefixes: [String],
        towns: [Town],
        formerTowns: [String] = [],
        buildingWords: [String],
        canonicalBuildingWord: String,
        numberSuffixes: [String]
    ) {
        self.prefixes = prefixes
        self.towns = towns
        self.formerTowns = formerTowns
        self.buildingWords = buildingWords
        self.canonicalBuildingWord = canonicalBuildingWord
        self.numberSuffixes = numberSuffixes
    }

    private enum CodingKeys: String, CodingKey {
        case prefixes, towns, formerTowns, buildingWords, canonicalBuildingWord, numberSuffixes
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        prefixes = try container.decode([String].self, forKey: .prefixes)
        towns = try container.decode([Town].self, forKey: .towns)
        formerTowns = try container.decodeIfPresent([String].self, forKey: .formerTowns) ?? []
        buildingWords = try container.decode([String].self, forKey: .buildingWords)
        canonicalBuildingWord = try container.decode(String.self, forKey: .canonicalBuildingWord)
        numberSuffixes = try container.decode([String].self, forKey: .numberSuffixes)
    }
}

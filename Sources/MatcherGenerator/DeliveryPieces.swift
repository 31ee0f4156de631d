import MatcherCore

/// The fixed words of the delivery files, encoded once in the delivery's encoding.
final class InsurancePieces: @unchecked Sendable {
    let names: PieceTable
    let personsHeader: [UInt8]
    let contributionsHeader: [UInt8]
    /// 正常, then the abnormal states.
    let accountStates: PieceTable
    /// `YYYYMM` of the months from ``firstMonth`` to the one after the snapshot's.
    let months: PieceTable
    let firstMonth: Int
    /// The department's insurance type codes.
    let typeCodes: PieceTable
    let regions: PieceTable

    init(model: NightModel, department: Department, encoding: OutputEncoding) throws(GeneratorError)
    {
        names = try PieceTable(NamePieces.texts, encoding: encoding)
        let key = department == .hrss ? "个人编号" : "医保个人内码"
        let personsColumns =
            department == .hrss ? "个人编号,姓名,公民身份号码" : "医保个人内码,姓名,公民身份号码,账户状态"
        personsHeader = try encoding.encode(personsColumns)
        contributionsHeader = try encoding.encode(key + ",险种类型,开始年月,终止年月,参保地")
        accountStates = try PieceTable(
            ["正常"] + Vocabulary.abnormalAccountStates,
            encoding: encoding
        )
        let types = department == .hrss ? model.hrssTypes : model.medicalTypes
        typeCodes = try PieceTable(types.map(\.code), encoding: encoding)
        firstMonth = model.snapshotMonth - 360
        months = try PieceTable(
            (firstMonth...model.snapshotMonth + 1).map { ordinal in
                String(ordinal / 12 * 100 + ordinal % 12 + 1)
            },
            encoding: encoding
        )
        regions = try PieceTable(Vocabulary.contributionRegions, encoding: encoding)
    }
}

/// The fixed words of the registry's file.
final class RegistryPieces: @unchecked Sendable {
    let names: PieceTable
    let header: [UInt8]
    /// 不动产权证, 房屋所有权证.
    let types: PieceTable
    /// `苏(`, `)昆山市不动产权第`, `号`, `昆房权证`, `字第`.
    let numberParts: PieceTable
    let districts: PieceTable
    /// The towns, then the former town.
    let towns: PieceTable
    let roads: PieceTable
    let estates: PieceTable
    /// `号`, `幢`, `单元`, `室`.
    let addressWords: PieceTable
    let uses: PieceTable
    /// 单独所有, 共同共有, 按份共有.
    let forms: PieceTable
    /// 现势, 注销, 历史, and a state no mapping knows (for broken rows).
    let states: PieceTable

    static let realEstateOpen = 0
    static let realEstateMiddle = 1
    static let numberEnd = 2
    static let houseLead = 3
    static let houseMiddle = 4
    static let doorWord = 0
    static let buildingWord = 1
    static let unitWord = 2
    static let roomWord = 3
    static let unknownState = 3

    init(model: NightModel, encoding: OutputEncoding) throws(GeneratorError) {
        names = try PieceTable(NamePieces.texts, encoding: encoding)
        header = try encoding.encode("证书类型,产权证号,权利人,权利人证件号,共有方式,规划用途,坐落,登记时间,权属状态")
        types = try PieceTable(["不动产权证", "房屋所有权证"], encoding: encoding)
        numberParts = try PieceTable(["苏(", ")昆山市不动产权第", "号", "昆房权证", "字第"], encoding: encoding)
        districts = try PieceTable(Vocabulary.houseDistricts, encoding: encoding)
        towns = try PieceTable(
            Vocabulary.towns.map(\.0) + [Vocabulary.formerTown],
            encoding: encoding
        )
        roads = try PieceTable(Vocabulary.roads, encoding: encoding)
        estates = try PieceTable(Vocabulary.estates, encoding: encoding)
        addressWords = try PieceTable(["号", "幢", "单元", "室"], encoding: encoding)
        uses = try PieceTable(model.uses, encoding: encoding)
        forms = try PieceTable(["单独所有", "共同共有", "按份共有"], encoding: encoding)
        states = try PieceTable(["现势", "注销", "历史", "查封中"], encoding: encoding)
    }
}

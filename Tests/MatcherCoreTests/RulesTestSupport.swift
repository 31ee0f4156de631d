import Foundation
import Testing

@testable import MatcherCore

/// A file of the repository, found from this source file so tests run from any directory.
func repositoryFile(_ relativePath: String) -> URL {
    URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(relativePath)
}

/// The rules as the nightly run builds them: 2023 policy, messages and address rules, all
/// read from the repository's own mapping files, so a test fails when a mapping drifts.
func matchRules2023() throws -> MatchRules {
    let messagesData = try Data(contentsOf: repositoryFile("mappings/messages.json"))
    let textByCode = try JSONDecoder().decode([String: String].self, from: messagesData)
    let addressData = try Data(contentsOf: repositoryFile("mappings/address.json"))
    let addressRules = try JSONDecoder().decode(AddressRules.self, from: addressData)
    return MatchRules(
        policy: try policy2023(),
        messages: try ParentMessages(textByCode: textByCode),
        addresses: AddressNormalizer(rules: addressRules)
    )
}

/// One line of `fixtures/basic/applications.jsonl`, 1-based, as the export delivers it.
func basicFixtureLine(_ number: Int) throws -> Data {
    let text = try String(
        contentsOf: repositoryFile("fixtures/basic/applications.jsonl"),
        encoding: .utf8
    )
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    try #require(lines.indices.contains(number - 1))
    return Data(lines[number - 1].utf8)
}

/// What a parent reads, copied from `outcomes.md` rather than from `messages.json`, so that
/// a mapping drifting away from the handbook's wording fails here.
let contractWords: [String: String] = [
    "SI_INVALID_ID": "积分主体身份证件号码有误，请核对后重新提交",
    "SI_NO_SS_ID": "未查询到对应社保个人编号",
    "SI_NAME_MISMATCH": "未查询到对应社保个人编号，请核对积分主体姓名和身份证号码是否填写正确",
    "SI_MULTIPLE_SS_IDS": "获取到多个社保个人编号，请到人社服务大厅合并数据",
    "SI_NO_MEDICAL_CODE": "未查询到对应医保个人内码",
    "SI_MULTIPLE_MEDICAL_CODES": "获取到多个医保个人内码，请到人社服务大厅合并数据",
    "SI_MEDICAL_ACCOUNT_ABNORMAL": "该人员医保账户非正常状态",
    "SI_MATCHED": "如有问题请到社保部门核实",
    "SI_PENDING": "社保数据对接中，请次日查看",
    "PR_NOT_DECLARED": "未填报住宅类房产",
    "PR_INVALID_NUMBER": "产权证号格式有误，请对照产权证重新填写",
    "PR_NO_RECORD": "房屋产权证查无登记信息",
    "PR_OWNER_MISMATCH": "产权人与房屋产权证编号不符",
    "PR_SIBLING_NOT_ELIGIBLE": "兄弟姐妹名下房产须为未满18周岁且单独所有",
    "PR_NOT_RESIDENTIAL": "该房产非住宅类房产，不符合积分入学政策要求",
    "PR_ADDRESS_MISMATCH": "房屋坐落与产权证登记不一致，请按产权证填写到几零几室",
    "PR_PENDING": "房产数据对接中，请次日查看",
]

func words(_ codes: [String]) -> [String] {
    codes.map { contractWords[$0] ?? "no contract words for \($0)" }
}

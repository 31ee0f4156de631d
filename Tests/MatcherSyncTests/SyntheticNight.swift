import Foundation
import MatcherCore
import MatcherFeeds
import Testing

/// A night made up in the tests, larger than the sample, so that a run lasts long enough to
/// be stopped part way: `people` insured persons at both departments, each with a home, and
/// an application for every `applicationEvery`-th of them.
struct SyntheticNight {
    let people: Int
    let applicationEvery: Int

    /// A valid resident ID number for person `index`.
    static func idNumber(_ index: Int) -> String {
        let day = index / 1000
        let body = String(
            format: "341221%04d%02d%02d%03d",
            1960 + day / 336,
            1 + (day / 28) % 12,
            1 + day % 28,
            index % 1000
        )
        return body + String(IDNumber.residentCheckDigit(of: Array(body.utf8)))
    }

    /// A valid resident ID number for the child of person `index`, born in 2017: never the
    /// parent's, since a line whose points subject is the child is refused.
    static func childIDNumber(_ index: Int) -> String {
        let body = String(
            format: "3205832017%02d%02d%03d",
            1 + index % 12,
            1 + index % 28,
            index % 1000
        )
        return body + String(IDNumber.residentCheckDigit(of: Array(body.utf8)))
    }

    /// Writes `applications.jsonl` and `deliveries/` (dated `date`) into `folder`.
    func write(to folder: String, date: String = "2023-05-10") throws {
        let deliveries = folder + "/deliveries"
        var hrssPersons = "个人编号,姓名,公民身份号码\n"
        var hrssContributions = "个人编号,险种类型,开始年月,终止年月,参保地\n"
        var medicalPersons = "医保个人内码,姓名,公民身份号码,账户状态\n"
        var medicalContributions = "医保个人内码,险种类型,开始年月,终止年月,参保地\n"
        var certificates = "证书类型,产权证号,权利人,权利人证件号,共有方式,规划用途,坐落,登记时间,权属状态\n"
        var applications = ""
        for index in 0..<people {
            let id = Self.idNumber(index)
            let name = "张" + String(index % 97)
            let start = String(format: "20%02d%02d", 14 + index % 8, 1 + index % 12)
            hrssPersons += "SB\(index),\(name),\(id)\n"
            medicalPersons += "YB\(index),\(name),\(id),正常\n"
            for type in ["110", "210", "410"] {
                hrssContributions += "SB\(index),\(type),\(start),,320583\n"
            }
            for type in ["310", "510"] {
                medicalContributions += "YB\(index),\(type),\(start),,320583\n"
            }
            let serial = String(format: "%07d", index)
            let address = "昆山开发区前进东路\(index)号春晖花园1幢1单元101室"
            certificates +=
                "不动产权证,苏(2020)昆山市不动产权第\(serial)号,\(name),\(id),单独所有,住宅,"
                + "\(address),2020-0\(1 + index % 9)-15,现势\n"
            guard index % applicationEvery == 0 else { continue }
            let person: [String: Any] = ["name": name, "idType": "resident", "idNumber": id]
            let child: [String: Any] = [
                "name": "李" + String(index % 97), "idType": "resident",
                "idNumber": Self.childIDNumber(index),
            ]
            let line: [String: Any] = [
                "applicationId": "S\(index)", "registrationNo": "ES\(index)", "version": 1,
                "status": "submitted", "submittedAt": "2023-05-09T20:15:00+08:00",
                "stage": "primary", "town": "昆山开发区", "student": child,
                "guardians": [person.merging(["relation": "father"]) { $1 }],
                "pointsSubject": person, "familyMembers": [Any](),
                "property": [
                    "declared": true, "certificateType": "realEstate",
                    "certificateYear": "2020", "certificateNumber": serial,
                    "owner": person.merging(["relation": "father"]) { $1 },
                    "soleOwner": true, "coOwners": [Any](), "address": address,
                ],
            ]
            let data = try JSONSerialization.data(withJSONObject: line)
            applications += String(decoding: data, as: UTF8.self) + "\n"
        }
        try applications.write(
            toFile: folder + "/applications.jsonl",
            atomically: true,
            encoding: .utf8
        )
        try writeDelivery(
            deliveries + "/hrss/" + date,
            ["persons.csv": hrssPersons, "contributions.csv": hrssContributions]
        )
        try writeDelivery(
            deliveries + "/medical/" + date,
            ["persons.csv": medicalPersons, "contributions.csv": medicalContributions]
        )
        try writeDelivery(deliveries + "/registry/" + date, ["certificates.csv": certificates])
    }

    private func writeDelivery(_ folder: String, _ files: [String: String]) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
        try writeManifest(in: folder)
    }
}

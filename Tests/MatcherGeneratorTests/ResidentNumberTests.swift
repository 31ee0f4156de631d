import Foundation
import MatcherCore
import MatcherFeeds
import Testing

@testable import MatcherGenerator

@Suite struct ResidentNumberTests {
    @Test func checkCharacterAgreesWithTheStandardOne() {
        var draws = Draws(state: 42)
        for _ in 0..<2000 {
            let body = 110_000_000_000_000_00 + draws.int(below: 800_000_000_000_000_00)
            let id = ResidentID(body: body)
            let expected = IDNumber.residentCheckDigit(of: Array(String(body).utf8))
            #expect(Character(UnicodeScalar(id.check)) == expected)
        }
    }

    @Test func fifteenDigitFormUpgradesToTheSameNumber() {
        let id = ResidentID(region: 341221, year: 1985, month: 3, day: 15, sequence: 103)
        let upgraded = IDNumber.normalize(id.fifteenDigitText, as: .resident).normalized
        #expect(upgraded == id.text)
    }

    @Test func everyDepartmentNumberIsValidAndNamesOnePerson() throws {
        let night = try GeneratedNight(seed: 4)
        let departments: [(String, TextEncoding)] = [("hrss", .gb18030), ("medical", .utf8)]
        for (source, encoding) in departments {
            var numbersByID: [String: Set<String>] = [:]
            for row in try night.rows(source, "persons.csv", encoding: encoding) {
                let raw = row[2]
                if raw.hasPrefix("E") {
                    continue
                }
                let normalized = IDNumber.normalize(raw, as: .resident).normalized
                let id = try #require(normalized, "\(source) holds an invalid number")
                numbersByID[id, default: []].insert(row[0])
            }
            // Two numbers for one ID are the "several personal numbers" case, never more.
            #expect(numbersByID.values.allSatisfy { $0.count <= 2 })
            #expect(numbersByID.count > 2900)
        }
    }

    @Test func childrenAndOtherParentsHaveValidNumbers() throws {
        let night = try GeneratedNight(seed: 5)
        for case let line? in try night.applications()
        where line["status"] as? String == "submitted" {
            let student = try #require(line["student"] as? [String: Any])
            #expect(valid(student["idNumber"]))
            for member in line["familyMembers"] as? [[String: Any]] ?? [] {
                #expect(valid(member["idNumber"]))
            }
        }
    }

    @Test func numbersOneDigitOffBelongToNobody() throws {
        let night = try GeneratedNight(seed: 6)
        var held = Set<String>()
        for (source, encoding) in [("hrss", TextEncoding.gb18030), ("medical", .utf8)] {
            for row in try night.rows(source, "persons.csv", encoding: encoding) {
                held.insert(MatchRules.lookupKey(of: row[2], as: .resident))
            }
        }
        let lines = try night.applications()
        var checked = 0
        for (index, truth) in try night.truth().enumerated() {
            let kind = (truth["case"] as? [String: Any])?["socialInsurance"] as? String
            guard kind == SocialInsuranceCase.idOneDigitOff.rawValue else { continue }
            let line = try #require(lines[index])
            let subject = try #require(line["pointsSubject"] as? [String: Any])
            let typed = try #require(subject["idNumber"] as? String)
            let normalized = try #require(IDNumber.normalize(typed, as: .resident).normalized)
            #expect(!held.contains(normalized))
            checked += 1
        }
        #expect(checked > 0)
    }

    private func valid(_ value: Any?) -> Bool {
        guard let text = value as? String else { return false }
        return IDNumber.normalize(text, as: .resident).isValid
    }
}

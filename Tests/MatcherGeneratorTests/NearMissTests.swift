import Foundation
import MatcherCore
import MatcherFeeds
import Testing

@testable import MatcherGenerator

@Suite struct NearMissTests {
    /// The registry's certificates by key, with the rows of each.
    private func registry(_ night: GeneratedNight) throws -> [CertificateKey: [[String]]] {
        var certificates: [CertificateKey: [[String]]] = [:]
        for row in try night.rows("registry", "certificates.csv") {
            let type: CertificateType = row[0] == "不动产权证" ? .realEstate : .houseOwnership
            let key = try #require(CertificateNumber.parseRegistered(type: type, printed: row[1]))
            certificates[key, default: []].append(row)
        }
        return certificates
    }

    @Test func everySerialIsAMultipleOfElevenAndNamesOneHome() throws {
        let night = try GeneratedNight(seed: 1)
        for (key, rows) in try registry(night) {
            switch key {
            case .realEstate(_, let serial):
                #expect((Int(serial) ?? 1) % 11 == 0)
            case .houseOwnership(let number):
                #expect(number.count == 9 && (Int(number) ?? 1) % 11 == 0)
            }
            // Rows of one certificate share its address and registration date.
            #expect(Set(rows.map { $0[6] }).count == 1)
        }
    }

    @Test(arguments: [1, 2] as [UInt64])
    func nearMissNumbersAreAbsentFromTheRegistry(seed: UInt64) throws {
        let night = try GeneratedNight(seed: seed)
        let certificates = try registry(night)
        let nearMisses: Set<String> = [
            PropertyCase.serialDigitOff.rawValue, PropertyCase.serialDigitsSwapped.rawValue,
            PropertyCase.serialOtherYear.rawValue, PropertyCase.otherCertificateType.rawValue,
        ]
        let lines = try night.applications()
        var checked = 0
        for (index, truth) in try night.truth().enumerated() {
            let kind = (truth["case"] as? [String: Any])?["property"] as? String
            guard let kind, nearMisses.contains(kind) else { continue }
            let line = try #require(lines[index])
            let property = try #require(line["property"] as? [String: Any])
            let type = try #require(
                CertificateType(rawValue: property["certificateType"] as? String ?? "")
            )
            let parsed = CertificateNumber.parse(
                type: type,
                year: property["certificateYear"] as? String,
                number: property["certificateNumber"] as? String ?? ""
            )
            let key = try #require(parsed.key, "\(kind) must still be a readable number")
            #expect(certificates[key] == nil, "\(kind) names a certificate that exists")
            checked += 1
        }
        #expect(checked >= nearMisses.count)
    }

    @Test func everySerialChangedInOneDigitOrSwappedIsAbsent() throws {
        let night = try GeneratedNight(seed: 1)
        let certificates = try registry(night)
        let serials = Set(
            certificates.keys.compactMap { key -> String? in
                if case .realEstate(let year, let serial) = key { return "\(year)/\(serial)" }
                return nil
            }
        )
        var draws = Draws(state: 9)
        for entry in serials.prefix(200) {
            let parts = entry.split(separator: "/").map(String.init)
            let changed = TypedForms.oneDigitOff(parts[1], draws: &draws)
            let swapped = TypedForms.neighboursSwapped(parts[1], draws: &draws)
            #expect(!serials.contains("\(parts[0])/\(changed)"))
            #expect(!serials.contains("\(parts[0])/\(swapped)"))
        }
    }
}

import Foundation
import Testing

@testable import MatcherGenerator

@Suite struct RatesTests {
    private func ratesFile(_ json: String) throws -> String {
        let path = NSTemporaryDirectory() + "matcher-rates-" + UUID().uuidString + ".json"
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func fileOverridesOnlyTheRatesItNames() throws {
        let path = try ratesFile(#"{"si.noMedicalCode": 0.2, "variant.nameSpace": 0}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let rates = try CaseRates(overridingFrom: path)
        #expect(rates["si.noMedicalCode"] == 0.2)
        #expect(rates["variant.nameSpace"] == 0)
        #expect(rates["si.noSocialSecurityId"] == CaseRates.defaults["si.noSocialSecurityId"])
    }

    @Test(arguments: [
        (#"{"si.nothing": 0.1}"#, "unknown rate si.nothing"),
        (#"{"si.matched": 0.5}"#, "takes what the other rates leave"),
        (#"{"pr.notDeclared": 1.5}"#, "must be a fraction from 0 to 1"),
        (#"{"pr.notDeclared": 0.9, "pr.roomDiffers": 0.2}"#, "counting the defaults"),
        (#"[0.1]"#, "not a JSON object"),
        (#"{"si.noMedicalCode": true}"#, "si.noMedicalCode is not a number"),
        (#"{"line.withdrawn": "0.1"}"#, "line.withdrawn is not a number"),
        (#"{"line.withdrawn": 0.1, "line.withdrawn": 0.2}"#, "line.withdrawn is set twice"),
        (#"{"line.withdrawn": "#, "not valid JSON"),
        ("{\n  \"line.withdrawn\": 0.1,\n  \"x\" 2}", "near line 3, column 7"),
        (String(repeating: " ", count: 70_000) + "{}", "at most 65536 bytes"),
    ])
    func badRatesAreRefusedWithTheReason(json: String, reason: String) throws {
        let path = try ratesFile(json)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = #expect(throws: GeneratorError.self) {
            try CaseRates(overridingFrom: path)
        }
        #expect(error?.code == .rates)
        #expect(error?.message.contains(reason) == true, "\(error?.message ?? "")")
        #expect(error?.message.contains(path) == true)
    }

    @Test func pendingRateAboveTheSyncsLimitIsHeldAndSaidSo() throws {
        let path = try ratesFile(#"{"si.pendingHrss": 0.5}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let rates = try CaseRates(overridingFrom: path)
        let night = try GeneratedNight(seed: 1) { $0.rates = rates }
        let held = try #require(night.summary.heldAtCap["si.pendingHrss"])
        #expect(held.kept == 10)
        #expect(held.asked > held.kept)
        let recorded = night.summary.json["ratesHeldAtCap"] as? [String: [String: Int]]
        #expect(recorded?["si.pendingHrss"] == ["asked": held.asked, "made": 10])
        #expect(night.summary.heldAtCap["si.pendingMedical"] == nil)
    }

    @Test func deviceIsRefusedUnread() {
        let error = #expect(throws: GeneratorError.self) {
            try CaseRates(overridingFrom: "/dev/zero")
        }
        #expect(error?.message.contains("/dev/zero is not a regular file") == true)
    }

    @Test func linkToARatesFileIsReadAsTheFile() throws {
        let path = try ratesFile(#"{"si.noMedicalCode": 0.2}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let link = path + ".link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
        defer { try? FileManager.default.removeItem(atPath: link) }
        let rates = try CaseRates(overridingFrom: link)
        #expect(rates["si.noMedicalCode"] == 0.2)
    }

    @Test func linkToADeviceIsRefusedUnread() throws {
        let link = NSTemporaryDirectory() + "matcher-rates-" + UUID().uuidString + ".link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/dev/zero")
        defer { try? FileManager.default.removeItem(atPath: link) }
        let error = #expect(throws: GeneratorError.self) {
            try CaseRates(overridingFrom: link)
        }
        #expect(error?.message.contains("\(link) is not a regular file") == true)
    }

    @Test(arguments: [
        (1.2869999999999997, "1.287"), (1.0, "1"), (2.00004, "2"), (1.10351, "1.1035"),
    ])
    func sumsAreShownAsWritten(total: Double, shown: String) {
        #expect(CaseRates.shown(total) == shown)
    }

    @Test func casesComeInExactNumbers() throws {
        let night = try GeneratedNight(seed: 5) { configuration in
            configuration.applications = 1000
            configuration.persons = 5000
            configuration.certificates = 2000
        }
        var noSocialSecurityId = 0
        var submitted = 0
        for line in try night.truth() {
            guard let kind = line["case"] as? [String: Any] else { continue }
            submitted += 1
            if kind["socialInsurance"] as? String == "noSocialSecurityId" {
                noSocialSecurityId += 1
            }
        }
        let rate = CaseRates.defaults["si.noSocialSecurityId"] ?? 0
        #expect(noSocialSecurityId == Int((rate * Double(submitted)).rounded()))
    }

    @Test func tooFewApplicationsForTheCasesNameWhatTheCasesAreDrawnFrom() throws {
        let error = #expect(throws: GeneratorError.self) {
            try GeneratedNight(seed: 1) { configuration in
                configuration.applications = 10
            }
        }
        #expect(error?.code == .configuration)
        #expect(error?.message.contains("among 5 submitted applications (of 10;") == true)
        #expect(error?.message.hasSuffix("or give more --applications") == true)
    }
}

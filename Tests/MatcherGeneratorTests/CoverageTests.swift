import Foundation
import Testing

@testable import MatcherGenerator

@Suite struct CoverageTests {
    @Test(arguments: [1, 2] as [UInt64])
    func everyCaseKindAndVariantAppearsAtSampleScale(seed: UInt64) throws {
        let night = try GeneratedNight(seed: seed)
        var socialInsurance = Set<String>()
        var property = Set<String>()
        var variants = Set<String>()
        var lines = Set<String>()
        for truth in try night.truth() {
            if let kind = truth["case"] as? [String: Any] {
                socialInsurance.insert(try #require(kind["socialInsurance"] as? String))
                property.insert(try #require(kind["property"] as? String))
                variants.formUnion(try #require(kind["variants"] as? [String]))
                lines.insert(LineKind.submitted.rawValue)
            } else if let broken = truth["broken"] as? String {
                lines.insert(broken)
            } else {
                lines.insert(try #require(truth["status"] as? String))
            }
        }
        #expect(socialInsurance == Set(SocialInsuranceCase.allCases.map(\.rawValue)))
        #expect(property == Set(PropertyCase.allCases.map(\.rawValue)))
        #expect(variants == Set(Variant.allCases.map(\.rawValue)))
        #expect(lines == Set(LineKind.allCases.map(\.rawValue)))
    }

    @Test func truthHasOneLineForEveryExportLine() throws {
        let night = try GeneratedNight(seed: 3)
        let truth = try night.truth()
        let lines = try night.applications()
        #expect(truth.count == lines.count)
        for (index, line) in truth.enumerated() {
            if let broken = line["broken"] as? String {
                #expect(line["line"] as? Int == index + 1)
                #expect(line["expectResult"] as? Bool == false)
                if broken == LineKind.truncated.rawValue {
                    #expect(lines[index] == nil)
                }
                continue
            }
            let export = try #require(lines[index])
            #expect(line["applicationId"] as? String == export["applicationId"] as? String)
            #expect((line["expectResult"] as? Bool) == (export["status"] as? String == "submitted"))
        }
    }

    @Test func pointsAreNullUnlessMatched() throws {
        let night = try GeneratedNight(seed: 3)
        for line in try night.truth() where line["expectResult"] as? Bool == true {
            let socialInsurance = try #require(line["socialInsurance"] as? [String: Any])
            let isMatched = socialInsurance["outcome"] as? String == "SI_MATCHED"
            #expect((socialInsurance["points"] is NSNull) != isMatched)
            let isPending = socialInsurance["outcome"] as? String == "SI_PENDING"
            #expect((socialInsurance["months"] is NSNull) == isPending)
        }
    }
}

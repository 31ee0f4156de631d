import Foundation
import Testing

@testable import MatcherCore

@Suite struct DiagnosticianTypedValueTests {
    /// The father's number as parents type it, and the step normalising records.
    static let idForms: [(String, String)] = [
        (
            {
                let number = Array(Household.father.idNumber)
                return String(number[..<6]) + " " + String(number[6..<14]) + " "
                    + String(number[14...])
            }(), "2 spaces removed"
        ),
        (
            String(
                String.UnicodeScalarView(
                    Household.father.idNumber.unicodeScalars.map {
                        Unicode.Scalar($0.value + 0xFEE0) ?? $0
                    }
                )
            ), "18 full-width characters folded"
        ),
        (Household.fatherLegacyNumber, "15-digit number upgraded to 18 digits"),
    ]

    @Test(arguments: idForms)
    func typedIDNumberShowsItsStepsMasked(typed: String, step: String) throws {
        let bench = try DiagnosisBench()
        var father = Household.father
        father.idNumber = typed
        let application = householdApplication(
            subject: father,
            guardians: [father, Household.mother],
            property: homeDeclaration(owner: father)
        )

        let diagnosis = try bench.diagnose(application, try NightDeliveries.standard())

        let value = try #require(diagnosis.typed.first { $0.field == "pointsSubject.idNumber" })
        #expect(
            value.label == "房屋所有权人（父亲） = 监护人一（父亲） = 积分主体 证件号码（居民身份证）"
        )
        #expect(value.typed == Mask.idNumber(typed))
        #expect(value.normalized == Mask.idNumber(Household.father.idNumber))
        #expect(value.steps.contains { $0.hasPrefix(step) })
        #expect(value.problem == nil)
        #expect(diagnosis.socialInsurance.outcome == "SI_MATCHED")
        #expect(diagnosis.property.outcome == "PR_MATCHED")
    }

    @Test func fifteenDigitNumbersUpgradeIsShownMasked() throws {
        let bench = try DiagnosisBench()
        var father = Household.father
        father.idNumber = Household.fatherLegacyNumber
        let application = householdApplication(
            subject: father,
            guardians: [father, Household.mother]
        )

        let diagnosis = try bench.diagnose(application, try NightDeliveries.standard())

        let value = try #require(diagnosis.typed.first { $0.field == "pointsSubject.idNumber" })
        // Both masked forms side by side would reveal more digits than either: the step
        // names the upgrade, and the typed and normal forms are masked on their own.
        #expect(value.steps == ["15-digit number upgraded to 18 digits"])
        #expect(value.typed == Mask.idNumber(Household.fatherLegacyNumber))
        #expect(value.normalized == Mask.idNumber(Household.father.idNumber))
    }

    @Test func typedNamesAreMaskedWithTheirSteps() throws {
        let bench = try DiagnosisBench()
        var mother = Household.mother
        mother.name = "李 秀　英"
        let application = householdApplication(guardians: [Household.father, mother])

        let diagnosis = try bench.diagnose(application, try NightDeliveries.standard())

        let value = try #require(diagnosis.typed.first { $0.field == "guardians[1].name" })
        #expect(value.label == "监护人二（母亲） 姓名")
        #expect(value.typed == "李**")
        #expect(value.normalized == "李**")
        #expect(value.steps == ["2 spaces removed"])
    }

    @Test func typedAddressReadsBuildingWordsAndIsMasked() throws {
        let bench = try DiagnosisBench()
        let typed = "江苏省昆山市开发区前进东路1号春晖花园三栋2单元302室"
        let declaration = homeDeclaration(address: typed)

        let diagnosis = try bench.diagnose(
            householdApplication(property: declaration),
            try NightDeliveries.standard()
        )

        let value = try #require(diagnosis.typed.first { $0.field == "property.address" })
        #expect(value.typed == Mask.address(typed))
        #expect(value.normalized == "昆山开发区前****3幢2单元302室")
        #expect(value.steps.contains("栋 read as 幢"))
        #expect(value.steps.contains { $0.hasPrefix("prefix") })
        #expect(value.steps.contains { $0.hasPrefix("town name unified") })
        #expect(value.steps.contains { $0.hasPrefix("Chinese numerals") || $0 == "三 read as 3" })
        #expect(diagnosis.property.outcome == "PR_MATCHED")
    }

    @Test func typedCertificateNumberGetsItsLeadingZerosBack() throws {
        let bench = try DiagnosisBench()
        let declaration = homeDeclaration(year: "（２０１９）", number: "34568")

        let diagnosis = try bench.diagnose(
            householdApplication(property: declaration),
            try NightDeliveries.standard()
        )

        let value = try #require(diagnosis.typed.first { $0.field == "property.certificateNumber" })
        #expect(value.label == "产权证号（不动产权证）")
        #expect(value.normalized == "不动产权证 (2019) 0034568")
        #expect(value.steps.contains("2 leading zeros restored (34568 → 0034568)"))
        #expect(value.steps.contains { $0.contains("full-width") })
        #expect(value.problem == nil)
        #expect(diagnosis.property.outcome == "PR_MATCHED")
    }

    @Test func unreadableIDNumberSaysWhyInChinese() throws {
        let bench = try DiagnosisBench()
        var father = Household.father
        father.idNumber = replacingCharacter(father.idNumber, at: 10, with: "6")
        let application = householdApplication(
            subject: father,
            guardians: [father, Household.mother]
        )

        let diagnosis = try bench.diagnose(application, try NightDeliveries.standard())

        let value = try #require(diagnosis.typed.first { $0.field == "pointsSubject.idNumber" })
        #expect(value.normalized == nil)
        #expect(value.problem.map(isChinese) == true)
        #expect(diagnosis.socialInsurance.outcome == "SI_INVALID_ID")
        #expect(diagnosis.socialInsurance.lookups.isEmpty)
    }
}

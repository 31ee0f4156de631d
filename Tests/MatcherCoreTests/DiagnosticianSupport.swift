import Foundation
import Testing

@testable import MatcherCore

/// A resident ID number: the 17 digits given and their GB 11643 check digit.
func residentIDNumber(_ first17: String) -> String {
    first17 + String(IDNumber.residentCheckDigit(of: first17))
}

/// The text with the characters at two 1-based positions swapped.
func swappingCharacters(_ text: String, _ first: Int, _ second: Int) -> String {
    var characters = Array(text)
    characters.swapAt(first - 1, second - 1)
    return String(characters)
}

/// The text with the character at a 1-based position replaced.
func replacingCharacter(_ text: String, at position: Int, with character: Character) -> String {
    var characters = Array(text)
    characters[position - 1] = character
    return String(characters)
}

/// The family every diagnosis test is about: a father who is the points subject, a mother
/// and a child, and the home the father owns.
enum Household {
    /// Born 1985-03-12; the 18-digit upgrade of ``fatherLegacyNumber``.
    static let father = Person(
        name: "王建国",
        idType: .resident,
        idNumber: residentIDNumber("32058319850312103"),
        relation: "father"
    )
    /// The father's number in its 15-digit legacy form.
    static let fatherLegacyNumber = "320583850312103"
    static let mother = Person(
        name: "李秀英",
        idType: .resident,
        idNumber: residentIDNumber("32058319870402104"),
        relation: "mother"
    )
    static let child = Person(
        name: "王小明",
        idType: .resident,
        idNumber: residentIDNumber("32058320160601102")
    )
    static let home = "昆山开发区前进东路1号春晖花园3幢2单元302室"
    static let homePrinted = "苏(2019)昆山市不动产权第0034568号"
    static let hrssNumber = "3205830000000101"
    static let medicalCode = "9205830000000201"
}

/// People outside the family: nothing of theirs may reach a diagnosis.
enum Outsiders {
    static let neighbour = Person(
        name: "赵德明",
        idType: .resident,
        idNumber: residentIDNumber("32058319800101201")
    )
    static let seller = Person(
        name: "钱多多",
        idType: .resident,
        idNumber: residentIDNumber("32058319760808305")
    )
    static let sellerHome = "昆山高新区马鞍山西路99号翠湖苑8幢1单元801室"
}

/// The family's application: the father is the points subject and, when a home is declared,
/// its owner.
func householdApplication(
    subject: Person = Household.father,
    guardians: [Person] = [Household.father, Household.mother],
    property: PropertyDeclaration? = homeDeclaration()
) -> Application {
    Application(
        applicationId: "A20230001",
        registrationNo: "KS2023000001",
        version: 2,
        status: .submitted,
        submittedAt: "2023-05-09T20:15:00+08:00",
        stage: "primary",
        town: "昆山开发区",
        student: Household.child,
        guardians: guardians,
        pointsSubject: subject,
        familyMembers: [],
        property: property
    )
}

/// A declared home, by default the father's as registered.
func homeDeclaration(
    type: CertificateType = .realEstate,
    year: String? = "2019",
    number: String = "0034568",
    owner: Person = Household.father,
    address: String = Household.home
) -> PropertyDeclaration {
    PropertyDeclaration(
        declared: true,
        certificateType: type,
        certificateYear: year,
        certificateNumber: number,
        owner: owner,
        soleOwner: true,
        coOwners: [],
        address: address
    )
}

/// One owner row of the registry, by default the father's home as registered.
func registryRow(
    _ owner: Person,
    type: CertificateType = .realEstate,
    printed: String = Household.homePrinted,
    use: String = "住宅",
    form: String = "单独所有",
    address: String = Household.home,
    registeredOn: String = "2019-06-18",
    state: String = "现势"
) throws -> RegisteredOwnership {
    RegisteredOwnership(
        certificateType: type,
        printedNumber: printed,
        ownerName: owner.name,
        ownerIdNumber: owner.idNumber,
        ownershipForm: form,
        plannedUse: use,
        address: address,
        registeredOn: try #require(CalendarDate(registeredOn)),
        state: state,
        isLive: state == "现势",
        isSoleOwnership: form == "单独所有"
    )
}

/// A person as a department registers them, under the person's own name unless given.
func insured(
    _ person: Person,
    number: String,
    name: String? = nil,
    accountStatus: String? = nil
) -> InsuredPerson {
    InsuredPerson(
        personalNumber: number,
        name: name ?? person.name,
        idNumber: person.idNumber,
        accountStatus: accountStatus,
        accountIsNormal: accountStatus.map { $0 == "正常" } ?? true
    )
}

/// A contribution period; months as `YYYYMM`, a nil end while still paying.
func contribution(
    _ number: String,
    type: String,
    from first: String,
    to last: String?,
    region: String = "320583"
) throws -> ContributionPeriod {
    ContributionPeriod(
        personalNumber: number,
        insuranceType: type,
        firstMonth: try #require(YearMonth(first)),
        lastMonth: try last.map { try #require(YearMonth($0)) },
        region: region
    )
}

/// What the departments delivered one night, before anything is picked for a family.
struct NightDeliveries {
    var hrssPersons: [InsuredPerson] = []
    var hrssPeriods: [ContributionPeriod] = []
    var medicalPersons: [InsuredPerson] = []
    var medicalPeriods: [ContributionPeriod] = []
    /// Every row handed to the diagnosis as tied to the family, strangers' included.
    var registry: [RegisteredOwnership] = []
    var snapshotMonth = "202305"
    /// The day each source was read from; a source missing here had no usable delivery.
    var days = ["hrss": "2023-05-10", "medical": "2023-05-10", "registry": "2023-05-10"]
    /// Sources whose evidence could not be had (`hrss`, `medical`, `registry`).
    var unreadable: Set<String> = []
    /// Why a source had no delivery, by source.
    var reasons: [String: String] = [:]
    var sightings: [CertificateSighting] = []

    /// The father insured at both departments in Kunshan since 2015, and his home.
    static func standard() throws -> NightDeliveries {
        var deliveries = NightDeliveries()
        deliveries.hrssPersons = [insured(Household.father, number: Household.hrssNumber)]
        deliveries.hrssPeriods = [
            try contribution(Household.hrssNumber, type: "110", from: "201501", to: nil),
            try contribution(Household.hrssNumber, type: "210", from: "201501", to: nil),
        ]
        deliveries.medicalPersons = [
            insured(Household.father, number: Household.medicalCode, accountStatus: "正常")
        ]
        deliveries.medicalPeriods = [
            try contribution(Household.medicalCode, type: "310", from: "201501", to: nil)
        ]
        deliveries.registry = [try registryRow(Household.father)]
        return deliveries
    }

    /// The family's evidence as the nightly run gathers it: each department's records under
    /// every member's ID lookup key, and the registry rows of the declared certificate.
    func familyEvidence(for application: Application, rules: MatchRules) throws -> FamilyEvidence {
        let keys = FamilyKeys(of: application, rules: rules)
        let subject = try #require(application.pointsSubject)
        let subjectKey = MatchRules.lookupKey(of: subject.idNumber, as: subject.idType)
        let hrss = held(at: .hrss, keys: keys.idKeys.union([subjectKey]))
        let medical = held(at: .medical, keys: keys.idKeys.union([subjectKey]))
        var declaredRows: [RegisteredOwnership]? = nil
        if !unreadable.contains("registry") {
            let declared = application.property.flatMap {
                $0.declared ? rules.certificateKey(of: $0) : nil
            }
            declaredRows = registry.filter { row in
                declared != nil
                    && CertificateNumber.parseRegistered(
                        type: row.certificateType,
                        printed: row.printedNumber
                    ) == declared
            }
        }
        return FamilyEvidence(
            evidence: ApplicationEvidence(
                hrss: hrss?[subjectKey],
                medical: medical?[subjectKey],
                registry: declaredRows
            ),
            hrssByIDKey: hrss,
            medicalByIDKey: medical,
            registryRows: unreadable.contains("registry") ? nil : registry,
            deliveries: days,
            unavailable: reasons,
            certificateSightings: sightings
        )
    }

    private func held(at department: Department, keys: Set<String>)
        -> [String: DepartmentEvidence]?
    {
        guard !unreadable.contains(department.rawValue),
            let snapshot = YearMonth(snapshotMonth)
        else { return nil }
        let persons = department == .hrss ? hrssPersons : medicalPersons
        let periods = department == .hrss ? hrssPeriods : medicalPeriods
        var byKey: [String: DepartmentEvidence] = [:]
        for key in keys {
            let found = persons.filter {
                MatchRules.lookupKey(of: $0.idNumber, as: .resident) == key
            }
            let numbers = Set(found.map(\.personalNumber))
            byKey[key] = DepartmentEvidence(
                department: department,
                persons: found,
                contributions: periods.filter { numbers.contains($0.personalNumber) },
                snapshotMonth: snapshot
            )
        }
        return byKey
    }

    /// Everyone the deliveries name, as people: who the privacy check looks for.
    var namedPeople: [(name: String, idNumber: String)] {
        hrssPersons.map { ($0.name, $0.idNumber) }
            + medicalPersons.map { ($0.name, $0.idNumber) }
            + registry.map { ($0.ownerName, $0.ownerIdNumber) }
    }
}

/// The diagnostician as support runs it: the 2023 rules and the repository's guidance.
struct DiagnosisBench {
    let diagnostician: Diagnostician

    init() throws {
        let data = try Data(contentsOf: repositoryFile("mappings/guidance.json"))
        let guidance = try JSONDecoder().decode(SupportGuidance.self, from: data)
        try guidance.validate()
        diagnostician = Diagnostician(rules: try matchRules2023(), guidance: guidance)
    }

    var guidance: SupportGuidance { diagnostician.guidance }

    /// Diagnoses the application on the deliveries, and checks that the diagnosis shows
    /// nobody's full ID number or name, and nothing at all of the strangers named.
    func diagnose(
        _ application: Application,
        _ deliveries: NightDeliveries,
        strangers: [Person] = [],
        hiddenTexts: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> Diagnosis {
        let family = try deliveries.familyEvidence(
            for: application,
            rules: diagnostician.rules
        )
        let diagnosis = diagnostician.diagnose(application, family: family)
        let people = FamilyMember.all(on: application).map {
            (name: $0.person.name, idNumber: $0.person.idNumber)
        }
        try expectNothingPersonal(
            in: diagnosis,
            people: people + deliveries.namedPeople,
            strangers: strangers,
            hiddenTexts: hiddenTexts,
            sourceLocation: sourceLocation
        )
        return diagnosis
    }

    /// The one near miss of `kind`, after checking that its finding names every fragment
    /// given and that its next step is the guidance's Chinese text for the kind.
    @discardableResult
    func expectNearMiss(
        _ kind: NearMissKind,
        in finding: Finding,
        naming fragments: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> NearMiss {
        let found = finding.nearMisses.filter { $0.kind == kind }
        #expect(
            found.count == 1,
            "near misses: \(finding.nearMisses)",
            sourceLocation: sourceLocation
        )
        let nearMiss = try #require(found.first, sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(
                nearMiss.finding.contains(fragment),
                "\(nearMiss.finding) does not name \(fragment)",
                sourceLocation: sourceLocation
            )
        }
        #expect(nearMiss.nextStep == guidance.nextStep(for: kind), sourceLocation: sourceLocation)
        #expect(isChinese(nearMiss.nextStep), sourceLocation: sourceLocation)
        return nearMiss
    }
}

/// Whether the text is not blank and is written mostly in Chinese characters.
func isChinese(_ text: String) -> Bool {
    let ideographs = text.unicodeScalars.filter { (0x4E00...0x9FFF).contains($0.value) }
    return ideographs.count * 2 > text.unicodeScalars.filter { !$0.properties.isWhitespace }.count
}

/// The diagnosis as JSON, as it leaves the program.
func encodedDiagnosis(_ diagnosis: Diagnosis) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(diagnosis), as: UTF8.self)
}

/// Checks the encoded diagnosis: no ID number of anyone whole, in any form it was typed or
/// registered in, and no run of 15 or more digits at all; no name of anyone whole; of a
/// stranger not even the masked name or number; and none of `hiddenTexts`.
func expectNothingPersonal(
    in diagnosis: Diagnosis,
    people: [(name: String, idNumber: String)],
    strangers: [Person],
    hiddenTexts: [String] = [],
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let json = try encodedDiagnosis(diagnosis)
    // A check on a text that lost its Chinese would pass for the wrong reason.
    try #require(json.contains("积分主体"), sourceLocation: sourceLocation)
    var shown: [String] = []
    if let run = json.firstMatch(of: /[0-9]{15,}/) {
        shown.append("the digit run \(run.output)")
    }
    for person in people {
        let number = IDNumber.normalize(person.idNumber, as: .resident)
        let forms = Set([person.idNumber, number.folded, number.normalized ?? ""])
        for form in forms where form.count >= 12 && json.contains(form) {
            shown.append("the ID number \(form)")
        }
        let name = PersonName.normalize(person.name).value
        if name.count >= 2 && json.contains(name) {
            shown.append("the name \(name)")
        }
    }
    for stranger in strangers {
        for text in [Mask.name(stranger.name), Mask.idNumber(stranger.idNumber)]
        where json.contains(text) {
            shown.append("the stranger's masked \(text)")
        }
    }
    for text in hiddenTexts where json.contains(text) {
        shown.append(text)
    }
    // The JSON itself stays out of the message: the console drops issues that carry it.
    #expect(shown.isEmpty, "the diagnosis shows \(shown)", sourceLocation: sourceLocation)
}

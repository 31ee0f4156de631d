/// Explains one application's result from what the sources hold for its family: the typed
/// values and their normal forms, the keys looked up and what they found, the rule behind
/// each outcome with the parent's next step, and the near misses.
///
/// Pure: the caller reads the run's deliveries for the family (see ``FamilyKeys``) and hands
/// them in as a ``FamilyEvidence``. The outcomes are reached by the same ``MatchRules`` the
/// nightly run uses, on the same evidence, so the diagnosis explains exactly what the run
/// decided.
public struct Diagnostician: Sendable {
    public var rules: MatchRules
    public var guidance: SupportGuidance

    public init(rules: MatchRules, guidance: SupportGuidance) {
        self.rules = rules
        self.guidance = guidance
    }

    /// Diagnoses one application version against its family's records.
    public func diagnose(_ application: Application, family: FamilyEvidence) -> Diagnosis {
        let result = rules.match(application, against: family.evidence)
        let members = FamilyMember.all(on: application)
        return Diagnosis(
            applicationId: Mask.portalId(application.applicationId),
            version: application.version,
            registrationNo: Mask.portalId(application.registrationNo),
            status: application.status.rawValue,
            typed: typedValues(of: application, members: members),
            socialInsurance: socialInsuranceFinding(
                application,
                result: result.socialInsurance,
                family: family,
                members: members
            ),
            property: propertyFinding(
                application,
                result: result.property,
                family: family,
                members: members
            )
        )
    }
}

/// The keys whose records a diagnosis needs from the deliveries: nothing else is read.
public struct FamilyKeys: Hashable, Sendable {
    /// The ID lookup keys of everyone on the application.
    public var idKeys: Set<String>
    /// The declared certificate, and the same number read as the other type.
    public var certificateKeys: Set<CertificateKey>
    /// The declared 不动产权证 serial, for the same serial in other years.
    public var realEstateSerials: Set<String>

    public init(
        idKeys: Set<String> = [],
        certificateKeys: Set<CertificateKey> = [],
        realEstateSerials: Set<String> = []
    ) {
        self.idKeys = idKeys
        self.certificateKeys = certificateKeys
        self.realEstateSerials = realEstateSerials
    }

    public init(of application: Application, rules: MatchRules) {
        idKeys = Set(FamilyMember.all(on: application).map(\.idKey).filter { !$0.isEmpty })
        var certificates = Set<CertificateKey>()
        var serials = Set<String>()
        if let declaration = application.property, declaration.declared {
            if let key = rules.certificateKey(of: declaration) {
                certificates.insert(key)
                if case .realEstate(_, let serial) = key {
                    serials.insert(serial)
                }
            }
            if let other = Diagnostician.otherTypeKey(of: declaration) {
                certificates.insert(other)
            }
        }
        certificateKeys = certificates
        realEstateSerials = serials
    }
}

// MARK: - What was typed

extension Diagnostician {
    func typedValues(of application: Application, members: [FamilyMember]) -> [TypedValue] {
        var values: [TypedValue] = []
        // The points subject and the owner are copies of a guardian or sibling: a copy typed
        // exactly alike is shown once, under every role it holds.
        var shownAt: [Person: Int] = [:]
        for member in members {
            var typed = member.person
            typed.phone = nil
            typed.relation = nil
            if let index = shownAt[typed] {
                values[index].label = member.role + " = " + values[index].label
                values[index + 1].label = member.role + " = " + values[index + 1].label
                continue
            }
            shownAt[typed] = values.count
            values.append(typedName(member))
            values.append(typedIDNumber(member))
        }
        guard let declaration = application.property, declaration.declared else {
            return values
        }
        values.append(typedCertificate(declaration))
        let address = rules.addresses.normalize(declaration.address ?? "")
        values.append(
            TypedValue(
                field: "property.address",
                label: "房屋坐落",
                typed: Mask.address(declaration.address ?? ""),
                normalized: Self.maskedAddress(address.value),
                steps: address.steps.map(\.description)
            )
        )
        return values
    }

    private func typedName(_ member: FamilyMember) -> TypedValue {
        let name = PersonName.normalize(member.person.name)
        return TypedValue(
            field: member.field + ".name",
            label: member.role + " 姓名",
            typed: Mask.name(member.person.name),
            normalized: Mask.name(name.value),
            steps: name.steps.map(\.description)
        )
    }

    private func typedIDNumber(_ member: FamilyMember) -> TypedValue {
        let number = IDNumber.normalize(member.person.idNumber, as: member.person.idType)
        var problem = number.problem?.explanation
        if let normalized = number.normalized,
            member.field == "pointsSubject",
            rules.isBornAfterReferenceDate(normalized, as: member.person.idType)
        {
            problem = "号码中的出生日期晚于政策基准日，号码有误"
        }
        return TypedValue(
            field: member.field + ".idNumber",
            label: member.role + " 证件号码（\(Self.idTypeLabel(member.person.idType))）",
            typed: Mask.idNumber(member.person.idNumber),
            normalized: number.normalized.map(Mask.idNumber),
            // The upgrade's detail would show both masked forms, which together reveal more
            // than either; the typed and normal forms are shown above it anyway.
            steps: number.steps.map { step in
                step.kind == .fifteenDigitUpgraded
                    ? NormalizationStep(step.kind).description
                    : step.masked(by: Mask.digitRuns).description
            },
            problem: problem
        )
    }

    private func typedCertificate(_ declaration: PropertyDeclaration) -> TypedValue {
        let typed = [declaration.certificateYear.map { "(\($0))" }, declaration.certificateNumber]
            .compactMap { $0 }
            .joined(separator: " ")
        guard let type = declaration.certificateType else {
            return TypedValue(
                field: "property.certificateNumber",
                label: "产权证号",
                typed: Mask.longNumbers(in: typed),
                normalized: nil,
                steps: [],
                problem: "未选择证书类型"
            )
        }
        let parse = CertificateNumber.parse(
            type: type,
            year: declaration.certificateYear,
            number: declaration.certificateNumber ?? ""
        )
        return TypedValue(
            field: "property.certificateNumber",
            label: "产权证号（\(Self.certificateLabel(type))）",
            typed: Mask.longNumbers(in: typed),
            normalized: parse.key.map { Mask.longNumbers(in: $0.description) },
            steps: parse.steps.map { Mask.longNumbers(in: $0.description) },
            problem: parse.problem.map { Mask.longNumbers(in: $0.explanation) }
        )
    }

    static func idTypeLabel(_ type: IDType) -> String {
        switch type {
        case .resident: "居民身份证"
        case .passport: "护照"
        case .hmt: "港澳台证件"
        case .other: "其它"
        }
    }

    static func certificateLabel(_ type: CertificateType) -> String {
        switch type {
        case .realEstate: "不动产权证"
        case .houseOwnership: "房屋所有权证"
        }
    }

    /// A normal-form address with its site masked and its building, unit and room shown:
    /// those say which room without saying where the estate is.
    static func maskedAddress(_ normalized: String) -> String {
        let parts = AddressParts(normalized: normalized)
        var shown = Mask.address(parts.site)
        if let building = parts.building { shown += building + "幢" }
        if let unit = parts.unit { shown += unit + "单元" }
        if let room = parts.room { shown += room + "室" }
        return shown
    }

    /// The declared number read as a certificate of the other type: the form's type radio
    /// is easily left on the wrong one.
    static func otherTypeKey(of declaration: PropertyDeclaration) -> CertificateKey? {
        guard let type = declaration.certificateType else { return nil }
        let other: CertificateType = type == .realEstate ? .houseOwnership : .realEstate
        return CertificateNumber.parse(
            type: other,
            year: declaration.certificateYear,
            number: declaration.certificateNumber ?? ""
        ).key
    }
}

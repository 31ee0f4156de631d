/// The rules that turn what the departments hold into outcomes, messages and points.
///
/// Pure: the caller gathers the evidence for one application (see ``lookupKey(of:)``) and
/// these functions decide. The same rules serve the nightly run and support diagnosis.
public struct MatchRules: Sendable {
    public var policy: PointsPolicy {
        didSet { counting = MonthCounting(policy: policy) }
    }
    public var messages: ParentMessages
    public var addresses: AddressNormalizer
    /// What counting months needs of the policy, worked out once rather than for every
    /// application.
    private(set) var counting: MonthCounting

    public init(policy: PointsPolicy, messages: ParentMessages, addresses: AddressNormalizer) {
        self.policy = policy
        self.messages = messages
        self.addresses = addresses
        counting = MonthCounting(policy: policy)
    }

    /// The key an ID number is looked up by: its normal form when it is a valid number of
    /// its type, or else its form-folded text, so an invalid number in a feed can still be
    /// found by exactly the same invalid number and nothing else.
    public static func lookupKey(of idNumber: String, as type: IDType) -> String {
        // Digits and capitals are folded already, and such a number is its own key, valid
        // or not, unless it is a 15-digit resident number, which is upgraded: nearly every
        // number arrives so, and is settled here without normalising it step by step.
        var number = idNumber
        let isOwnKey = number.withUTF8 { bytes in
            (type != .resident || bytes.count != 15)
                && bytes.allSatisfy { $0.isASCIIDigit || $0.isASCIIUppercaseLetter }
        }
        if isOwnKey {
            return idNumber
        }
        let normalization = IDNumber.normalize(idNumber, as: type)
        return normalization.normalized ?? normalization.folded
    }

    /// Matches the points subject against both insurance departments.
    ///
    /// - Parameters:
    ///   - hrss: what 人社 holds for the subject's ID number; nil when its feed could not be
    ///     read, which makes the result pending (unless the ID number itself is invalid).
    ///   - medical: the same for 医保.
    public func socialInsurance(
        for subject: Person,
        hrss: DepartmentEvidence?,
        medical: DepartmentEvidence?
    ) -> SocialInsuranceResult {
        let zero = counting.zero
        // An invalid number needs no feed to be found wrong: the parent can fix it today.
        guard let normalized = IDNumber.normalize(subject.idNumber, as: subject.idType).normalized,
            !isBornAfterReferenceDate(normalized, as: subject.idType)
        else {
            return socialInsuranceResult(problems: [.invalidID], months: zero)
        }
        guard let hrss, let medical else {
            return SocialInsuranceResult(
                outcome: .pending,
                problems: [],
                parentMessages: [messages.text(for: SocialInsuranceOutcome.pending)],
                months: nil,
                points: nil
            )
        }
        let subjectName = PersonName.normalize(subject.name).value
        var problems: [SocialInsuranceOutcome] = []
        var months = zero
        for evidence in [hrss, medical] {
            let sideProblems = problemsOnSide(evidence, subjectName: subjectName)
            problems += sideProblems
            guard sideProblems.isEmpty else { continue }
            let counted = counting.count(
                evidence.contributions,
                of: evidence.department,
                snapshotMonth: evidence.snapshotMonth
            )
            months = months.merging(counted, for: counting.types(of: evidence.department))
        }
        return socialInsuranceResult(problems: problems, months: months)
    }

    /// Whether a resident number's birth date lies after the policy's reference date.
    ///
    /// The check digit does not catch a mistyped year (2030, 2100): such a number passes it,
    /// yet nobody born after the reference date can be a parent with insurance years, so the
    /// number is wrong, and saying so beats "no 社保个人编号" sending the parent to 人社.
    func isBornAfterReferenceDate(_ normalized: String, as type: IDType) -> Bool {
        guard type == .resident,
            let born = IDNumber.birthDate(ofResident: normalized),
            let birthDate = CalendarDate(year: born.year, month: born.month, day: born.day)
        else { return false }
        return policy.property.referenceDate < birthDate
    }

    /// A side's problems in contract order. A side with any problem contributes no months.
    func problemsOnSide(_ evidence: DepartmentEvidence, subjectName: String)
        -> [SocialInsuranceOutcome]
    {
        let isHRSS = evidence.department == .hrss
        guard !evidence.persons.isEmpty else {
            return [isHRSS ? .noSocialSecurityNumber : .noMedicalCode]
        }
        let underThisName = evidence.persons.filter {
            PersonName.normalize($0.name).value == subjectName
        }
        guard !underThisName.isEmpty else { return [.nameMismatch] }
        var problems: [SocialInsuranceOutcome] = []
        // Every number registered under the ID counts, whatever its name: the department
        // has to merge them all before the months can be trusted.
        if Set(evidence.persons.map(\.personalNumber)).count > 1 {
            problems.append(isHRSS ? .multipleSocialSecurityNumbers : .multipleMedicalCodes)
        }
        if !isHRSS && underThisName.contains(where: { !$0.accountIsNormal }) {
            problems.append(.medicalAccountAbnormal)
        }
        return problems
    }

    private func socialInsuranceResult(
        problems found: [SocialInsuranceOutcome],
        months: InsuranceMonths
    ) -> SocialInsuranceResult {
        let problems = found.count < 2 ? found : Array(Set(found)).sorted()
        guard let first = problems.first else {
            return SocialInsuranceResult(
                outcome: .matched,
                problems: [],
                parentMessages: [messages.text(for: SocialInsuranceOutcome.matched)],
                months: months,
                points: months.points(under: policy)
            )
        }
        return SocialInsuranceResult(
            outcome: first,
            problems: problems,
            parentMessages: problems.map { messages.text(for: $0) },
            months: months,
            points: nil
        )
    }
}

extension MatchRules {
    /// Matches a declared home against the registry.
    ///
    /// - Parameter registry: every registry row whose certificate key is the one the
    ///   declaration names, live or not; nil when the registry could not be read.
    public func property(
        for declaration: PropertyDeclaration?,
        registry: [RegisteredOwnership]?
    ) -> PropertyResult {
        guard let declaration, declaration.declared else {
            return PropertyResult(
                outcome: .notDeclared,
                problems: [],
                parentMessages: [messages.text(for: PropertyOutcome.notDeclared)]
            )
        }
        // As with ID numbers, an unreadable certificate number is wrong whatever the registry
        // holds, so it is said at once rather than left pending.
        guard certificateKey(of: declaration) != nil else {
            return propertyResult(problems: [.invalidNumber])
        }
        guard let registry else {
            return PropertyResult(
                outcome: .pending,
                problems: [],
                parentMessages: [messages.text(for: PropertyOutcome.pending)]
            )
        }
        let live = registry.filter(\.isLive)
        guard !live.isEmpty else { return propertyResult(problems: [.noRecord]) }

        var problems: [PropertyOutcome] = []
        let ownerRow = declaration.owner.flatMap { owner in
            live.first { isSamePerson(owner, as: $0) }
        }
        if let owner = declaration.owner, ownerRow != nil {
            if owner.relation == "sibling"
                && !siblingMayOwn(owner, declaration: declaration, rows: live)
            {
                problems.append(.siblingNotEligible)
            }
        } else {
            problems.append(.ownerMismatch)
        }
        let row = ownerRow ?? live[0]
        if !policy.property.residentialUses.contains(row.plannedUse) {
            problems.append(.notResidential)
        }
        let typed = addresses.normalize(declaration.address ?? "").value
        if !live.contains(where: { addresses.normalize($0.address).value == typed }) {
            problems.append(.addressMismatch)
        }
        guard problems.isEmpty else { return propertyResult(problems: problems) }

        let monthsOwned = row.registeredOn.wholeMonths(until: policy.property.referenceDate)
        let rules = policy.property
        let twelfths = min(
            rules.basePoints * 12 + monthsOwned * rules.pointsPerYear,
            rules.maximumPoints * 12
        )
        return PropertyResult(
            outcome: .matched,
            problems: [],
            parentMessages: [messages.text(for: PropertyOutcome.matched)],
            registeredOn: row.registeredOn,
            monthsOwned: monthsOwned,
            points: Points.rounded(twelfths: twelfths, decimals: policy.insurance.decimals)
        )
    }

    /// The certificate key a declaration names, nil when its number cannot be read.
    public func certificateKey(of declaration: PropertyDeclaration) -> CertificateKey? {
        guard let type = declaration.certificateType else { return nil }
        return CertificateNumber.parse(
            type: type,
            year: declaration.certificateYear,
            number: declaration.certificateNumber ?? ""
        ).key
    }

    /// Name and ID number both agree after normalising.
    func isSamePerson(_ person: Person, as row: RegisteredOwnership) -> Bool {
        guard
            PersonName.normalize(person.name).value == PersonName.normalize(row.ownerName).value
        else { return false }
        let typed = IDNumber.normalize(person.idNumber, as: person.idType)
        guard let typedKey = typed.normalized else { return false }
        return MatchRules.lookupKey(of: row.ownerIdNumber, as: person.idType) == typedKey
    }

    /// A sibling's home counts only if the sibling is under age on the reference date and
    /// owns it alone; an age that cannot be read from the ID number does not pass.
    func siblingMayOwn(
        _ owner: Person,
        declaration: PropertyDeclaration,
        rows: [RegisteredOwnership]
    ) -> Bool {
        guard owner.idType == .resident,
            let normalized = IDNumber.normalize(owner.idNumber, as: .resident).normalized,
            let born = IDNumber.birthDate(ofResident: normalized),
            let birthDate = CalendarDate(year: born.year, month: born.month, day: born.day)
        else { return false }
        let age = birthDate.age(on: policy.property.referenceDate)
        let ownsAlone =
            rows.count == 1 && rows[0].isSoleOwnership && declaration.soleOwner != false
        return age < policy.property.siblingAgeLimit && ownsAlone
    }

    private func propertyResult(problems found: [PropertyOutcome]) -> PropertyResult {
        let problems = Array(Set(found)).sorted()
        return PropertyResult(
            outcome: problems.first ?? .matched,
            problems: problems,
            parentMessages: problems.map { messages.text(for: $0) }
        )
    }
}

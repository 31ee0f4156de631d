extension Diagnostician {
    func socialInsuranceFinding(
        _ application: Application,
        result: SocialInsuranceResult,
        family: FamilyEvidence,
        members: [FamilyMember]
    ) -> Finding {
        var finding = Finding(
            outcome: result.outcome.rawValue,
            problems: result.problems.map(\.rawValue)
        )
        guard let subject = application.pointsSubject else { return finding }
        let key = MatchRules.lookupKey(of: subject.idNumber, as: subject.idType)
        let typedName = PersonName.normalize(subject.name).value
        let sides: [(Department, DepartmentEvidence?)] = [
            (.hrss, family.evidence.hrss), (.medical, family.evidence.medical),
        ]
        if result.outcome != .invalidID {
            finding.lookups = sides.map { department, evidence in
                lookup(department, key: key, evidence: evidence, family: family)
            }
        }
        let codes = result.problems.isEmpty ? [result.outcome] : result.problems
        finding.decisions = codes.map { code in
            Decision(
                code: code.rawValue,
                rule: Self.rule(for: code),
                evidence: facts(
                    for: code,
                    subject: subject,
                    key: key,
                    typedName: typedName,
                    result: result,
                    family: family
                ),
                parentMessage: rules.messages.text(for: code),
                nextStep: guidance.nextStep(for: code)
            )
        }
        for (department, evidence) in sides {
            guard let evidence else { continue }
            finding.nearMisses += nameSlips(in: evidence, typedName: typedName)
            finding.nearMisses += severalNumbers(in: evidence)
            finding.nearMisses += monthsOutsideCountedRegions(in: evidence)
            if evidence.persons.isEmpty {
                finding.nearMisses += otherGuardians(
                    at: department,
                    subjectKey: key,
                    family: family,
                    members: members
                )
            }
        }
        return finding
    }

    static func rule(for code: SocialInsuranceOutcome) -> String {
        switch code {
        case .invalidID:
            "the points subject's ID number is not a valid number of its type, even after "
                + "normalising"
        case .noSocialSecurityNumber: "人社 has nobody with this ID number"
        case .nameMismatch: "人社 or 医保 knows the ID number only under another name"
        case .multipleSocialSecurityNumbers: "the ID number has more than one 社保个人编号"
        case .noMedicalCode: "医保 has nobody with this ID number"
        case .multipleMedicalCodes: "the ID number has more than one 医保个人内码"
        case .medicalAccountAbnormal: "the medical account is not 正常"
        case .matched:
            "every check passed: months are counted per type in the policy's window, in "
                + "counted regions only"
        case .pending: "a source could not be read for this person; never final"
        }
    }

    // MARK: Lookups and facts

    private func lookup(
        _ department: Department,
        key: String,
        evidence: DepartmentEvidence?,
        family: FamilyEvidence
    ) -> Lookup {
        let source = Self.sourceName(department)
        guard let evidence else {
            return Lookup(
                source: source,
                delivery: family.deliveries[department.rawValue],
                key: Mask.idNumber(key),
                records: [],
                unavailable: unavailability(of: department.rawValue, family: family)
            )
        }
        var records: [String] = []
        for person in evidence.persons {
            records.append(Self.describe(person, at: department))
            let periods = evidence.contributions.filter {
                $0.personalNumber == person.personalNumber
            }
            records += periods.map { "  " + describe($0) }
        }
        return Lookup(
            source: source,
            delivery: family.deliveries[department.rawValue],
            key: Mask.idNumber(key),
            records: records
        )
    }

    /// Why a source gave no evidence: it had no usable delivery, or this key's rows were
    /// refused in it.
    func unavailability(of source: String, family: FamilyEvidence) -> String {
        if let reason = family.unavailable[source] { return reason }
        guard let delivery = family.deliveries[source] else {
            return "no delivery of this source was used"
        }
        return "a row of this key was refused in the delivery of \(delivery), so its records "
            + "are incomplete; 'matcher runs show' lists the refused rows"
    }

    static func sourceName(_ department: Department) -> String {
        department == .hrss ? "人社" : "医保"
    }

    static func describe(_ person: InsuredPerson, at department: Department) -> String {
        let number = department == .hrss ? "个人编号" : "医保个人内码"
        var text =
            "\(number) \(Mask.idNumber(person.personalNumber)) · 姓名 \(Mask.name(person.name))"
            + " · 证件号码 \(Mask.idNumber(person.idNumber))"
        if let status = person.accountStatus {
            text += " · 账户状态 \(status)"
        }
        return text
    }

    func describe(_ period: ContributionPeriod) -> String {
        let type =
            rules.policy.insurance.types.first { $0.code == period.insuranceType }?.key
            ?? "type"
        let end = period.lastMonth.map { "\($0)" } ?? "still paying"
        let counted = rules.policy.insurance.countedRegions.contains(period.region)
        return "\(period.insuranceType) \(type) \(period.firstMonth) to \(end) · 参保地 "
            + "\(period.region)\(counted ? "" : " (not counted)")"
    }

    private func facts(
        for code: SocialInsuranceOutcome,
        subject: Person,
        key: String,
        typedName: String,
        result: SocialInsuranceResult,
        family: FamilyEvidence
    ) -> [String] {
        let masked = Mask.idNumber(key)
        switch code {
        case .invalidID:
            let number = IDNumber.normalize(subject.idNumber, as: subject.idType)
            if let problem = number.problem {
                return ["\(Mask.idNumber(number.folded)): \(problem)"]
            }
            return [
                "\(masked): the birth date in the number is after the policy's reference "
                    + "date \(rules.policy.property.referenceDate)"
            ]
        case .noSocialSecurityNumber:
            return ["人社 holds nobody under \(masked)"] + alsoAt(.medical, family: family)
        case .noMedicalCode:
            return ["医保 holds nobody under \(masked)"] + alsoAt(.hrss, family: family)
        case .nameMismatch:
            return [family.evidence.hrss, family.evidence.medical].compactMap { evidence in
                guard let evidence, !evidence.persons.isEmpty else { return nil }
                let names = Set(evidence.persons.map { PersonName.normalize($0.name).value })
                guard !names.contains(typedName) else { return nil }
                return "\(Self.sourceName(evidence.department)) registers \(masked) only "
                    + "under \(names.sorted().map(Mask.name).joined(separator: ", ")); the "
                    + "name typed is \(Mask.name(typedName))"
            }
        case .multipleSocialSecurityNumbers, .multipleMedicalCodes:
            let department: Department = code == .multipleSocialSecurityNumbers ? .hrss : .medical
            let evidence = department == .hrss ? family.evidence.hrss : family.evidence.medical
            let numbers = Set((evidence?.persons ?? []).map(\.personalNumber)).sorted()
            return [
                "\(Self.sourceName(department)) registers \(masked) under \(numbers.count) "
                    + "numbers: \(numbers.map(Mask.idNumber).joined(separator: ", "))"
            ]
        case .medicalAccountAbnormal:
            let states = (family.evidence.medical?.persons ?? []).compactMap {
                $0.accountIsNormal ? nil : $0.accountStatus
            }
            return ["医保 account state: \(Set(states).sorted().joined(separator: ", "))"]
        case .matched:
            return monthsFacts(result)
        case .pending:
            return [
                family.evidence.hrss == nil ? "hrss" : nil,
                family.evidence.medical == nil ? "medical" : nil,
            ]
            .compactMap { $0 }
            .map { "\($0): \(unavailability(of: $0, family: family))" }
        }
    }

    /// Whether the other insurance department knows the ID: it tells a missing
    /// registration from a mistyped number.
    private func alsoAt(_ department: Department, family: FamilyEvidence) -> [String] {
        let evidence = department == .hrss ? family.evidence.hrss : family.evidence.medical
        guard let evidence else { return [] }
        let name = Self.sourceName(department)
        return evidence.persons.isEmpty
            ? ["\(name) holds nobody under it either: check the number against the ID card"]
            : ["\(name) does hold this ID number, so the number itself is registered"]
    }

    private func monthsFacts(_ result: SocialInsuranceResult) -> [String] {
        guard let months = result.months else { return [] }
        var lines: [String] = []
        for type in rules.policy.insurance.types {
            let bands = rules.policy.insurance.bands.map { band in
                "\(band.key) \(months.months(of: type.key, in: band.key) ?? 0)"
            }
            lines.append("\(type.code) \(type.key): " + bands.joined(separator: ", "))
        }
        if let points = result.points {
            lines.append("points: \(points)")
        }
        return lines
    }

    // MARK: Near misses

    private func nameSlips(in evidence: DepartmentEvidence, typedName: String) -> [NearMiss] {
        var seen = Set<String>()
        return evidence.persons.compactMap { person in
            let registered = PersonName.normalize(person.name).value
            guard registered != typedName, seen.insert(registered).inserted,
                let slip = TypingSlip.between(typed: typedName, registered: registered)
            else { return nil }
            return NearMiss(
                kind: .subjectNameSlip,
                finding: "\(Self.sourceName(evidence.department)) registers this ID number as "
                    + "\(Mask.name(registered)); the name typed is \(Mask.name(typedName)): "
                    + slip.description,
                nextStep: guidance.nextStep(for: .subjectNameSlip)
            )
        }
    }

    private func severalNumbers(in evidence: DepartmentEvidence) -> [NearMiss] {
        let numbers = Set(evidence.persons.map(\.personalNumber))
        guard numbers.count > 1 else { return [] }
        let listed = evidence.persons.map { person in
            let periods = evidence.contributions.filter {
                $0.personalNumber == person.personalNumber
            }
            let shown =
                periods.isEmpty ? "no periods" : periods.map(describe).joined(separator: "; ")
            return "\(Mask.idNumber(person.personalNumber)) (\(shown))"
        }
        return [
            NearMiss(
                kind: .severalPersonalNumbers,
                finding: "\(Self.sourceName(evidence.department)) holds this person under "
                    + "\(numbers.count) numbers: " + listed.joined(separator: "; "),
                nextStep: guidance.nextStep(for: .severalPersonalNumbers)
            )
        ]
    }

    private func monthsOutsideCountedRegions(in evidence: DepartmentEvidence) -> [NearMiss] {
        let counted = Set(rules.policy.insurance.countedRegions)
        let windowStart = rules.policy.windowStart
        let windowEnd = rules.policy.windowEnd
        return evidence.contributions.compactMap { period in
            guard !counted.contains(period.region) else { return nil }
            let first = max(period.firstMonth.ordinal, windowStart)
            let last = min((period.lastMonth ?? evidence.snapshotMonth).ordinal, windowEnd)
            guard first <= last else { return nil }
            return NearMiss(
                kind: .monthsOutsideKunshan,
                finding: describe(period) + ": \(last - first + 1) months in the points "
                    + "window were paid outside "
                    + rules.policy.insurance.countedRegions.joined(separator: ", ")
                    + " and do not count",
                nextStep: guidance.nextStep(for: .monthsOutsideKunshan)
            )
        }
    }

    private func otherGuardians(
        at department: Department,
        subjectKey: String,
        family: FamilyEvidence,
        members: [FamilyMember]
    ) -> [NearMiss] {
        let byKey = department == .hrss ? family.hrssByIDKey : family.medicalByIDKey
        guard let byKey else { return [] }
        return members.compactMap { member in
            guard member.field.hasPrefix("guardians"), member.idKey != subjectKey,
                let held = byKey[member.idKey], !held.persons.isEmpty
            else { return nil }
            return NearMiss(
                kind: .otherGuardianInsured,
                finding: "\(Self.sourceName(department)) does register \(member.role) "
                    + "(\(Mask.name(member.person.name)), \(Mask.idNumber(member.idKey))) "
                    + "under \(Set(held.persons.map(\.personalNumber)).count) number(s), "
                    + "with \(held.contributions.count) period(s)",
                nextStep: guidance.nextStep(for: .otherGuardianInsured)
            )
        }
    }
}

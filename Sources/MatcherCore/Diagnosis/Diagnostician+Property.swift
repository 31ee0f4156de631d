/// The family's view of the registry rows a diagnosis read: which rows belong to which
/// certificate, and which owners are on the application.
struct RegistryView {
    var rowsByKey: [CertificateKey: [RegisteredOwnership]] = [:]
    /// The ID lookup keys of everyone on the application.
    var familyKeys: Set<String>

    init(rows: [RegisteredOwnership], members: [FamilyMember]) {
        // An empty key (a guardian left blank for a single parent) belongs to nobody: a
        // registry row without an owner number must not pass for family.
        familyKeys = Set(members.map(\.idKey).filter { !$0.isEmpty })
        for row in rows {
            guard
                let key = CertificateNumber.parseRegistered(
                    type: row.certificateType,
                    printed: row.printedNumber
                )
            else { continue }
            rowsByKey[key, default: []].append(row)
        }
    }

    static func ownerKey(_ row: RegisteredOwnership) -> String {
        MatchRules.lookupKey(of: row.ownerIdNumber, as: .resident)
    }

    func isFamilyOwned(_ row: RegisteredOwnership) -> Bool {
        familyKeys.contains(Self.ownerKey(row))
    }
}

extension Diagnostician {
    func propertyFinding(
        _ application: Application,
        result: PropertyResult,
        family: FamilyEvidence,
        members: [FamilyMember]
    ) -> Finding {
        var finding = Finding(
            outcome: result.outcome.rawValue,
            problems: result.problems.map(\.rawValue)
        )
        let view = RegistryView(rows: family.registryRows ?? [], members: members)
        let declaration = application.property.flatMap { $0.declared ? $0 : nil }
        let typedKey = declaration.flatMap(rules.certificateKey(of:))
        let typedRows = family.evidence.registry ?? []
        if let typedKey {
            finding.lookups = [
                Lookup(
                    source: "不动产登记",
                    delivery: family.deliveries["registry"],
                    key: Mask.longNumbers(in: typedKey.description),
                    records: typedRows.map { row in
                        shownRow(row, trusted: isTrusted(row, declaration: declaration, view: view))
                    },
                    unavailable: family.evidence.registry == nil
                        ? unavailability(of: "registry", family: family) : nil
                )
            ]
        }
        let codes = result.problems.isEmpty ? [result.outcome] : result.problems
        finding.decisions = codes.map { code in
            Decision(
                code: code.rawValue,
                rule: Self.rule(for: code),
                evidence: facts(
                    for: code,
                    declaration: declaration,
                    typedKey: typedKey,
                    result: result,
                    family: family,
                    members: members,
                    view: view
                ),
                parentMessage: rules.messages.text(for: code),
                nextStep: guidance.nextStep(for: code)
            )
        }
        // Only the family's own certificate is said to be cancelled: a stranger's tells the
        // parent nothing but that the number is not theirs.
        if !typedRows.isEmpty, !typedRows.contains(where: \.isLive),
            typedRows.contains(where: { isTrusted($0, declaration: declaration, view: view) })
        {
            finding.nearMisses.append(notLive(typedRows, sightings: family.certificateSightings))
        }
        let lookingForCertificate: Set<PropertyOutcome> = [
            .notDeclared, .invalidNumber, .noRecord, .ownerMismatch,
        ]
        if lookingForCertificate.contains(result.outcome) {
            finding.nearMisses += familyCertificates(
                declaration: declaration,
                typedKey: typedKey,
                view: view,
                members: members,
                residentialOnly: declaration == nil
            )
        }
        if let declaration, let owner = declaration.owner, result.problems.contains(.ownerMismatch)
        {
            finding.nearMisses += ownerNearMisses(
                owner,
                rows: typedRows.filter(\.isLive),
                members: members,
                view: view
            )
        }
        if let declaration, result.problems.contains(.addressMismatch) {
            finding.nearMisses += addressNearMisses(
                declaration,
                rows: typedRows.filter {
                    $0.isLive && isTrusted($0, declaration: declaration, view: view)
                }
            )
        }
        return finding
    }

    static func rule(for code: PropertyOutcome) -> String {
        switch code {
        case .notDeclared: "无住宅类房产 was chosen"
        case .invalidNumber:
            "the certificate number cannot be read as one of its type (不动产权证: a year and "
                + "a 7-digit serial)"
        case .noRecord: "no live (现势) certificate with this type and number"
        case .ownerMismatch:
            "the certificate exists, but the owner entered (name and ID number) is not among "
                + "its owners"
        case .siblingNotEligible:
            "the owner is a sibling who is of age on the policy's reference date, or does not "
                + "own it alone"
        case .notResidential: "the planned use is not residential under the policy's mapping"
        case .addressMismatch: "the address entered is not the registered one, after normalising"
        case .matched:
            "every check passed: months owned are counted from the registration date to the "
                + "policy's reference date"
        case .pending: "the registry could not be read for this certificate; never final"
        }
    }

    // MARK: Rows as support staff see them

    /// A row whose owner is on the application, or is the owner typed but for one slip in
    /// the ID number, is the family's own and is shown masked; any other owner is a
    /// stranger, of whom nothing personal is shown.
    private func isTrusted(
        _ row: RegisteredOwnership,
        declaration: PropertyDeclaration?,
        view: RegistryView
    ) -> Bool {
        if view.isFamilyOwned(row) { return true }
        guard let owner = declaration?.owner else { return false }
        return Self.ownerIDSlip(owner, row) != nil
    }

    /// The slip between the owner's ID number as typed and as registered, when the names
    /// agree and one of the two numbers fails its check: two valid numbers are two people,
    /// however close, and a stranger must never pass for the owner.
    static func ownerIDSlip(_ owner: Person, _ row: RegisteredOwnership) -> TypingSlip? {
        guard PersonName.normalize(owner.name).value == PersonName.normalize(row.ownerName).value
        else { return nil }
        let typed = IDNumber.normalize(owner.idNumber, as: owner.idType)
        let registered = IDNumber.normalize(row.ownerIdNumber, as: owner.idType)
        guard typed.normalized == nil || registered.normalized == nil else { return nil }
        return TypingSlip.between(
            typed: MatchRules.lookupKey(of: owner.idNumber, as: owner.idType),
            registered: RegistryView.ownerKey(row)
        )
    }

    private func shownRow(_ row: RegisteredOwnership, trusted: Bool) -> String {
        let common =
            "\(row.ownershipForm) · \(row.plannedUse) · 登记 \(row.registeredOn) · \(row.state)"
        guard trusted else {
            return "an owner who is not on this application · " + common
        }
        let address = Self.maskedAddress(rules.addresses.normalize(row.address).value)
        return "权利人 \(Mask.name(row.ownerName)) (\(Mask.idNumber(row.ownerIdNumber))) · "
            + common + " · 坐落 \(address)"
    }

    // MARK: Facts

    private func facts(
        for code: PropertyOutcome,
        declaration: PropertyDeclaration?,
        typedKey: CertificateKey?,
        result: PropertyResult,
        family: FamilyEvidence,
        members: [FamilyMember],
        view: RegistryView
    ) -> [String] {
        let rows = family.evidence.registry ?? []
        let live = rows.filter(\.isLive)
        let shownKey = typedKey.map { Mask.longNumbers(in: $0.description) } ?? "the certificate"
        switch code {
        case .notDeclared:
            return ["无住宅类房产 was chosen on the form"]
        case .invalidNumber:
            guard let declaration, let type = declaration.certificateType else {
                return ["no certificate type was chosen"]
            }
            let parse = CertificateNumber.parse(
                type: type,
                year: declaration.certificateYear,
                number: declaration.certificateNumber ?? ""
            )
            return parse.problem.map { [Mask.longNumbers(in: "\($0)")] } ?? []
        case .noRecord:
            guard !rows.isEmpty else {
                return ["the registry holds no row of \(shownKey)"]
            }
            let states = Set(rows.map(\.state)).sorted().joined(separator: ", ")
            return ["the registry holds \(rows.count) row(s) of \(shownKey), none live: \(states)"]
        case .ownerMismatch:
            let owner = declaration?.owner
            let typed =
                owner.map {
                    "\(Mask.name($0.name)) (\(Mask.idNumber($0.idNumber)))"
                } ?? "no owner"
            return [
                "the owner typed, \(typed), is not among the \(live.count) live owner row(s) "
                    + "of \(shownKey)"
            ]
        case .siblingNotEligible:
            return siblingFacts(declaration: declaration, live: live)
        case .notResidential:
            let uses = Set(live.map(\.plannedUse)).sorted().joined(separator: ", ")
            return [
                "规划用途 is \(uses); residential uses under the \(rules.policy.year) policy: "
                    + rules.policy.property.residentialUses.joined(separator: ", ")
            ]
        case .addressMismatch:
            let typed = rules.addresses.normalize(declaration?.address ?? "").value
            var lines = ["typed, normalised: \(Self.maskedAddress(typed))"]
            for row in live {
                guard isTrusted(row, declaration: declaration, view: view) else {
                    lines.append("registered: not shown, the owner is not on this application")
                    continue
                }
                let registered = rules.addresses.normalize(row.address).value
                lines.append("registered, normalised: \(Self.maskedAddress(registered))")
            }
            return lines
        case .matched:
            guard let registeredOn = result.registeredOn else { return [] }
            return [
                "registered on \(registeredOn); whole months owned up to "
                    + "\(rules.policy.property.referenceDate): \(result.monthsOwned ?? 0); "
                    + "points \(result.points.map { "\($0)" } ?? "none")"
            ]
        case .pending:
            return ["registry: \(unavailability(of: "registry", family: family))"]
        }
    }

    private func siblingFacts(
        declaration: PropertyDeclaration?,
        live: [RegisteredOwnership]
    ) -> [String] {
        var lines: [String] = []
        if let owner = declaration?.owner,
            let normalized = IDNumber.normalize(owner.idNumber, as: owner.idType).normalized,
            owner.idType == .resident,
            let born = IDNumber.birthDate(ofResident: normalized),
            let birthDate = CalendarDate(year: born.year, month: born.month, day: born.day)
        {
            let age = birthDate.age(on: rules.policy.property.referenceDate)
            lines.append(
                "the sibling is \(age) on \(rules.policy.property.referenceDate); the limit is "
                    + "under \(rules.policy.property.siblingAgeLimit)"
            )
        } else {
            lines.append("the sibling's age cannot be read from the ID number typed")
        }
        let forms = Set(live.map(\.ownershipForm)).sorted().joined(separator: ", ")
        let sole = declaration?.soleOwner.map { $0 ? "yes" : "no" } ?? "not answered"
        lines.append(
            "\(live.count) live owner row(s), 共有方式 \(forms); 是否单独所有 answered: \(sole)"
        )
        return lines
    }

    // MARK: Near misses

    private func notLive(_ rows: [RegisteredOwnership], sightings: [CertificateSighting])
        -> NearMiss
    {
        let states = Set(rows.map(\.state)).sorted().joined(separator: ", ")
        let registered = rows.map(\.registeredOn).max().map { "\($0)" } ?? "unknown"
        var finding = "the certificate is \(states), not live (registered \(registered))"
        if let lastLive = sightings.first(where: { $0.wasLive == true }) {
            let after = sightings.prefix { $0.wasLive != true }.last
            finding += "; it was still live in the delivery of \(lastLive.delivery)"
            if let after {
                finding += " and no longer in the delivery of \(after.delivery)"
            }
        } else if let oldest = sightings.last {
            finding += "; it is not live in any earlier delivery held, back to \(oldest.delivery)"
        } else {
            finding += "; no earlier delivery is held to date the change"
        }
        return NearMiss(
            kind: .certificateNotLive,
            finding: finding,
            nextStep: guidance.nextStep(for: .certificateNotLive)
        )
    }

    /// Live certificates owned by someone on the application, and how each relates to the
    /// number typed. Only owners on the application are looked at: a certificate of another
    /// family with a similar number is never suggested.
    private func familyCertificates(
        declaration: PropertyDeclaration?,
        typedKey: CertificateKey?,
        view: RegistryView,
        members: [FamilyMember],
        residentialOnly: Bool
    ) -> [NearMiss] {
        let otherType = declaration.flatMap(Self.otherTypeKey(of:))
        var found: [NearMiss] = []
        for (key, rows) in view.rowsByKey.sorted(by: { "\($0.key)" < "\($1.key)" })
        where key != typedKey {
            let owned = rows.filter { $0.isLive && view.isFamilyOwned($0) }
            guard let row = owned.first else { continue }
            if residentialOnly && !rules.policy.property.residentialUses.contains(row.plannedUse) {
                continue
            }
            let owners = owned.compactMap { members.member(withIDKey: RegistryView.ownerKey($0)) }
            let ownerText = owners.map { "\($0.role) \(Mask.name($0.person.name))" }
                .joined(separator: ", ")
            let what =
                "\(ownerText) owns \(key) (\(row.plannedUse), registered \(row.registeredOn))"
            let (kind, relation) = relation(of: key, to: typedKey, otherType: otherType)
            found.append(
                NearMiss(
                    kind: kind,
                    finding: what + relation,
                    nextStep: guidance.nextStep(for: kind)
                )
            )
        }
        return found
    }

    private func relation(
        of key: CertificateKey,
        to typedKey: CertificateKey?,
        otherType: CertificateKey?
    ) -> (NearMissKind, String) {
        if key == otherType {
            return (
                .certificateOtherType,
                ": the number typed is this certificate's, but the "
                    + "other certificate type was chosen"
            )
        }
        if case .realEstate(let year, let serial) = key,
            case .houseOwnership(let typedNumber)? = typedKey,
            typedNumber == serial
                || String(repeating: "0", count: max(0, 7 - typedNumber.count)) + typedNumber
                    == serial
        {
            return (
                .certificateOtherType,
                ": the number typed is this 不动产权证's serial (year \(year)), but 房屋所有权证 "
                    + "was chosen"
            )
        }
        switch (key, typedKey) {
        case (.realEstate(let year, let serial), .realEstate(let typedYear, let typedSerial)?):
            if serial == typedSerial {
                return (
                    .certificateOtherYear,
                    ": the serial typed is this certificate's, but "
                        + "the year typed is \(typedYear), not \(year)"
                )
            }
            if let slip = TypingSlip.between(typed: typedSerial, registered: serial) {
                return (
                    .familyCertificate,
                    ": the serial typed differs from it, \(slip.description(unit: "digit"))"
                )
            }
        case (.houseOwnership(let number), .houseOwnership(let typedNumber)?):
            if let slip = TypingSlip.between(typed: typedNumber, registered: number) {
                return (.familyCertificate, ": the number typed differs from it, \(slip)")
            }
        default:
            break
        }
        return (
            .familyCertificate,
            typedKey == nil ? "" : ": a different certificate from the one typed"
        )
    }

    private func ownerNearMisses(
        _ owner: Person,
        rows: [RegisteredOwnership],
        members: [FamilyMember],
        view: RegistryView
    ) -> [NearMiss] {
        let typedKey = MatchRules.lookupKey(of: owner.idNumber, as: owner.idType)
        let typedName = PersonName.normalize(owner.name).value
        let typedRole = members.first { $0.field == "property.owner" }?.role ?? "房屋所有权人"
        var found: [NearMiss] = []
        for row in rows {
            let rowKey = RegistryView.ownerKey(row)
            let rowName = PersonName.normalize(row.ownerName).value
            let slip = Self.ownerIDSlip(owner, row)
            if rowKey != typedKey, rowName != typedName || slip == nil,
                let member = members.member(withIDKey: rowKey)
            {
                found.append(
                    NearMiss(
                        kind: .certificateOwnedByOtherMember,
                        finding: "the certificate is registered to \(member.role) "
                            + "\(Mask.name(member.person.name)), not to the owner entered, "
                            + "\(typedRole) \(Mask.name(owner.name))",
                        nextStep: guidance.nextStep(for: .certificateOwnedByOtherMember)
                    )
                )
            } else if rowKey != typedKey, rowName == typedName, let slip {
                found.append(
                    NearMiss(
                        kind: .ownerIDSlip,
                        finding: "the registered owner \(Mask.name(row.ownerName)) has ID number "
                            + "\(Mask.idNumber(rowKey)); the number typed, "
                            + "\(Mask.idNumber(typedKey)), differs from it: \(slip.description(unit: "digit"))",
                        nextStep: guidance.nextStep(for: .ownerIDSlip)
                    )
                )
            } else if rowKey == typedKey, rowName != typedName {
                let slip = TypingSlip.between(typed: typedName, registered: rowName)
                found.append(
                    NearMiss(
                        kind: .ownerNameSlip,
                        finding: "the registry has this owner's ID number under the name "
                            + "\(Mask.name(row.ownerName)); the name typed is "
                            + "\(Mask.name(owner.name))" + (slip.map { ": \($0)" } ?? ""),
                        nextStep: guidance.nextStep(for: .ownerNameSlip)
                    )
                )
            }
        }
        return found
    }

    private func addressNearMisses(
        _ declaration: PropertyDeclaration,
        rows: [RegisteredOwnership]
    ) -> [NearMiss] {
        let typed = AddressParts(
            normalized: rules.addresses.normalize(declaration.address ?? "").value
        )
        var seen = Set<[AddressDifference]>()
        return rows.compactMap { row in
            let registered = AddressParts(normalized: rules.addresses.normalize(row.address).value)
            let differences = AddressDifference.between(typed: typed, registered: registered)
            guard !differences.isEmpty, seen.insert(differences).inserted,
                !differences.contains(.site), !differences.contains(.rest)
            else { return nil }
            return NearMiss(
                kind: .addressUnitOrRoom,
                finding: "the address is the registered one but for its building, unit or room: "
                    + differences.map(\.description).joined(separator: "; "),
                nextStep: guidance.nextStep(for: .addressUnitOrRoom)
            )
        }
    }
}

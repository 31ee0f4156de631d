extension NightModel {
    /// Certificate `index`: an application's own home when `index` is a submitted application
    /// that declares one, anyone's otherwise.
    func certificate(_ index: Int) -> CertificateRecord {
        guard index < applications else {
            return otherCertificate(index)
        }
        return certificate(index, plan: plan(index))
    }

    /// Certificate `index`, whose application (of the same index) has `plan`.
    func certificate(_ index: Int, plan: FamilyPlan) -> CertificateRecord {
        if plan.line == .submitted && plan.property != .notDeclared {
            return familyCertificate(plan)
        }
        return otherCertificate(index)
    }

    /// The 不动产权证 year and serial of certificate `index` (below the capacity).
    ///
    /// Serials are multiples of 11, so one digit changed or two neighbours swapped is never
    /// another serial; a serial's parity follows its year's, so the same serial is never in
    /// the year before or after.
    func realEstateNumber(_ index: Int) -> (year: Int, serial: Int) {
        let slot = realEstateSlots.apply(index)
        let year = slot % Self.realEstateYears
        let multiple = 2 * (slot / Self.realEstateYears) + year % 2 + 2
        return (Self.firstRealEstateYear + year, 11 * multiple)
    }

    /// The nine digits of 房屋所有权证 `index`, a multiple of 11.
    func houseNumber(_ index: Int) -> Int {
        11 * (Self.firstHouseMultiple + houseSlots.apply(index))
    }

    private func otherCertificate(_ index: Int) -> CertificateRecord {
        var draws = mixer.draws(.certificate, index)
        let isRealEstate = index < realEstateSlots.count && draws.chance(0.72)
        let address = address(
            &draws,
            isRealEstate: isRealEstate,
            needsUnit: false,
            needsShortForm: false
        )
        let isResidential = draws.chance(0.88)
        let use = pickUse(&draws, residential: isResidential)
        // Owners are adults when the certificate is issued: a 不动产权证's year is its own,
        // an older certificate's is drawn after its owners.
        let issued = isRealEstate ? realEstateNumber(index).year : 2015
        var rows: [OwnerRow] = []
        let isJoint = draws.chance(0.25)
        let form: OwnerRow.OwnershipForm =
            isJoint ? (draws.chance(0.85) ? .joint : .byShares) : .sole
        let state: OwnerRow.RowState = draws.chance(0.06) ? .cancelled : .live
        for _ in 0..<(isJoint ? 2 : 1) {
            rows.append(anyone(&draws, form: form, state: state, adultIn: issued))
        }
        if draws.chance(0.03) {
            rows.append(anyone(&draws, form: .sole, state: .superseded, adultIn: issued))
        }
        let earliest = rows.map { CivilDate($0.owner.id.birthYear + 20, 1, 1) }.max()
        return record(index, isRealEstate, address, use, rows, earliest: earliest, &draws)
    }

    private func familyCertificate(_ plan: FamilyPlan) -> CertificateRecord {
        var draws = mixer.draws(.certificate, plan.index)
        let address = address(
            &draws,
            isRealEstate: plan.isRealEstate,
            needsUnit: plan.property == .unitDiffers,
            needsShortForm: plan.requested(.address) == .addressTownShortForm
        )
        let isResidential = plan.property != .notResidential
        let use = pickUse(&draws, residential: isResidential)
        let facts = ownerFacts(of: plan)
        let owner = facts.owner
        let state: OwnerRow.RowState = plan.property == .cancelledOnly ? .cancelled : .live
        let jointForm: OwnerRow.OwnershipForm = plan.coOwner == nil ? .sole : .joint
        var rows: [OwnerRow] = []
        switch plan.property {
        case .ownerSomeoneElse:
            rows.append(anyoneElse(&draws, form: .sole))
        case .ownerNamesake:
            let other = anyoneElse(&draws, form: .sole).owner
            let namesake = OwnerIdentity(name: owner.name, id: other.id, passport: other.passport)
            rows.append(OwnerRow(owner: namesake, idForm: .canonical, form: .sole, state: .live))
        case .ownerOtherName:
            let renamed = OwnerIdentity(
                name: owner.name.oneOff(by: &draws),
                id: owner.id,
                passport: owner.passport
            )
            rows.append(OwnerRow(owner: renamed, idForm: .canonical, form: .sole, state: .live))
        default:
            rows.append(
                OwnerRow(owner: owner, idForm: facts.registryForm, form: jointForm, state: state)
            )
        }
        if let coOwner = facts.coOwner {
            rows.append(OwnerRow(owner: coOwner, idForm: .canonical, form: .joint, state: state))
        }
        if plan.property == .pending {
            var broken = rows[0]
            broken.isBroken = true
            rows.append(broken)
        }
        if draws.chance(0.1) {
            rows.insert(anyone(&draws, form: .sole, state: .superseded, adultIn: nil), at: 0)
        }
        // A parent owns a home from the age of 20, a sibling from birth.
        let born = owner.id
        let earliest =
            plan.owner == .sibling
            ? CivilDate(born.birthYear, born.birthMonth, min(born.birthDay, 28))
            : CivilDate(born.birthYear + 20, 1, 1)
        return record(plan.index, plan.isRealEstate, address, use, rows, earliest: earliest, &draws)
    }

    /// Who owns a family's home, as the registry should hold them, and how the owner's
    /// number is written there.
    func ownerFacts(of plan: FamilyPlan) -> (
        owner: OwnerIdentity, coOwner: OwnerIdentity?, registryForm: IDForm, variant: Variant?
    ) {
        let owner: OwnerIdentity
        switch plan.owner {
        case .sibling:
            owner = OwnerIdentity(sibling(0, of: plan, surnameFrom: surnameParent(of: plan)))
        case let role?:
            owner = OwnerIdentity(parent(role, of: plan))
        case nil:
            owner = OwnerIdentity(parent(plan.subjectRole, of: plan))
        }
        let coOwner = plan.coOwner.map { OwnerIdentity(parent($0, of: plan)) }
        var form = IDForm.canonical
        var variant: Variant?
        if plan.property.isOwnedByFamily, owner.passport == nil {
            switch plan.requested(.registry) {
            case .registryFifteenDigits where owner.id.hasFifteenDigitForm:
                form = .fifteenDigits
                variant = .registryFifteenDigits
            case .registryLowercaseX where owner.id.endsWithX:
                form = .lowercaseX
                variant = .registryLowercaseX
            default:
                break
            }
        }
        return (owner, coOwner, form, variant)
    }

    private func record(
        _ index: Int,
        _ isRealEstate: Bool,
        _ address: RegisteredAddress,
        _ use: Int,
        _ rows: [OwnerRow],
        earliest: CivilDate?,
        _ draws: inout Draws
    ) -> CertificateRecord {
        let realEstate = isRealEstate ? realEstateNumber(index) : (year: 0, serial: 0)
        var year = realEstate.year
        if !isRealEstate {
            year = min(max(1998 + draws.int(below: 18), earliest?.year ?? 0), 2015)
        }
        // Days up to the 28th only: every month has them, so "whole months owned" has one
        // reading whatever the convention for month ends.
        var month = 1 + draws.int(below: 12)
        if year == asOf.year {
            month = 1 + draws.int(below: max(1, asOf.month - 1))
        }
        var registered = CivilDate(year, month, 1 + draws.int(below: 28))
        if let earliest, registered < earliest, earliest.year == year,
            year < asOf.year || earliest.month < asOf.month
        {
            registered = earliest
        }
        return CertificateRecord(
            index: index,
            isRealEstate: isRealEstate,
            year: realEstate.year,
            serial: realEstate.serial,
            houseNumber: isRealEstate ? 0 : houseNumber(index),
            address: address,
            use: use,
            isResidential: use < residentialUses.count,
            registered: registered,
            rows: rows
        )
    }

    private func address(
        _ draws: inout Draws,
        isRealEstate: Bool,
        needsUnit: Bool,
        needsShortForm: Bool
    ) -> RegisteredAddress {
        var town = draws.pick(cumulative: Self.townWeights)
        if needsShortForm {
            let towns = Vocabulary.townShortForms.keys.sorted()
            town = towns[draws.int(below: towns.count)]
        } else if !isRealEstate && draws.chance(0.3) {
            town = -1
        }
        let hasUnit = needsUnit || draws.chance(0.8)
        let floor = 1 + draws.int(below: 26)
        return RegisteredAddress(
            town: town,
            road: draws.int(below: Vocabulary.roads.count),
            door: 1 + draws.int(below: 399),
            estate: draws.int(below: Vocabulary.estates.count),
            building: 1 + draws.int(below: 40),
            unit: hasUnit ? 1 + draws.int(below: 4) : 0,
            room: floor * 100 + 1 + draws.int(below: 4)
        )
    }

    private static let townWeights: [Int] = {
        var total = 0
        return Vocabulary.towns.map { town in
            total += town.1
            return total
        }
    }()

    /// A residential use or another, as an index into ``uses``.
    private func pickUse(_ draws: inout Draws, residential: Bool) -> Int {
        guard residential else {
            return residentialUses.count + draws.int(below: otherUses.count)
        }
        return draws.int(below: residentialUses.count)
    }

    /// A row of any person of the departments, as they are known everywhere; one who was 20
    /// in `adultIn` when a year is given, if one of a few draws is.
    private func anyone(
        _ draws: inout Draws,
        form: OwnerRow.OwnershipForm,
        state: OwnerRow.RowState,
        adultIn year: Int?
    ) -> OwnerRow {
        var adult = context(of: draws.int(below: persons)).adult
        if let year {
            for _ in 0..<4 where adult.id.birthYear + 20 > year {
                adult = context(of: draws.int(below: persons)).adult
            }
        }
        return OwnerRow(owner: OwnerIdentity(adult), idForm: .canonical, form: form, state: state)
    }

    /// A row of an adult who is no applicant's parent.
    private func anyoneElse(_ draws: inout Draws, form: OwnerRow.OwnershipForm) -> OwnerRow {
        let slot = 2 * applications + draws.int(below: persons - 2 * applications)
        let adult = adult(population.familyOrder.apply(slot), plan: nil)
        return OwnerRow(owner: OwnerIdentity(adult), idForm: .canonical, form: form, state: .live)
    }
}

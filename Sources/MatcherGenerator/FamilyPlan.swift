/// What the generator decided for one application: its line kind, its two cases, the
/// variants it tries, and the shape of its family. Only decisions, no identities, so that a
/// person's identity may depend on the plan of the family it belongs to.
struct FamilyPlan: Sendable {
    let index: Int
    let line: LineKind
    /// For a duplicate line, the earlier line whose `applicationId` it repeats.
    let duplicateOf: Int
    let socialInsurance: SocialInsuranceCase
    let property: PropertyCase
    /// The variant tried in each family, by ``Variant/Family`` raw value.
    let requested: [Variant?]
    let hasFather: Bool
    let hasMother: Bool
    /// A single parent's form lists the absent guardian with relation `none`.
    let writesAbsentGuardian: Bool
    let subjectIsFather: Bool
    let isJunior: Bool
    let siblings: [SiblingKind]
    /// Who owns the declared home on the form; nil when none is declared.
    let owner: FamilyRole?
    /// Who else owns it jointly (共同共有); nil when owned alone.
    let coOwner: FamilyRole?
    let isRealEstate: Bool
    /// Which department's rows a department variant changes: 0 人社, 1 医保, 2 both.
    let departmentSide: Int
    let childTakesMothersSurname: Bool

    enum SiblingKind: Sendable {
        case younger, olderMinor, adult
    }

    enum FamilyRole: Hashable, Sendable {
        case father, mother, sibling

        var relation: String {
            switch self {
            case .father: "father"
            case .mother: "mother"
            case .sibling: "sibling"
            }
        }
    }

    var subjectRole: FamilyRole { subjectIsFather ? .father : .mother }
    var otherGuardian: FamilyRole? {
        if subjectIsFather {
            return hasMother ? .mother : nil
        }
        return hasFather ? .father : nil
    }

    func requested(_ family: Variant.Family) -> Variant? {
        requested[family.rawValue]
    }

    /// The name variant that shapes the subject's identity: a passport holder only when the
    /// case does not turn on the typed ID number, which a passport has none of.
    var subjectNameVariant: Variant? {
        guard let variant = requested(.name) else { return nil }
        if variant == .passportFullWidthName && socialInsurance.altersTypedIdentity {
            return nil
        }
        return variant
    }

    /// Whether the subject's number is made to end in `X`, for a variant that needs one.
    var subjectWantsX: Bool {
        requested(.idNumber) == .idLowercaseX || requested(.department) == .departmentLowercaseX
            || (requested(.registry) == .registryLowercaseX && owner == subjectRole)
    }

    /// Whether the other guardian's number is made to end in `X`.
    var otherGuardianWantsX: Bool {
        requested(.registry) == .registryLowercaseX && owner != nil && owner == otherGuardian
    }
}

extension NightModel {
    /// The plan of application `index`: a pure function of the seed and the index.
    func plan(_ index: Int) -> FamilyPlan {
        let placed = lines.locate(index)
        var line = placed.kind
        var duplicateOf = -1
        if line == .duplicateId {
            duplicateOf = duplicateSource(of: index)
            if duplicateOf < 0 {
                line = .truncated
            }
        }
        var draws = mixer.draws(.family, index)
        var socialInsurance = SocialInsuranceCase.matched
        var property = draws.chance(0.4) ? PropertyCase.notDeclared : .matched
        var requested = [Variant?](repeating: nil, count: Variant.Family.allCases.count)
        if line == .submitted, let rank = placed.remainderIndex {
            let subject = self.socialInsurance.locate(rank)
            let home = self.property.locate(rank)
            socialInsurance = subject.kind
            property = home.kind
            let subjectRank = subject.remainderIndex
            let homeRank = home.remainderIndex
            for family in Variant.Family.allCases {
                if let position = family.isSubjects ? subjectRank : homeRank {
                    requested[family.rawValue] = variants[family.rawValue].kind(of: position)
                }
            }
        }
        let needsBoth = socialInsurance.altersTypedIdentity
        let isSingle = !needsBoth && draws.chance(0.12)
        let fatherOnly = isSingle && draws.chance(0.3)
        let hasFather = !isSingle || fatherOnly
        let hasMother = !isSingle || !fatherOnly
        let subjectIsFather = isSingle ? fatherOnly : draws.chance(0.65)
        let subject: FamilyPlan.FamilyRole = subjectIsFather ? .father : .mother
        let other: FamilyPlan.FamilyRole? = isSingle ? nil : (subjectIsFather ? .mother : .father)

        var siblings: [FamilyPlan.SiblingKind] = []
        let siblingCount = draws.pick(cumulative: [65, 95, 100])
        for _ in 0..<siblingCount {
            siblings.append(draws.chance(0.5) ? .younger : .olderMinor)
        }
        var owner: FamilyPlan.FamilyRole?
        var coOwner: FamilyPlan.FamilyRole?
        switch property {
        case .notDeclared:
            owner = nil
        case .siblingAdult:
            owner = .sibling
            siblings = [.adult] + siblings.prefix(1)
        case .siblingCoOwned:
            owner = .sibling
            siblings = [.olderMinor] + siblings.prefix(1)
            coOwner = other ?? subject
        case .matched
        where requested[Variant.Family.registry.rawValue] == nil && draws.chance(0.12)
            && realEstateNumber(index).year >= 2017:
            // Older minor siblings are born by 2016, before such a certificate is issued.
            owner = .sibling
            siblings = [.olderMinor] + siblings.prefix(1)
        default:
            if socialInsurance.altersTypedIdentity {
                owner = other
            } else {
                owner = other != nil && draws.chance(0.3) ? other : subject
            }
            let mayBeJoint = property.isOwnedByFamily && property != .cancelledOnly
            if mayBeJoint, let other, draws.chance(0.25) {
                coOwner = owner == other ? subject : other
            }
        }
        let needsRealEstate =
            property.needsRealEstate || owner == .sibling
            || requested[Variant.Family.certificate.rawValue]?.needsRealEstate == true
        let isRealEstate = needsRealEstate || draws.chance(0.8)
        return FamilyPlan(
            index: index,
            line: line,
            duplicateOf: duplicateOf,
            socialInsurance: socialInsurance,
            property: property,
            requested: requested,
            hasFather: hasFather,
            hasMother: hasMother,
            writesAbsentGuardian: isSingle && draws.chance(0.5),
            subjectIsFather: subjectIsFather,
            isJunior: draws.chance(0.2),
            siblings: siblings,
            owner: owner,
            coOwner: coOwner,
            isRealEstate: isRealEstate,
            departmentSide: draws.int(below: 3),
            childTakesMothersSurname: draws.chance(0.08)
        )
    }

    /// The nearest earlier line a duplicate can repeat: one whose id the matcher has taken,
    /// so not a broken line nor another duplicate; -1 when there is none close by.
    private func duplicateSource(of index: Int) -> Int {
        var candidate = index - 1
        while candidate >= 0 && index - candidate <= 8 {
            switch lines.kind(of: candidate) {
            case .truncated, .missingField, .duplicateId:
                candidate -= 1
            default:
                return candidate
            }
        }
        return -1
    }
}

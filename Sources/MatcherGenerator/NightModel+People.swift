/// An adult as the departments and the registry know them.
struct Adult: Sendable {
    let person: Int
    let couple: Int
    let isMale: Bool
    let id: ResidentID
    let name: GeneratedName
    /// A passport holder's number, held instead of a resident ID number.
    let passport: String?

    /// The ID number as registered.
    var idText: String { passport ?? id.text }
}

/// A child of an application: the student or a sibling.
struct Child: Sendable {
    let id: ResidentID
    let name: GeneratedName
}

/// A person of the departments with the plan of the application they are a parent of.
struct PersonContext {
    let adult: Adult
    /// The plan when the person is a parent on a submitted application.
    let plan: FamilyPlan?
    let role: FamilyPlan.FamilyRole?

    var isSubject: Bool {
        guard let plan, let role else { return false }
        return plan.subjectRole == role
    }
}

extension NightModel {
    /// Person `person` with the plan of their family, if they are an applicant's parent.
    func context(of person: Int) -> PersonContext {
        let (couple, isMale) = population.couple(of: person)
        guard couple < applications else {
            return PersonContext(adult: adult(person, plan: nil), plan: nil, role: nil)
        }
        let plan = plan(couple)
        let role: FamilyPlan.FamilyRole = isMale ? .father : .mother
        let onForm = isMale ? plan.hasFather : plan.hasMother
        guard plan.line == .submitted, onForm else {
            return PersonContext(adult: adult(person, plan: nil), plan: nil, role: nil)
        }
        return PersonContext(adult: adult(person, plan: plan), plan: plan, role: role)
    }

    /// The parent `role` of an application.
    func parent(_ role: FamilyPlan.FamilyRole, of plan: FamilyPlan) -> Adult {
        let person = population.person(family: plan.index, role: role == .father ? 0 : 1)
        return adult(person, plan: plan.line == .submitted ? plan : nil)
    }

    /// An adult's identity; `plan` is their family's when it shapes them (a variant that
    /// needs a minority name, a passport or a check character `X`).
    func adult(_ person: Int, plan: FamilyPlan?) -> Adult {
        let (couple, isMale) = population.couple(of: person)
        var draws = mixer.draws(.person, person)
        var style: GeneratedName.Kind = draws.chance(0.004) ? .minority : .chinese
        var wantsX = false
        if let plan {
            let role: FamilyPlan.FamilyRole = isMale ? .father : .mother
            if plan.subjectRole == role {
                switch plan.subjectNameVariant {
                case .nameMiddleDot: style = .minority
                case .passportFullWidthName: style = .latin
                default: break
                }
                wantsX = plan.subjectWantsX
            } else if plan.otherGuardian == role {
                wantsX = plan.otherGuardianWantsX
            }
        }
        let middle = draws.int(below: 10)
        var id = population.adultID(couple: couple, isMale: isMale, middleDigit: middle)
        // The middle digit is free, and its ten values give ten different check characters:
        // `X` is among them unless it is the one left out, which leaves the variant
        // unapplied (1 time in 11).
        if wantsX && !id.endsWithX {
            for step in 1..<10 {
                let candidate = population.adultID(
                    couple: couple,
                    isMale: isMale,
                    middleDigit: (middle + step) % 10
                )
                if candidate.endsWithX {
                    id = candidate
                    break
                }
            }
        }
        var nameDraws = mixer.draws(.name, person)
        let name = NamePieces.adult(&nameDraws, isMale: isMale, style: style)
        let passport = style == .latin ? "E" + String(10_000_000 + person) : nil
        return Adult(
            person: person,
            couple: couple,
            isMale: isMale,
            id: id,
            name: name,
            passport: passport
        )
    }

    /// The student of an application, named after a parent.
    func student(of plan: FamilyPlan, surnameFrom parent: Adult) -> Child {
        let block = plan.isJunior ? population.juniorStudents : population.primaryStudents
        return child(block.number(plan.index), namedAfter: parent, index: 3 * plan.index)
    }

    /// Sibling `position` (0 or 1) of an application.
    func sibling(_ position: Int, of plan: FamilyPlan, surnameFrom parent: Adult) -> Child {
        let index = 2 * plan.index + position
        let block =
            switch plan.siblings[position] {
            case .younger: population.youngerSiblings
            case .olderMinor: population.olderSiblings
            case .adult: population.adultSiblings
            }
        return child(block.number(index), namedAfter: parent, index: 3 * plan.index + 1 + position)
    }

    private func child(_ id: ResidentID, namedAfter parent: Adult, index: Int) -> Child {
        var draws = mixer.draws(.childNames, index)
        var surname = Int(parent.name.first)
        if parent.name.kind != .chinese {
            surname = draws.pick(table: NamePieces.surnameTable)
        }
        return Child(id: id, name: NamePieces.child(&draws, surname: surname))
    }

    /// The parent a child's surname comes from.
    func surnameParent(of plan: FamilyPlan) -> Adult {
        let fromMother = plan.hasMother && (plan.childTakesMothersSurname || !plan.hasFather)
        return parent(fromMother ? .mother : .father, of: plan)
    }
}

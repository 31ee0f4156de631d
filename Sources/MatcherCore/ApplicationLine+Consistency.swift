extension ApplicationLine {
    /// Where the people on a submitted line contradict each other, in the order of the line.
    ///
    /// Points are earned from the records of the points subject and of the home's owner, so
    /// each must be the family member the form says: the subject one of the guardians and
    /// not the child, a parent owner that parent, a sibling owner one of the siblings.
    /// Otherwise anyone's insurance or home would earn the family points. Two people are
    /// the same when their ID numbers (under the same `idType`) and names are the same after
    /// normalising. Reasons name the fields only, never the values, which are personal data.
    static func consistencyProblems(of application: Application) -> [String] {
        var problems: [String] = []
        // `none` stands for a second guardian that a single parent does not have.
        let guardians = (application.guardians ?? []).filter { $0.relation != "none" }
        if let subject = application.pointsSubject {
            let subjectIdentity = FamilyIdentity(subject)
            if !guardians.contains(where: { subjectIdentity.isSamePerson(as: $0) }) {
                problems.append("pointsSubject is not one of the guardians")
            }
            if let student = application.student,
                FamilyIdentity.idKey(of: student) == subjectIdentity.idKey
            {
                problems.append("pointsSubject is the student")
            }
        }
        guard let property = application.property, property.declared,
            let owner = property.owner, let relation = owner.relation
        else { return problems }
        let ownerIdentity = FamilyIdentity(owner)
        switch relation {
        case "father", "mother":
            let parents = guardians.filter { $0.relation == relation }
            if !parents.contains(where: { ownerIdentity.isSamePerson(as: $0) }) {
                problems.append(
                    "property.owner (\(relation)) is not the guardian whose relation is "
                        + relation
                )
            }
        case "sibling":
            let siblings = (application.familyMembers ?? []).filter { $0.relation == relation }
            if !siblings.contains(where: { ownerIdentity.isSamePerson(as: $0) }) {
                problems.append(
                    "property.owner (sibling) is not one of the familyMembers whose relation "
                        + "is sibling"
                )
            }
        default:
            // Any other relation is already refused by `valueProblems(of:)`.
            break
        }
        return problems
    }
}

/// A person as the consistency check compares them: normalised, so that the spaces, width
/// and letter case a parent typed differently in two places do not count as two people.
private struct FamilyIdentity: Equatable {
    /// The ID number's type and its lookup key: the normal form when the number is valid,
    /// else its folded form, so that the same invalid number typed twice still agrees and
    /// matching can report it as invalid.
    var idKey: IDKey
    var name: String

    struct IDKey: Equatable {
        var type: IDType
        var number: String
    }

    init(_ person: Person) {
        idKey = Self.idKey(of: person)
        name = PersonName.normalize(person.name).value
    }

    /// Whether `person` is this one; the name is normalised only when the numbers agree,
    /// since most of the people compared are someone else.
    func isSamePerson(as person: Person) -> Bool {
        Self.idKey(of: person) == idKey && PersonName.normalize(person.name).value == name
    }

    static func idKey(of person: Person) -> IDKey {
        IDKey(
            type: person.idType,
            number: MatchRules.lookupKey(of: person.idNumber, as: person.idType)
        )
    }
}

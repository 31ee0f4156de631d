/// One person on an application, with the role the form gives them.
public struct FamilyMember: Hashable, Sendable {
    /// The role as the form names it, e.g. `监护人二（母亲）`.
    public var role: String
    /// The person's path in the application export, e.g. `guardians[1]`.
    public var field: String
    public var person: Person
    /// The key the person's ID number is looked up by (``MatchRules/lookupKey(of:as:)``).
    public var idKey: String

    /// Everyone on the application whose ID number ties records to the family: the student,
    /// the guardians, the points subject, the other family members and the home's owner.
    public static func all(on application: Application) -> [FamilyMember] {
        var members: [FamilyMember] = []
        func add(_ person: Person?, role: String, field: String) {
            guard let person else { return }
            members.append(
                FamilyMember(
                    role: role,
                    field: field,
                    person: person,
                    idKey: MatchRules.lookupKey(of: person.idNumber, as: person.idType)
                )
            )
        }
        add(application.pointsSubject, role: "积分主体", field: "pointsSubject")
        add(application.student, role: "学生", field: "student")
        let ordinals = ["一", "二", "三", "四"]
        for (index, guardian) in (application.guardians ?? []).enumerated() {
            let ordinal = index < ordinals.count ? ordinals[index] : String(index + 1)
            add(
                guardian,
                role: "监护人\(ordinal)" + relationLabel(guardian.relation),
                field: "guardians[\(index)]"
            )
        }
        for (index, member) in (application.familyMembers ?? []).enumerated() {
            add(
                member,
                role: "家庭成员\(index + 1)" + relationLabel(member.relation),
                field: "familyMembers[\(index)]"
            )
        }
        if let owner = application.property?.owner, application.property?.declared == true {
            add(owner, role: "房屋所有权人" + relationLabel(owner.relation), field: "property.owner")
        }
        return members
    }

    /// `（母亲）` for `mother`; empty for no relation or one the form does not name.
    static func relationLabel(_ relation: String?) -> String {
        let names = ["father": "父亲", "mother": "母亲", "sibling": "兄弟姐妹", "other": "其他"]
        guard let relation, let name = names[relation] else { return "" }
        return "（\(name)）"
    }
}

extension Array where Element == FamilyMember {
    /// The member whose ID number has `key`, preferring a guardian or sibling over the
    /// points subject and owner, which are copies of them.
    func member(withIDKey key: String) -> FamilyMember? {
        guard !key.isEmpty else { return nil }
        return first { $0.idKey == key && !$0.isCopy } ?? first { $0.idKey == key }
    }
}

extension FamilyMember {
    /// The points subject and the owner repeat a guardian or sibling typed elsewhere.
    var isCopy: Bool {
        field == "pointsSubject" || field == "property.owner"
    }
}

/// Writes applications as the portal exports them, one JSON object per line.
extension NightModel {
    /// The portal's key of application `index`, e.g. `A2023-0000042`.
    func applicationId(_ index: Int) -> String {
        let digits = String(index + 1)
        return "A\(asOf.year)-" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits
    }

    /// The export line and the truth line of application `index` (its line number less
    /// one), from one set of facts.
    func lines(_ index: Int, periods: PeriodBuffer) -> (
        kind: LineKind, export: [UInt8], truth: [UInt8]
    ) {
        let plan = plan(index)
        let (export, truth) = lines(plan, periods: periods)
        return (plan.line, export, truth)
    }

    private func lines(_ plan: FamilyPlan, periods: PeriodBuffer) -> (
        export: [UInt8], truth: [UInt8]
    ) {
        let index = plan.index
        switch plan.line {
        case .duplicateId:
            // A later version of an earlier line that the portal exported twice.
            var draws = mixer.draws(.application, index)
            let export = object(
                facts(plan: self.plan(plan.duplicateOf)),
                version: 2 + draws.int(below: 2)
            )
            return (export.closed, truthLine(plan, facts: nil, periods: periods))
        case .truncated:
            let whole = String(
                decoding: object(facts(plan: plan), version: nil).closed,
                as: UTF8.self
            )
            var draws = mixer.draws(.application, index)
            let cut = whole.count * (30 + draws.int(below: 50)) / 100
            return (Array(whole.prefix(cut).utf8), truthLine(plan, facts: nil, periods: periods))
        case .missingField:
            let export = object(facts(plan: plan), version: nil, withoutSubject: true)
            return (export.closed, truthLine(plan, facts: nil, periods: periods))
        case .withdrawn, .deleted:
            let export = object(facts(plan: plan), version: nil)
            return (export.closed, truthLine(plan, facts: nil, periods: periods))
        case .submitted:
            let facts = facts(plan: plan)
            let export = object(facts, version: nil)
            return (export.closed, truthLine(plan, facts: facts, periods: periods))
        }
    }

    private func object(
        _ facts: ApplicationFacts,
        version forcedVersion: Int?,
        withoutSubject: Bool = false
    ) -> JSONObject {
        let plan = facts.plan
        var draws = mixer.draws(.application, plan.index + applications)
        var version = 1 + draws.pick(cumulative: [80, 95, 100])
        let status: String
        switch plan.line {
        case .withdrawn:
            status = "withdrawn"
            version += 1
        case .deleted:
            status = "deleted"
            version += 1
        default:
            status = "submitted"
        }
        var line = JSONObject(capacity: 2048)
        line.string("applicationId", applicationId(plan.index))
        line.string("registrationNo", registrationNo(plan.index))
        line.int("version", forcedVersion ?? version)
        line.string("status", status)
        line.string("submittedAt", submittedAt(&draws))
        line.string("stage", plan.isJunior ? "junior" : "primary")
        let town = residenceTown(of: facts, &draws)
        line.string("town", townAsTyped(town, &draws))
        line.object("student", person(facts.student.name.text, facts.student.id.text))
        line.objects("guardians", guardians(of: facts, &draws))
        if !withoutSubject {
            line.object(
                "pointsSubject",
                person(facts.subjectName, facts.subjectIDNumber, type: facts.subjectIDType)
            )
        }
        line.objects(
            "familyMembers",
            facts.siblings.map { child in
                var member = person(child.name.text, child.id.text)
                member.string("relation", "sibling")
                return member
            }
        )
        line.object("property", property(of: facts))
        line.object("schoolChoices", schools(town: town, junior: plan.isJunior, &draws))
        return line
    }

    private func person(_ name: String, _ id: String, type: String = "resident") -> JSONObject {
        var person = JSONObject()
        person.string("name", name)
        person.string("idType", type)
        person.string("idNumber", id)
        return person
    }

    /// The guardian entry of a parent: the subject as typed, the other parent canonically.
    private func typedPerson(_ role: FamilyPlan.FamilyRole, of facts: ApplicationFacts)
        -> JSONObject
    {
        if role == facts.plan.subjectRole {
            return person(facts.subjectName, facts.subjectIDNumber, type: facts.subjectIDType)
        }
        let parent = (role == .father ? facts.father : facts.mother) ?? facts.subject
        return person(
            parent.name.text,
            parent.idText,
            type: parent.passport == nil ? "resident" : "passport"
        )
    }

    private func guardians(of facts: ApplicationFacts, _ draws: inout Draws) -> [JSONObject] {
        var entries: [JSONObject] = []
        for role in [FamilyPlan.FamilyRole.father, .mother] {
            let isPresent = role == .father ? facts.plan.hasFather : facts.plan.hasMother
            guard isPresent else { continue }
            var entry = typedPerson(role, of: facts)
            entry.string(
                "phone",
                "1" + String(30 + draws.int(below: 60))
                    + String(10_000_000 + draws.int(below: 89_999_999))
            )
            entry.string("relation", role.relation)
            entries.append(entry)
        }
        if facts.plan.writesAbsentGuardian {
            var absent = person("", "")
            absent.string("relation", "none")
            entries.append(absent)
        }
        return entries
    }

    private func property(of facts: ApplicationFacts) -> JSONObject {
        var property = JSONObject()
        let plan = facts.plan
        guard let typed = facts.typedCertificate, let owner = plan.owner else {
            property.bool("declared", false)
            return property
        }
        property.bool("declared", true)
        property.string("certificateType", typed.type)
        if let year = typed.year {
            property.string("certificateYear", year)
        }
        property.string("certificateNumber", typed.number)
        var ownerEntry: JSONObject
        if owner == .sibling, let sibling = facts.siblings.first {
            ownerEntry = person(sibling.name.text, sibling.id.text)
        } else {
            ownerEntry = typedPerson(owner, of: facts)
        }
        ownerEntry.string("relation", owner.relation)
        property.object("owner", ownerEntry)
        property.bool("soleOwner", plan.coOwner == nil)
        property.strings("coOwners", plan.coOwner.map { [$0.relation] } ?? [])
        property.string("address", facts.typedAddress)
        return property
    }

    private func registrationNo(_ index: Int) -> String {
        let opened = CivilDate(dayNumber: asOf.dayNumber - 40 + index % 28)
        let serial = String(index / 28 + 1)
        let date = String((opened.year * 100 + opened.month) * 100 + opened.day)
        return "ES" + date + String(repeating: "0", count: max(0, 5 - serial.count)) + serial
    }

    private func submittedAt(_ draws: inout Draws) -> String {
        let day = CivilDate(dayNumber: asOf.dayNumber - 1 - draws.int(below: 10))
        let minutes = 7 * 60 + draws.int(below: 17 * 60)
        let hour = minutes / 60
        let minute = minutes % 60
        let clock = (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
        return day.text + "T" + clock + ":00+08:00"
    }

    /// The town the family lives in: the home's town when it has one of today's towns.
    private func residenceTown(of facts: ApplicationFacts, _ draws: inout Draws) -> Int {
        if let town = facts.certificate?.address.town, town >= 0 {
            return town
        }
        return draws.int(below: Vocabulary.towns.count)
    }

    private func townAsTyped(_ town: Int, _ draws: inout Draws) -> String {
        if let short = Vocabulary.townShortForms[town], draws.chance(0.2) {
            return short[draws.int(below: short.count)]
        }
        return Vocabulary.towns[town].0
    }

    private func schools(town: Int, junior: Bool, _ draws: inout Draws) -> JSONObject {
        var choices = JSONObject()
        let privateSchools = Vocabulary.privateSchools
        let firstPrivate =
            draws.chance(0.2) ? privateSchools[draws.int(below: privateSchools.count)] : nil
        choices.string("privateFirst", firstPrivate)
        let publics = junior ? Vocabulary.juniorSchools : Vocabulary.primarySchools
        choices.string(
            "public",
            Vocabulary.towns[town].0 + publics[draws.int(below: publics.count)]
        )
        let secondPrivate =
            draws.chance(0.1) ? privateSchools[draws.int(below: privateSchools.count)] : nil
        choices.string("privateSecond", secondPrivate)
        return choices
    }
}

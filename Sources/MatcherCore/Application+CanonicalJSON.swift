import Foundation

extension Application {
    /// The application as canonical JSON: sorted keys, unescaped slashes, absent values
    /// left out; the bytes `JSONEncoder` with `[.sortedKeys, .withoutEscapingSlashes]`
    /// writes, so the same application always gives the same document.
    ///
    /// Written directly for the reason ``MatchResult/canonicalJSON()`` is, and like it left
    /// to `JSONEncoder` when a text needs escapes.
    public func canonicalJSON() throws -> Data {
        // An application's document is about a kilobyte, some twice that.
        try CanonicalJSONWriter.json(of: self, capacity: 2048) { $0.write($1) }
    }
}

extension CanonicalJSONWriter {
    /// Writes the fields in the order their names sort in; false where a text needs escapes.
    mutating func write(_ application: Application) -> Bool {
        var object = ObjectWriter()
        object.key("applicationId", in: &self)
        guard string(application.applicationId) else { return false }
        if let familyMembers = application.familyMembers {
            object.key("familyMembers", in: &self)
            guard people(familyMembers) else { return false }
        }
        if let guardians = application.guardians {
            object.key("guardians", in: &self)
            guard people(guardians) else { return false }
        }
        if let pointsSubject = application.pointsSubject {
            object.key("pointsSubject", in: &self)
            guard write(pointsSubject) else { return false }
        }
        if let property = application.property {
            object.key("property", in: &self)
            guard write(property) else { return false }
        }
        object.key("registrationNo", in: &self)
        guard string(application.registrationNo) else { return false }
        if let schoolChoices = application.schoolChoices {
            object.key("schoolChoices", in: &self)
            guard write(schoolChoices) else { return false }
        }
        guard optional(application.stage, "stage", &object) else { return false }
        object.key("status", in: &self)
        guard string(application.status.rawValue) else { return false }
        if let student = application.student {
            object.key("student", in: &self)
            guard write(student) else { return false }
        }
        object.key("submittedAt", in: &self)
        guard string(application.submittedAt) else { return false }
        guard optional(application.town, "town", &object) else { return false }
        object.key("version", in: &self)
        integer(application.version)
        literal("}")
        return true
    }

    private mutating func people(_ people: [Person]) -> Bool {
        literal("[")
        for (index, person) in people.enumerated() {
            if index > 0 { literal(",") }
            guard write(person) else { return false }
        }
        literal("]")
        return true
    }

    private mutating func write(_ person: Person) -> Bool {
        var object = ObjectWriter()
        object.key("idNumber", in: &self)
        guard string(person.idNumber) else { return false }
        object.key("idType", in: &self)
        guard string(person.idType.rawValue) else { return false }
        object.key("name", in: &self)
        guard string(person.name) else { return false }
        guard optional(person.phone, "phone", &object),
            optional(person.relation, "relation", &object)
        else { return false }
        literal("}")
        return true
    }

    private mutating func write(_ property: PropertyDeclaration) -> Bool {
        var object = ObjectWriter()
        guard optional(property.address, "address", &object),
            optional(property.certificateNumber, "certificateNumber", &object),
            optional(property.certificateType?.rawValue, "certificateType", &object),
            optional(property.certificateYear, "certificateYear", &object)
        else { return false }
        if let coOwners = property.coOwners {
            object.key("coOwners", in: &self)
            guard strings(coOwners) else { return false }
        }
        object.key("declared", in: &self)
        literal(property.declared ? "true" : "false")
        if let owner = property.owner {
            object.key("owner", in: &self)
            guard write(owner) else { return false }
        }
        if let soleOwner = property.soleOwner {
            object.key("soleOwner", in: &self)
            literal(soleOwner ? "true" : "false")
        }
        literal("}")
        return true
    }

    private mutating func write(_ choices: SchoolChoices) -> Bool {
        var object = ObjectWriter()
        guard optional(choices.privateFirst, "privateFirst", &object),
            optional(choices.privateSecond, "privateSecond", &object),
            optional(choices.public, "public", &object)
        else { return false }
        if object.isEmpty {
            literal("{")
        }
        literal("}")
        return true
    }

    /// A string field that is left out when nil.
    private mutating func optional(
        _ value: String?,
        _ name: StaticString,
        _ object: inout ObjectWriter
    ) -> Bool {
        guard let value else { return true }
        object.key(name, in: &self)
        return string(value)
    }
}

/// Opens an object at its first key and puts commas between the rest.
struct ObjectWriter {
    private(set) var isEmpty = true

    mutating func key(_ name: StaticString, in writer: inout CanonicalJSONWriter) {
        writer.literal(isEmpty ? "{\"" : ",\"")
        writer.literal(name)
        writer.literal("\":")
        isEmpty = false
    }
}

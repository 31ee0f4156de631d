/// A person on an application, as typed.
public struct Person: Hashable, Sendable, Codable {
    public var name: String
    public var idType: IDType
    public var idNumber: String
    public var phone: String?
    /// `father`, `mother`, `other`, `none` for guardians; `sibling` for family members and
    /// owners. Kept as text: a relation the service does not know is not a reason to
    /// refuse a family's application.
    public var relation: String?

    public init(
        name: String,
        idType: IDType,
        idNumber: String,
        phone: String? = nil,
        relation: String? = nil
    ) {
        self.name = name
        self.idType = idType
        self.idNumber = idNumber
        self.phone = phone
        self.relation = relation
    }
}

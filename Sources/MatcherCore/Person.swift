/// A person on an application, as typed.
public struct Person: Hashable, Sendable, Codable {
    public var name: String
    public var idType: IDType
    public var idNumber: String
    public var phone: String?
    /// `father`, `mother`, `other`, `none` for guardians; `sibling` for family members;
    /// `father`, `mother`, `sibling` for the home's owner.
    ///
    /// ``ApplicationLine`` refuses a submitted line whose relation is not one of these. Kept
    /// as text all the same, so that a document stored under an older contract, or a line
    /// that only withdraws an application, still decodes.
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

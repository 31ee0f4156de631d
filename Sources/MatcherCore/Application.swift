/// One child's application as the enrollment portal exports it: the latest version only.
///
/// Field names follow the export contract. Values are kept exactly as the parent typed
/// them; normalising happens when the application is matched, so that support staff can
/// always see both.
public struct Application: Hashable, Sendable, Codable {
    public var applicationId: String
    /// 报名号 of the family account; one account may hold several children.
    public var registrationNo: String
    public var version: Int
    public var status: ApplicationStatus
    /// ISO 8601 with its offset, e.g. `2023-05-09T20:15:00+08:00`; kept as sent.
    public var submittedAt: String
    /// `primary` (小学) or `junior` (初中); ``ApplicationLine`` checks it on submitted lines.
    public var stage: String?
    /// 区镇 of the current residence.
    public var town: String?
    public var student: Person?
    public var guardians: [Person]?
    /// 积分主体: the parent whose records earn the family's points.
    public var pointsSubject: Person?
    public var familyMembers: [Person]?
    public var property: PropertyDeclaration?
    public var schoolChoices: SchoolChoices?

    public init(
        applicationId: String,
        registrationNo: String,
        version: Int,
        status: ApplicationStatus,
        submittedAt: String,
        stage: String? = nil,
        town: String? = nil,
        student: Person? = nil,
        guardians: [Person]? = nil,
        pointsSubject: Person? = nil,
        familyMembers: [Person]? = nil,
        property: PropertyDeclaration? = nil,
        schoolChoices: SchoolChoices? = nil
    ) {
        self.applicationId = applicationId
        self.registrationNo = registrationNo
        self.version = version
        self.status = status
        self.submittedAt = submittedAt
        self.stage = stage
        self.town = town
        self.student = student
        self.guardians = guardians
        self.pointsSubject = pointsSubject
        self.familyMembers = familyMembers
        self.property = property
        self.schoolChoices = schoolChoices
    }

    /// Whether the application is to be matched at all.
    public var isLive: Bool { status == .submitted }
}

/// Where an application stands on the portal.
public enum ApplicationStatus: String, Hashable, Sendable, Codable {
    case submitted
    /// 撤销提交: the parent took it back to edit it.
    case withdrawn
    /// 删除该子女: the child was removed from the account.
    case deleted
}

/// 住宅房产信息: the home the family declares, if any.
public struct PropertyDeclaration: Hashable, Sendable, Codable {
    /// true = 我有住宅类房产.
    public var declared: Bool
    public var certificateType: CertificateType?
    /// 不动产权证 only: the year in the brackets, as typed.
    public var certificateYear: String?
    public var certificateNumber: String?
    /// 房屋所有权人.
    public var owner: Person?
    public var soleOwner: Bool?
    /// Relations ticked as 房屋产权共有人: `father`, `mother` or `sibling`.
    public var coOwners: [String]?
    /// 房屋坐落 as typed.
    public var address: String?

    public init(
        declared: Bool,
        certificateType: CertificateType? = nil,
        certificateYear: String? = nil,
        certificateNumber: String? = nil,
        owner: Person? = nil,
        soleOwner: Bool? = nil,
        coOwners: [String]? = nil,
        address: String? = nil
    ) {
        self.declared = declared
        self.certificateType = certificateType
        self.certificateYear = certificateYear
        self.certificateNumber = certificateNumber
        self.owner = owner
        self.soleOwner = soleOwner
        self.coOwners = coOwners
        self.address = address
    }
}

/// The schools a family chose; null means 无 or 放弃.
public struct SchoolChoices: Hashable, Sendable, Codable {
    public var privateFirst: String?
    public var `public`: String?
    public var privateSecond: String?
}

extension Application {
    /// The lookup keys (``MatchRules/lookupKey(of:as:)``) of everyone the application
    /// names: the student, the guardians, the points subject, the family members and the
    /// home's owner, by which support finds it. An empty number is no number: no query can
    /// mean it.
    public var personLookupKeys: Set<String> {
        // Read person by person where they are: every export line is indexed, and gathering
        // the people in an array first copied each of them.
        var keys = Set<String>(minimumCapacity: 8)
        func add(_ idNumber: String, _ idType: IDType) {
            let key = MatchRules.lookupKey(of: idNumber, as: idType)
            if !key.isEmpty {
                keys.insert(key)
            }
        }
        if let student { add(student.idNumber, student.idType) }
        if let pointsSubject { add(pointsSubject.idNumber, pointsSubject.idType) }
        if let owner = property?.owner { add(owner.idNumber, owner.idType) }
        for guardian in guardians ?? [] { add(guardian.idNumber, guardian.idType) }
        for member in familyMembers ?? [] { add(member.idNumber, member.idType) }
        return keys
    }
}

extension Application {
    /// The application with only what matching reads of it: its id, version and status,
    /// the points subject and the declared home.
    ///
    /// A night holds a province's live applications from reading the export to matching
    /// them; without the student, guardians, family members and school choices each takes
    /// about half the memory. ``MatchRules/match(_:against:)`` gives the same result for it
    /// as for the whole application.
    public var matchingView: Application {
        Application(
            applicationId: applicationId,
            registrationNo: "",
            version: version,
            status: status,
            submittedAt: "",
            pointsSubject: pointsSubject,
            property: property
        )
    }
}

/// A person as one insurance department registers them (one row of its `persons.csv`).
public struct InsuredPerson: Hashable, Sendable, Codable {
    /// 社保个人编号 at 人社, 医保个人内码 at 医保.
    public var personalNumber: String
    /// The name as registered.
    public var name: String
    /// The ID number as registered: legacy 15-digit numbers and lowercase `x` occur.
    public var idNumber: String
    /// 账户状态 at 医保; nil at 人社, which has no account state.
    public var accountStatus: String?
    /// Whether ``accountStatus`` is one the mapping calls normal (正常).
    public var accountIsNormal: Bool

    public init(
        personalNumber: String,
        name: String,
        idNumber: String,
        accountStatus: String? = nil,
        accountIsNormal: Bool = true
    ) {
        self.personalNumber = personalNumber
        self.name = name
        self.idNumber = idNumber
        self.accountStatus = accountStatus
        self.accountIsNormal = accountIsNormal
    }
}

/// One period of contributions (one row of a department's `contributions.csv`).
public struct ContributionPeriod: Hashable, Sendable, Codable {
    public var personalNumber: String
    /// 险种类型, e.g. `110`.
    public var insuranceType: String
    public var firstMonth: YearMonth
    /// nil while still paying: the period runs to the snapshot's month.
    public var lastMonth: YearMonth?
    /// 参保地: the 6-digit region code where it was paid.
    public var region: String

    public init(
        personalNumber: String,
        insuranceType: String,
        firstMonth: YearMonth,
        lastMonth: YearMonth?,
        region: String
    ) {
        self.personalNumber = personalNumber
        self.insuranceType = insuranceType
        self.firstMonth = firstMonth
        self.lastMonth = lastMonth
        self.region = region
    }
}

/// What one insurance department holds for one ID number: the evidence the rules read.
public struct DepartmentEvidence: Hashable, Sendable {
    public var department: Department
    /// Everyone the department registers under the ID number.
    public var persons: [InsuredPerson]
    /// The contributions of those persons.
    public var contributions: [ContributionPeriod]
    /// The month of the snapshot: open periods run up to it.
    public var snapshotMonth: YearMonth

    public init(
        department: Department,
        persons: [InsuredPerson],
        contributions: [ContributionPeriod],
        snapshotMonth: YearMonth
    ) {
        self.department = department
        self.persons = persons
        self.contributions = contributions
        self.snapshotMonth = snapshotMonth
    }
}

/// One owner row of a certificate in the property registry.
public struct RegisteredOwnership: Hashable, Sendable, Codable {
    public var certificateType: CertificateType
    /// The number as printed, e.g. `苏(2019)昆山市不动产权第0123456号`.
    public var printedNumber: String
    /// 权利人.
    public var ownerName: String
    public var ownerIdNumber: String
    /// 共有方式: `单独所有`, `共同共有` or `按份共有`.
    public var ownershipForm: String
    /// 规划用途.
    public var plannedUse: String
    /// 坐落.
    public var address: String
    /// 登记时间.
    public var registeredOn: CalendarDate
    /// 权属状态: only `现势` rows are live.
    public var state: String
    public var isLive: Bool
    /// Whether the mapping calls ``ownershipForm`` sole ownership (单独所有).
    public var isSoleOwnership: Bool

    public init(
        certificateType: CertificateType,
        printedNumber: String,
        ownerName: String,
        ownerIdNumber: String,
        ownershipForm: String,
        plannedUse: String,
        address: String,
        registeredOn: CalendarDate,
        state: String,
        isLive: Bool,
        isSoleOwnership: Bool
    ) {
        self.certificateType = certificateType
        self.printedNumber = printedNumber
        self.ownerName = ownerName
        self.ownerIdNumber = ownerIdNumber
        self.ownershipForm = ownershipForm
        self.plannedUse = plannedUse
        self.address = address
        self.registeredOn = registeredOn
        self.state = state
        self.isLive = isLive
        self.isSoleOwnership = isSoleOwnership
    }
}

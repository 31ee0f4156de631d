/// What support staff read about one application: what was typed and what it became, what
/// each department holds for it, which rule decided each outcome, what the parent should do,
/// and the records the parent most likely meant.
///
/// Every personal value in it is masked (`王*`, `320583********123X`); records of people
/// outside the family are never in it at all.
public struct Diagnosis: Hashable, Sendable, Codable {
    public var applicationId: String
    public var version: Int
    /// 报名号 of the family account.
    public var registrationNo: String
    /// `submitted`, `withdrawn` or `deleted`.
    public var status: String
    /// Every value the parent typed that the matching reads, in form order.
    public var typed: [TypedValue]
    public var socialInsurance: Finding
    public var property: Finding

    public init(
        applicationId: String,
        version: Int,
        registrationNo: String,
        status: String,
        typed: [TypedValue],
        socialInsurance: Finding,
        property: Finding
    ) {
        self.applicationId = applicationId
        self.version = version
        self.registrationNo = registrationNo
        self.status = status
        self.typed = typed
        self.socialInsurance = socialInsurance
        self.property = property
    }
}

/// One typed value and what normalising made of it.
public struct TypedValue: Hashable, Sendable, Codable {
    /// The field's path in the application export, e.g. `pointsSubject.idNumber`.
    public var field: String
    /// The field as the form names it, e.g. `积分主体 身份证件号码`.
    public var label: String
    /// As typed, masked.
    public var typed: String
    /// After normalising, masked; nil when the value cannot be read as one of its kind.
    public var normalized: String?
    /// Every step that changed something, in English, masked.
    public var steps: [String]
    /// Why the value cannot be read, in Chinese for support staff; nil when it can.
    public var problem: String?

    public init(
        field: String,
        label: String,
        typed: String,
        normalized: String?,
        steps: [String],
        problem: String? = nil
    ) {
        self.field = field
        self.label = label
        self.typed = typed
        self.normalized = normalized
        self.steps = steps
        self.problem = problem
    }
}

/// How one half of the result (social insurance or property) came about.
public struct Finding: Hashable, Sendable, Codable {
    /// The outcome the rules reach on the evidence, e.g. `SI_NAME_MISMATCH`.
    public var outcome: String
    /// Every problem found, in the contract's order.
    public var problems: [String]
    /// The keys looked up in each source and what the source holds for them.
    public var lookups: [Lookup]
    /// The rule behind each problem (or behind the match), with the parent's next step.
    public var decisions: [Decision]
    /// The records the parent most likely meant, and how they differ.
    public var nearMisses: [NearMiss]

    public init(
        outcome: String,
        problems: [String],
        lookups: [Lookup] = [],
        decisions: [Decision] = [],
        nearMisses: [NearMiss] = []
    ) {
        self.outcome = outcome
        self.problems = problems
        self.lookups = lookups
        self.decisions = decisions
        self.nearMisses = nearMisses
    }
}

/// One key looked up in one source, and what the source holds for it.
public struct Lookup: Hashable, Sendable, Codable {
    /// `人社`, `医保` or `不动产登记`.
    public var source: String
    /// The delivery read, `YYYY-MM-DD`; nil when none could be used.
    public var delivery: String?
    /// What was looked up, masked: an ID number or a certificate key.
    public var key: String
    /// One line per record held for the key, masked; empty when the source holds none.
    public var records: [String]
    /// Why nothing could be looked up (no usable delivery, a refused row of this key).
    public var unavailable: String?

    public init(
        source: String,
        delivery: String?,
        key: String,
        records: [String],
        unavailable: String? = nil
    ) {
        self.source = source
        self.delivery = delivery
        self.key = key
        self.records = records
        self.unavailable = unavailable
    }
}

/// The rule that produced one outcome code, the facts it read, and what the parent does.
public struct Decision: Hashable, Sendable, Codable {
    public var code: String
    /// The rule in English, as the outcome table states it.
    public var rule: String
    /// The facts the rule read, masked.
    public var evidence: [String]
    /// What the parent reads for this code.
    public var parentMessage: String
    /// The parent's next step in plain Chinese: which office, what to bring, what to correct.
    public var nextStep: String

    public init(
        code: String,
        rule: String,
        evidence: [String],
        parentMessage: String,
        nextStep: String
    ) {
        self.code = code
        self.rule = rule
        self.evidence = evidence
        self.parentMessage = parentMessage
        self.nextStep = nextStep
    }
}

/// A record tied to this family that the parent most likely meant, and how it differs
/// from what was typed.
public struct NearMiss: Hashable, Sendable, Codable {
    public var kind: NearMissKind
    /// What was found and how it differs, in English, masked.
    public var finding: String
    /// The parent's next step in plain Chinese.
    public var nextStep: String

    public init(kind: NearMissKind, finding: String, nextStep: String) {
        self.kind = kind
        self.finding = finding
        self.nextStep = nextStep
    }
}

/// The kinds of near miss the diagnosis looks for. Each is searched only among records tied
/// to the family: its members' ID numbers, or the certificate number the parent entered.
public enum NearMissKind: String, Hashable, Sendable, Codable, CaseIterable {
    /// The department registers the points subject's ID under a name one character off.
    case subjectNameSlip
    /// The points subject is registered under several 社保个人编号 or 医保个人内码.
    case severalPersonalNumbers
    /// Months paid outside the counted regions, which do not count.
    case monthsOutsideKunshan
    /// The other guardian is registered at the department that lacks the points subject.
    case otherGuardianInsured
    /// A family member owns a 不动产权证 with the typed serial, in another year.
    case certificateOtherYear
    /// A family member owns a certificate with the typed number, of the other type.
    case certificateOtherType
    /// A family member owns a certificate whose number is one slip off the typed one, or
    /// another certificate the family could declare.
    case familyCertificate
    /// The declared certificate is registered to another family member than the one entered.
    case certificateOwnedByOtherMember
    /// The owner's ID number differs from the registered one by one digit or two swapped.
    case ownerIDSlip
    /// The owner's name differs from the registered one by one character.
    case ownerNameSlip
    /// The address differs from the registered one only in building, unit or room, or
    /// leaves out the unit.
    case addressUnitOrRoom
    /// The declared certificate is cancelled (注销) or superseded (历史).
    case certificateNotLive
}

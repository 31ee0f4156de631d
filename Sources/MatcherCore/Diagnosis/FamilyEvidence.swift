/// Everything the sources hold that is tied to one family, as one run's deliveries had it:
/// the input of a diagnosis.
///
/// Only records reached through the family's own ID numbers or the certificate number the
/// parent entered are in it, so nothing about another family can reach a diagnosis.
public struct FamilyEvidence: Sendable {
    /// Exactly what the rules read in the run, built as the nightly run builds it.
    public var evidence: ApplicationEvidence
    /// What 人社 holds under each family member's ID lookup key; nil when no delivery of
    /// 人社 could be read.
    public var hrssByIDKey: [String: DepartmentEvidence]?
    /// The same for 医保.
    public var medicalByIDKey: [String: DepartmentEvidence]?
    /// The registry rows tied to the family: every row of the declared certificate, of the
    /// same number in other years or of the other type, and of every certificate a family
    /// member owns; nil when no registry delivery could be read.
    public var registryRows: [RegisteredOwnership]?
    /// The delivery each source was read from (`hrss`, `medical`, `registry` →
    /// `YYYY-MM-DD`).
    public var deliveries: [String: String]
    /// Why a source had no delivery to read, by source; shown for a pending half.
    public var unavailable: [String: String]
    /// The declared certificate's state in earlier deliveries, newest first: how a
    /// cancelled certificate is dated.
    public var certificateSightings: [CertificateSighting]

    public init(
        evidence: ApplicationEvidence,
        hrssByIDKey: [String: DepartmentEvidence]? = nil,
        medicalByIDKey: [String: DepartmentEvidence]? = nil,
        registryRows: [RegisteredOwnership]? = nil,
        deliveries: [String: String] = [:],
        unavailable: [String: String] = [:],
        certificateSightings: [CertificateSighting] = []
    ) {
        self.evidence = evidence
        self.hrssByIDKey = hrssByIDKey
        self.medicalByIDKey = medicalByIDKey
        self.registryRows = registryRows
        self.deliveries = deliveries
        self.unavailable = unavailable
        self.certificateSightings = certificateSightings
    }
}

/// The declared certificate as one earlier registry delivery showed it.
public struct CertificateSighting: Hashable, Sendable {
    /// The delivery's day.
    public var delivery: CalendarDate
    /// Whether any row of the certificate was live (现势) in that delivery; nil when the
    /// delivery had no row of it.
    public var wasLive: Bool?

    public init(delivery: CalendarDate, wasLive: Bool?) {
        self.delivery = delivery
        self.wasLive = wasLive
    }
}

import MatcherCore

/// What `matcher diagnose` prints: every application the query found, explained as one run
/// left it.
public struct DiagnosisReport: Hashable, Sendable, Codable {
    /// The query as typed, masked: it may be someone's ID number.
    public var query: String
    /// The run the diagnosis explains.
    public var run: RunSummary
    public var applications: [ApplicationDiagnosis]
    /// Applications the query also found but that were not explained: a query that finds
    /// this many is too wide for one screen.
    public var notExplained = 0

    public struct RunSummary: Hashable, Sendable, Codable {
        public var id: Int64
        /// The day the run was for, `YYYY-MM-DD`.
        public var day: String
        public var status: String
    }
}

/// One application as a run left it: what its parent saw, why, and how it got there.
public struct ApplicationDiagnosis: Hashable, Sendable, Codable {
    public var applicationId: String
    /// The result the parent saw after the run; nil when the application had none.
    public var shown: ShownResult?
    /// The explanation, from the deliveries the result was computed from; nil when the
    /// application had no version the run knew.
    public var diagnosis: Diagnosis?
    /// Whether matching again on those deliveries reaches the outcomes the parent saw.
    public var agreesWithShown: Bool
    /// What support staff should know before reading on: a changed mapping, a delivery
    /// that is gone, an application that is withdrawn.
    public var notes: [String]
    /// Every result the application has had, oldest first, and why each changed.
    public var history: [HistoryEntry]
}

/// The result a parent saw, as the store keeps it.
public struct ShownResult: Hashable, Sendable, Codable {
    /// The run that computed it, and that run's day.
    public var runId: Int64
    public var day: String
    public var version: Int
    public var socialInsurance: String
    public var socialInsuranceProblems: [String]
    public var property: String
    public var propertyProblems: [String]
    /// The messages the parent read, social insurance first.
    public var parentMessages: [String]
    public var socialInsurancePoints: Double?
    public var propertyPoints: Double?
}

/// One result of the application's history.
public struct HistoryEntry: Hashable, Sendable, Codable {
    public var runId: Int64
    public var day: String
    public var version: Int
    public var socialInsurance: String
    public var property: String
    /// Why the application was matched in this run, and what its result changed.
    public var changes: [String]
}

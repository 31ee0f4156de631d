import Foundation

/// One version of one application as the store keeps it.
public struct StoredApplication: Hashable, Sendable {
    public var applicationId: String
    public var version: Int
    public var status: String
    public var registrationNo: String
    public var submittedAt: String
    /// The application as canonical JSON (sorted keys), exactly as received otherwise.
    public var document: Data
    /// The lookup keys of everyone it names (``Application/personLookupKeys``), when the
    /// caller has the decoded application at hand; nil has the store decode the document.
    public var personLookupKeys: Set<String>?

    public init(
        applicationId: String,
        version: Int,
        status: String,
        registrationNo: String,
        submittedAt: String,
        document: Data,
        personLookupKeys: Set<String>? = nil
    ) {
        self.applicationId = applicationId
        self.version = version
        self.status = status
        self.registrationNo = registrationNo
        self.submittedAt = submittedAt
        self.document = document
        self.personLookupKeys = personLookupKeys
    }
}

/// One result of one application version, produced by one run.
public struct StoredResult: Hashable, Sendable {
    public var applicationId: String
    public var version: Int
    public var runId: Int64
    public var matchedAt: String
    public var socialInsuranceOutcome: String
    public var propertyOutcome: String
    /// The result as canonical JSON, without the run's id and time: two runs that reach the
    /// same result store the same bytes, which is how a re-run knows nothing changed.
    public var document: Data
    /// What the result was computed from (JSON), as the run that last checked it saw it.
    public var inputs: Data?
    /// The day of the run that produced the result, when read from the store.
    public var runAsOf: String?

    public init(
        applicationId: String,
        version: Int,
        runId: Int64,
        matchedAt: String,
        socialInsuranceOutcome: String,
        propertyOutcome: String,
        document: Data,
        inputs: Data? = nil,
        runAsOf: String? = nil
    ) {
        self.applicationId = applicationId
        self.version = version
        self.runId = runId
        self.matchedAt = matchedAt
        self.socialInsuranceOutcome = socialInsuranceOutcome
        self.propertyOutcome = propertyOutcome
        self.document = document
        self.inputs = inputs
        self.runAsOf = runAsOf
    }
}

/// A delivery a run used.
public struct DeliveryUse: Hashable, Sendable {
    public var source: String
    public var date: String
    public var path: String
    /// What identifies this delivery's content: the SHA-256 of its manifest.
    public var fingerprint: String

    public init(source: String, date: String, path: String, fingerprint: String) {
        self.source = source
        self.date = date
        self.path = path
        self.fingerprint = fingerprint
    }
}

/// An input a run refused, kept so it can be found again and resubmitted.
public struct RefusedInput: Hashable, Sendable {
    /// The file, e.g. `applications.jsonl` or `hrss/2023-05-10/persons.csv`.
    public var input: String
    public var line: Int?
    public var reason: String
    /// The refused bytes themselves where they are not kept elsewhere (an export line);
    /// nil for delivery rows, whose files stay in their delivery folder.
    public var raw: Data?

    public init(input: String, line: Int?, reason: String, raw: Data? = nil) {
        self.input = input
        self.line = line
        self.reason = reason
        self.raw = raw
    }
}

/// How a run ended.
public enum RunStatus: String, Sendable, Codable {
    case running
    /// Everything read and matched.
    case succeeded
    /// Finished, but something was refused or is pending.
    case partial
    case failed
}

/// A run as the store records it.
public struct RunRecord: Hashable, Sendable {
    public var id: Int64
    public var startedAt: String
    public var finishedAt: String?
    public var asOf: String
    public var status: RunStatus
    /// The run's report as JSON; nil while running or when the run died.
    public var report: Data?
}

/// Everything one run changes, written in one transaction.
public struct RunCommit: Sendable {
    public var runId: Int64
    public var newApplicationVersions: [StoredApplication] = []
    public var newResults: [StoredResult] = []
    /// Results of a backfilled day that a later day's result already supersedes: kept in
    /// the history, not shown.
    public var historicalResults: [StoredResult] = []
    /// Applications whose result was checked and found unchanged, with the inputs it was
    /// checked against.
    public var recheckedInputs: [String: Data] = [:]
    /// Applications withdrawn or deleted: they lose their current result.
    public var retiredApplications: [String] = []
    public var deliveries: [DeliveryUse] = []
    public var refused: [RefusedInput] = []
    public var finishedAt: String
    public var status: RunStatus
    public var report: Data

    public init(runId: Int64, finishedAt: String, status: RunStatus, report: Data) {
        self.runId = runId
        self.finishedAt = finishedAt
        self.status = status
        self.report = report
    }
}

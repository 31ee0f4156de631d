import MatcherCore

/// What one run did, as it is printed for the operator and stored with the run.
///
/// Holds no personal data: applications are named by the portal's ids, refused inputs by
/// file and line, and reasons never quote what was typed.
public struct RunReport: Codable, Sendable, Hashable {
    public var runId: Int64
    public var asOf: String
    public var policyYear: Int
    public var startedAt: String
    public var finishedAt: String = ""
    public var status: String = "running"
    public var applications = ApplicationCounts()
    public var results = ResultCounts()
    /// Outcome code → number of live applications whose current result has it.
    public var outcomes: [String: Int] = [:]
    public var refusedLines: [RefusedLine] = []
    public var deliveries: [DeliveryReport] = []
    public var refusedDeliveries: [RefusedDelivery] = []
    public var refusedRows: [RefusedRow] = []
    /// Sources with no usable delivery: their half of every result is pending.
    public var pendingSources: [String] = []
    /// Things an operator should look at that refused nothing: a stray folder among the
    /// deliveries, an empty export.
    public var warnings: [String] = []
    public var staleDeliveries: [StaleDelivery] = []
    /// Why each live application was matched again, or kept.
    public var plan = Plan()
    /// The outcome counts of the previous finished run, for the change since then.
    public var previousOutcomes: [String: Int]?
    /// The previous finished run, whose outcomes these are compared with.
    public var previousRunId: Int64?
    public var phases: [Phase] = []
    /// Set when the results were stored but the result export could not be written.
    public var exportError: String?
    /// Why the run failed and stored nothing, when it did.
    public var failure: String?
    public var durationSeconds: Double = 0

    public init(runId: Int64, asOf: String, policyYear: Int, startedAt: String) {
        self.runId = runId
        self.asOf = asOf
        self.policyYear = policyYear
        self.startedAt = startedAt
    }

    /// True when the run stored no new result and retired none.
    public var changedNothing: Bool {
        results.changed == 0 && results.retired == 0 && applications.newVersions == 0
    }

    /// What the night's export held, and what it changed.
    public struct ApplicationCounts: Codable, Sendable, Hashable {
        /// Lines that held an application (taken or refused).
        public var linesRead = 0
        public var refused = 0
        /// Applications never seen before.
        public var new = 0
        /// A higher version of an application already stored.
        public var resubmitted = 0
        public var withdrawn = 0
        public var deleted = 0
        /// The same version as stored, with the same content.
        public var unchanged = 0
        /// Applications whose latest version is submitted, after this export.
        public var live = 0

        /// Every version stored: withdrawals and deletions are versions too.
        public var newVersions: Int { new + resubmitted + withdrawn + deleted }
    }

    /// Which live applications a run matches, and why; the rest keep their result.
    public struct Plan: Codable, Sendable, Hashable {
        /// No result yet, or a new version since the last one.
        public var newOrChangedApplication = 0
        /// The last result waited for a feed.
        public var pendingBefore = 0
        /// Applications for which what a source holds changed since their last result.
        public var sourceDataChangedApplications = 0
        /// The same by source; an application whose data changed at two sources counts under
        /// both.
        public var sourceDataChanged: [String: Int] = [:]
        /// The policy, the messages or a mapping changed since the last result.
        public var rulesChanged = 0
        /// A backfilled day: every live application is matched for that day.
        public var backfill = 0
        /// Nothing the result depends on changed: the result is kept as it is.
        public var unchanged = 0

        public var matched: Int {
            newOrChangedApplication + pendingBefore + sourceDataChangedApplications
                + rulesChanged + backfill
        }
    }

    /// What matching produced.
    public struct ResultCounts: Codable, Sendable, Hashable {
        public var matched = 0
        /// Results that differ from what the application showed before (or are its first).
        public var changed = 0
        public var unchanged = 0
        public var pending = 0
        /// Withdrawn or deleted applications whose current result was taken away.
        public var retired = 0
        /// Results whose new half was pending, and that kept the half found before instead,
        /// so a broken night does not take a result away from a parent.
        public var keptWhilePending = 0
    }

    public struct RefusedLine: Codable, Sendable, Hashable {
        public var line: Int
        public var applicationId: String?
        public var reason: String
    }

    public struct DeliveryReport: Codable, Sendable, Hashable {
        public var source: String
        public var date: String
        public var path: String
        /// Data rows read per file, as the manifest promised.
        public var rows: [String: Int]
        /// Rows kept because an application needs them.
        public var rowsKept: Int
        /// Days between the delivery's date and the run's day.
        public var ageDays: Int
    }

    /// A source whose newest complete delivery is older than the allowed age.
    public struct StaleDelivery: Codable, Sendable, Hashable {
        public var source: String
        public var date: String
        public var ageDays: Int
        /// Whether it was used all the same (`--allow-stale`).
        public var used: Bool
    }

    public struct RefusedDelivery: Codable, Sendable, Hashable {
        public var source: String
        public var date: String
        public var reason: String
    }

    public struct RefusedRow: Codable, Sendable, Hashable {
        public var file: String
        public var line: Int
        public var reason: String
    }

    public struct Phase: Codable, Sendable, Hashable {
        public var name: String
        public var seconds: Double
        /// The process's peak resident memory at the phase's end, in bytes: what the run
        /// needed so far, for sizing the machine. Absent from reports of older runs.
        public var peakMemoryBytes: Int?
        /// The processor time the whole process spent in the phase, user and system, on
        /// every core: above `seconds` when the phase kept several cores busy. Absent from
        /// reports of older runs.
        public var cpuSeconds: Double?
    }
}

import Foundation
import MatcherCore
import MatcherStore

/// How a run matches its live applications, a slice at a time, and what it keeps of each
/// slice: the counts for the report, the results to store and the lines of the export.
struct NightMatching {
    private let context: ReviewContext
    /// How often each outcome is shown after the run, over the slices matched so far.
    private(set) var outcomes: [String: Int] = [:]

    /// What one slice gives.
    struct Slice {
        /// New results, current ones unless the run is a backfill.
        var results: [StoredResult] = []
        /// Results found unchanged, with the inputs they were checked against.
        var rechecked: [(applicationId: String, inputs: Data)] = []
        /// The export's line of every application of the slice that shows a result, in
        /// order; a line that could not be made is its error.
        var exportLines: [Result<Data, SyncError>] = []
    }

    init(
        runId: Int64,
        matchedAt: String,
        isBackfill: Bool,
        feeds: FeedSet,
        setup: MatchingSetup
    ) {
        context = ReviewContext(
            runId: runId,
            matchedAt: matchedAt,
            isBackfill: isBackfill,
            feeds: feeds,
            setup: setup
        )
    }

    /// Matches a slice of live applications against tonight's feeds, given the results
    /// they show now, and counts what it planned and found into `report`.
    mutating func match(
        _ slice: ArraySlice<Application>,
        previous: [String: StoredResult],
        into report: inout RunReport
    ) throws(SyncError) -> Slice {
        let context = self.context
        let reviews = slice.parallelMap(minimumSlice: 64) { application in
            ApplicationReview(application, previous: previous[application.applicationId], context)
        }
        var gathered = Slice()
        // Read in place: a copy of each review and application would be retained and
        // released here, in order, while the other cores wait for the next slice.
        for (index, applicationIndex) in zip(reviews.indices, slice.indices) {
            report.plan.count(reviews[index].reason)
            if let line = reviews[index].exportLine {
                gathered.exportLines.append(line)
            }
            guard reviews[index].isMatched else {
                if let previous = previous[slice[applicationIndex].applicationId] {
                    outcomes[previous.socialInsuranceOutcome, default: 0] += 1
                    outcomes[previous.propertyOutcome, default: 0] += 1
                }
                continue
            }
            if reviews[index].keptFoundHalves {
                report.results.keptWhilePending += 1
            }
            let stored = try reviews[index].stored.get()
            outcomes[stored.socialInsuranceOutcome, default: 0] += 1
            outcomes[stored.propertyOutcome, default: 0] += 1
            report.results.matched += 1
            if reviews[index].isPending { report.results.pending += 1 }
            if reviews[index].isUnchanged {
                report.results.unchanged += 1
                gathered.rechecked.append((stored.applicationId, reviews[index].inputs))
                continue
            }
            report.results.changed += 1
            gathered.results.append(stored)
        }
        return gathered
    }
}

/// What every review of a run reads; a class, so that a review reads the feeds and the
/// rules where they are instead of copying them for each application.
final class ReviewContext: Sendable {
    let runId: Int64
    let matchedAt: String
    let isBackfill: Bool
    let feeds: FeedSet
    let setup: MatchingSetup

    init(runId: Int64, matchedAt: String, isBackfill: Bool, feeds: FeedSet, setup: MatchingSetup) {
        self.runId = runId
        self.matchedAt = matchedAt
        self.isBackfill = isBackfill
        self.feeds = feeds
        self.setup = setup
    }
}

/// What matching one application tonight gives: why it is matched, its result as the
/// store keeps it, and the line the export shows for it; made on any thread, from values
/// only read.
struct ApplicationReview: Sendable {
    /// Why the application is matched; nil keeps its stored result.
    var reason: MatchReason?
    /// The fingerprints of what the result was computed from, encoded.
    var inputs: Data
    /// Whether the application was matched tonight, and whether a half of its new result
    /// is pending; the result itself is in `stored`.
    var isMatched = false
    var isPending = false
    /// The new result as the store keeps it, made by this run.
    var stored: Result<StoredResult, SyncError> = .failure(SyncError(.output, "no result"))
    /// Whether the new result is the one the application shows already (same version and
    /// document), so that only its inputs need recording.
    var isUnchanged = false
    /// Whether a pending half kept what the same version showed before.
    var keptFoundHalves = false
    /// The export's line for the result the application shows after the run; nil when it
    /// shows none.
    var exportLine: Result<Data, SyncError>?

    init(_ application: Application, previous: StoredResult?, _ context: ReviewContext) {
        let evidence = context.feeds.evidence(for: application, rules: context.setup.rules)
        let inputs = ResultInputs(evidence: evidence, rules: context.setup.fingerprint)
        self.inputs = inputs.data
        reason = MatchReason.of(
            application,
            previous: previous,
            inputs: inputs,
            isBackfill: context.isBackfill
        )
        defer {
            exportLine = Self.exportLine(shown: shownResult(previous: previous, context))
        }
        guard reason != nil else { return }
        var result = context.setup.rules.match(application, against: evidence)
        if result.isPending, let previous, previous.version == application.version {
            keptFoundHalves = Self.keepFoundHalves(of: previous, in: &result)
        }
        isMatched = true
        isPending = result.isPending
        let inputData = self.inputs
        stored = Result { () throws(SyncError) in
            StoredResult(
                applicationId: application.applicationId,
                version: application.version,
                runId: context.runId,
                matchedAt: context.matchedAt,
                socialInsuranceOutcome: result.socialInsurance.outcome.rawValue,
                propertyOutcome: result.property.outcome.rawValue,
                document: try ResultExport.document(of: result),
                inputs: inputData
            )
        }
        if !context.isBackfill, let previous, previous.version == application.version,
            case .success(let made) = stored, previous.document == made.document
        {
            isUnchanged = true
        }
    }

    /// The result the application shows once the run is stored: the new one unless it
    /// equals the one shown, or the run is a backfill, whose results only go to history.
    private func shownResult(previous: StoredResult?, _ context: ReviewContext)
        -> Result<StoredResult, SyncError>?
    {
        guard isMatched, !context.isBackfill, !isUnchanged else {
            return previous.map { .success($0) }
        }
        return stored
    }

    private static func exportLine(shown: Result<StoredResult, SyncError>?)
        -> Result<Data, SyncError>?
    {
        shown.map { shown in
            shown.flatMap { stored in
                Result { () throws(SyncError) in
                    do {
                        return try ResultExport.line(of: stored)
                    } catch {
                        throw SyncError(
                            .output,
                            "cannot write the result of \(stored.applicationId): \(error)"
                        )
                    }
                }
            }
        }
    }

    /// A half that is pending tonight keeps what the same version showed before: a feed
    /// that is late or broken must not take a found result away from a parent. Returns
    /// whether a half was kept.
    private static func keepFoundHalves(of previous: StoredResult, in result: inout MatchResult)
        -> Bool
    {
        guard let before = try? JSONDecoder().decode(MatchResult.self, from: previous.document)
        else { return false }
        var kept = false
        if result.socialInsurance.outcome == .pending
            && before.socialInsurance.outcome != .pending
        {
            result.socialInsurance = before.socialInsurance
            kept = true
        }
        if result.property.outcome == .pending && before.property.outcome != .pending {
            result.property = before.property
            kept = true
        }
        return kept
    }
}

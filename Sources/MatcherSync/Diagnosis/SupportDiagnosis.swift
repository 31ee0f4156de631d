import Foundation
import MatcherCore
import MatcherFeeds
import MatcherStore

/// Explains applications as a past run left them, for support staff: finds the
/// applications a query names, reads again the deliveries their results were computed
/// from (only the rows tied to each family), and hands them to the ``Diagnostician``.
///
/// Reads the store and the deliveries; writes nothing, so it is safe beside a running sync.
public struct SupportDiagnosis {
    public var store: MatcherStore
    /// The mappings the runs were made with: policies, messages, addresses, feeds, guidance.
    public var mappingsDirectory: String
    /// How many earlier registry deliveries are read to date a cancelled certificate.
    public var earlierDeliveriesLimit = 30
    /// How many applications one query explains; a query that finds more is too wide to
    /// read on one screen, and the report says how many were left out.
    static let applicationsLimit = 20

    public init(store: MatcherStore, mappingsDirectory: String) {
        self.store = store
        self.mappingsDirectory = mappingsDirectory
    }

    /// Diagnoses every application `query` finds: an application id, a 报名号, or the ID
    /// number of anyone on an application. `runId` nil takes the latest finished run.
    public func diagnose(query: String, runId: Int64? = nil) throws(SyncError)
        -> DiagnosisReport
    {
        let maskedQuery = Self.masked(query: query)
        let run = try selectRun(runId)
        let ids = try SyncError.fromStore { () throws(StoreError) in
            // Application ids and 报名号 are upper case; a query typed in lower case means
            // the same application.
            let found = try store.applicationIds(matching: query)
            return found.isEmpty ? try store.applicationIds(matching: query.uppercased()) : found
        }
        guard !ids.isEmpty else {
            throw SyncError(
                .input,
                "no application matches \(maskedQuery): give an application id, a 报名号, or "
                    + "the ID number of anyone on an application"
            )
        }
        guard let day = CalendarDate(run.asOf) else {
            throw SyncError(.store, "run \(run.id) has no readable day: \(run.asOf)")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: mappingsDirectory, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw SyncError(
                .configuration,
                "the mappings folder \(mappingsDirectory) does not exist: run from the folder the "
                    + "sync runs in, or give --mappings"
            )
        }
        let setup = try MatchingSetup.load(mappingsDirectory: mappingsDirectory, asOf: day)
        let guidance = try Self.guidance(in: mappingsDirectory)
        let diagnostician = Diagnostician(rules: setup.rules, guidance: guidance)
        let explained = Array(ids.prefix(Self.applicationsLimit))
        var versions: [VersionAtRun] = []
        var keys = FamilyKeys()
        for id in explained {
            let version = try self.version(of: id, atRun: run.id)
            if let application = version.application {
                keys.formUnion(FamilyKeys(of: application, rules: setup.rules))
            }
            versions.append(version)
        }
        let cache = DeliveryReadCache(keys: keys, setup: setup)
        var applications: [ApplicationDiagnosis] = []
        for version in versions {
            applications.append(
                try diagnose(
                    version,
                    at: run,
                    setup: setup,
                    diagnostician: diagnostician,
                    cache: cache
                )
            )
        }
        // A query that is an application's id or 报名号 is shown as the body shows them; any
        // other (an ID number, most likely) stays masked whole.
        let portalIds = Set(versions.flatMap { [$0.applicationId, $0.stored?.registrationNo] })
        let namesAnApplication =
            portalIds.contains(query) || portalIds.contains(query.uppercased())
        return DiagnosisReport(
            query: namesAnApplication ? Mask.portalId(query) : maskedQuery,
            run: DiagnosisReport.RunSummary(id: run.id, day: run.asOf, status: run.status.rawValue),
            applications: applications,
            notExplained: ids.count - explained.count
        )
    }

    /// Reads `guidance.json`, refusing one that leaves an outcome or near miss without words.
    static func guidance(in directory: String) throws(SyncError) -> SupportGuidance {
        let path = "\(directory)/guidance.json"
        let guidance: SupportGuidance = try ConfigurationFile.decode(path)
        do {
            try guidance.validate()
        } catch {
            throw SyncError(.configuration, "\(path) cannot be used: \(error.message)")
        }
        return guidance
    }

    private func selectRun(_ runId: Int64?) throws(SyncError) -> RunRecord {
        let found = try SyncError.fromStore { () throws(StoreError) -> RunRecord? in
            if let runId {
                return try store.run(id: runId)
            }
            // A run still going or one that failed changed nothing the parent sees: the
            // latest finished run is what the parents read this morning.
            let recent = try store.runs(limit: 50)
            return recent.first { $0.status == .succeeded || $0.status == .partial }
                ?? recent.first
        }
        guard let found else {
            throw SyncError(
                .input,
                runId.map { "there is no run \($0); 'matcher runs' lists the runs" }
                    ?? "the store has no runs yet: a sync must run first"
            )
        }
        return found
    }

    /// The version of an application that a run knew.
    struct VersionAtRun {
        var applicationId: String
        /// nil when the application arrived after the run.
        var stored: StoredApplication?
        /// nil when there is no version, or its document cannot be read.
        var application: Application?
    }

    private func version(of id: String, atRun runId: Int64) throws(SyncError) -> VersionAtRun {
        let stored = try SyncError.fromStore { () throws(StoreError) in
            try store.applicationVersion(id, atRun: runId)
        }
        return VersionAtRun(
            applicationId: id,
            stored: stored,
            application: stored.flatMap {
                try? JSONDecoder().decode(Application.self, from: $0.document)
            }
        )
    }

    private func diagnose(
        _ version: VersionAtRun,
        at run: RunRecord,
        setup: MatchingSetup,
        diagnostician: Diagnostician,
        cache: DeliveryReadCache
    ) throws(SyncError) -> ApplicationDiagnosis {
        let applicationId = version.applicationId
        let results = try SyncError.fromStore { () throws(StoreError) in
            try store.results(of: applicationId)
        }
        let history = Self.history(of: results.filter { $0.runId <= run.id })
        // An id keyed in as someone's ID or mobile number is shown as reports show it.
        var diagnosis = ApplicationDiagnosis(
            applicationId: Mask.portalId(applicationId),
            shown: nil,
            diagnosis: nil,
            agreesWithShown: false,
            notes: [],
            history: history
        )
        guard version.stored != nil else {
            diagnosis.notes.append(
                "run \(run.id) did not know this application yet: it arrived in a later run"
            )
            return diagnosis
        }
        guard let application = version.application else {
            diagnosis.notes.append("the stored application document cannot be read")
            return diagnosis
        }
        guard application.isLive else {
            // A withdrawn or deleted application lost its result: the parent sees none, and
            // the version holds nothing to match.
            let earlier = results.filter { $0.runId <= run.id }.last.map {
                "; '--run \($0.runId)' shows the result it had before"
            }
            diagnosis.notes.append(
                "version \(application.version) is \(application.status.rawValue): it has no "
                    + "current result, and the parent sees none" + (earlier ?? "")
            )
            return diagnosis
        }
        let shownResult = Self.shownResult(among: results, atRun: run.id)
        diagnosis.shown = shownResult.flatMap(Self.shown)
        var pendingSources = Set<String>()
        if shownResult?.socialInsuranceOutcome == SocialInsuranceOutcome.pending.rawValue {
            pendingSources.formUnion(["hrss", "medical"])
        }
        if shownResult?.propertyOutcome == PropertyOutcome.pending.rawValue {
            pendingSources.insert("registry")
        }
        let family = try familyEvidence(
            for: application,
            resultRun: shownResult?.runId ?? run.id,
            pendingSources: pendingSources,
            setup: setup,
            cache: cache,
            notes: &diagnosis.notes
        )
        let explained = diagnostician.diagnose(application, family: family)
        diagnosis.diagnosis = explained
        if let shownResult {
            diagnosis.agreesWithShown =
                shownResult.socialInsuranceOutcome == explained.socialInsurance.outcome
                && shownResult.propertyOutcome == explained.property.outcome
                && shownResult.version == application.version
            if !diagnosis.agreesWithShown {
                diagnosis.notes.append(
                    "CAUTION: matching again gives \(explained.socialInsurance.outcome) / "
                        + "\(explained.property.outcome), not what the parent saw "
                        + "(\(shownResult.socialInsuranceOutcome) / "
                        + "\(shownResult.propertyOutcome)); the next steps of a differing half "
                        + "are withheld. Why: "
                        + Self.causes(family: family, pendingSources: pendingSources)
                )
                Self.withholdNextSteps(in: &diagnosis, shown: shownResult)
            }
            if let inputs = ResultInputs.decoded(from: shownResult.inputs),
                inputs.rules != setup.fingerprint
            {
                diagnosis.notes.append(
                    "the mappings in \(mappingsDirectory) differ from those the result was "
                        + "computed under"
                )
            }
        } else if application.isLive {
            diagnosis.notes.append("the application had no result after run \(run.id)")
        }
        return diagnosis
    }

    /// What kept the diagnosis from reading what the run read.
    static func causes(family: FamilyEvidence, pendingSources: Set<String>) -> String {
        let lost = family.unavailable.filter { !pendingSources.contains($0.key) }
            .sorted { $0.key < $1.key }
            .map { "\($0.key): \($0.value)" }
        guard lost.isEmpty else { return lost.joined(separator: "; ") }
        return "every delivery was read as the run read it, so the mappings must have changed "
            + "since"
    }

    /// A half whose outcome is not the one the parent saw must not hand support a next step
    /// for it, such as "请次日查看" for a result that was final.
    static func withholdNextSteps(in diagnosis: inout ApplicationDiagnosis, shown: StoredResult) {
        guard var explained = diagnosis.diagnosis else { return }
        let withheld = "（重算结果与家长所见不同，不给出下一步）"
        if explained.socialInsurance.outcome != shown.socialInsuranceOutcome {
            for index in explained.socialInsurance.decisions.indices {
                explained.socialInsurance.decisions[index].nextStep = withheld
            }
        }
        if explained.property.outcome != shown.propertyOutcome {
            for index in explained.property.decisions.indices {
                explained.property.decisions[index].nextStep = withheld
            }
        }
        diagnosis.diagnosis = explained
    }

    /// The query as it may be echoed: an ID number typed with spaces or full-width digits is
    /// folded first, so that its digits are masked as one number.
    static func masked(query: String) -> String {
        let folded = IDNumber.normalize(query, as: .resident).folded
        if folded.filter(\.isNumber).count >= 14 {
            return Mask.idNumber(folded)
        }
        // Control characters and length are not echoed either: a query is one short line.
        let printable = String(
            query.unicodeScalars.filter {
                !$0.properties.isDefaultIgnorableCodePoint && $0.value >= 0x20 && $0.value != 0x7F
            }.map(Character.init)
        )
        let shown = printable.count > 40 ? String(printable.prefix(40)) + "…" : printable
        return Mask.digitRuns(in: shown)
    }

    /// The result the parent saw after `runId`: the newest by day among the results of runs
    /// up to it, so a backfilled earlier day never hides a later day's result.
    static func shownResult(among results: [StoredResult], atRun runId: Int64) -> StoredResult? {
        results.filter { $0.runId <= runId }.max { left, right in
            (left.runAsOf ?? "", left.runId) < (right.runAsOf ?? "", right.runId)
        }
    }

    static func shown(_ stored: StoredResult) -> ShownResult? {
        guard let result = try? JSONDecoder().decode(MatchResult.self, from: stored.document)
        else { return nil }
        return ShownResult(
            runId: stored.runId,
            day: stored.runAsOf ?? "",
            version: stored.version,
            socialInsurance: result.socialInsurance.outcome.rawValue,
            socialInsuranceProblems: result.socialInsurance.problems.map(\.rawValue),
            property: result.property.outcome.rawValue,
            propertyProblems: result.property.problems.map(\.rawValue),
            parentMessages: result.socialInsurance.parentMessages
                + result.property.parentMessages,
            socialInsurancePoints: result.socialInsurance.points,
            propertyPoints: result.property.points
        )
    }

}

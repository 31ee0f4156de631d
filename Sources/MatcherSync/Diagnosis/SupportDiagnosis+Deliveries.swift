import Foundation
import MatcherCore
import MatcherFeeds
import MatcherStore

extension SupportDiagnosis {
    /// Reads again, from the deliveries the result was computed from, every record tied to
    /// the family.
    ///
    /// A source the run had no usable delivery of leaves its half pending, and the reason
    /// comes from the run's report. A delivery that is gone or changed since cannot explain
    /// the run: it is not read, and the diagnosis says so.
    func familyEvidence(
        for application: Application,
        resultRun: Int64,
        pendingSources: Set<String>,
        setup: MatchingSetup,
        cache: DeliveryReadCache,
        notes: inout [String]
    ) throws(SyncError) -> FamilyEvidence {
        let keys = FamilyKeys(of: application, rules: setup.rules)
        let report = try runReport(resultRun)
        var family = FamilyEvidence(evidence: ApplicationEvidence())
        for source in DeliveryCatalog.sources {
            let uses = try SyncError.fromStore { () throws(StoreError) in
                try store.deliveries(of: source, usedUpTo: resultRun)
            }
            var use = uses.first { $0.runId == resultRun }
            if use == nil, !pendingSources.contains(source), let earlier = uses.first {
                // The run kept what an earlier delivery gave while this source was pending.
                use = earlier
                notes.append(
                    "run \(resultRun) had no usable \(source) delivery; its result kept what "
                        + "the delivery of \(earlier.delivery.date) gave in run \(earlier.runId)"
                )
            }
            guard let use else {
                family.unavailable[source] = Self.whyUnavailable(source, report: report)
                continue
            }
            take(
                cache.load(use),
                of: use,
                keys: keys,
                application: application,
                setup: setup,
                into: &family
            )
            if source == "registry" {
                family.certificateSightings = sightings(
                    keys: keys,
                    application: application,
                    setup: setup,
                    family: family,
                    earlier: uses.filter { $0.runId < use.runId || $0.delivery != use.delivery }
                )
            }
        }
        return family
    }

    /// Takes one family's records out of a delivery read for every application found.
    private func take(
        _ loaded: DeliveryReadCache.Loaded,
        of use: RunDelivery,
        keys: FamilyKeys,
        application: Application,
        setup: MatchingSetup,
        into family: inout FamilyEvidence
    ) {
        let source = use.delivery.source
        switch loaded {
        case .unreadable(let reason):
            family.unavailable[source] = reason
        case .registry(let snapshot):
            guard isSame(snapshot.delivery, as: use, source: source, into: &family) else {
                return
            }
            if let declaration = application.property, declaration.declared,
                let key = setup.rules.certificateKey(of: declaration)
            {
                family.evidence.registry = snapshot.rows(for: key)
            } else {
                family.evidence.registry = []
            }
            family.registryRows = snapshot.rowsByCertificate.values.flatMap { $0 }
                .filter(keys.admits)
        case .insurance(let snapshot):
            guard isSame(snapshot.delivery, as: use, source: source, into: &family) else {
                return
            }
            var byKey: [String: DepartmentEvidence] = [:]
            for key in keys.idKeys {
                byKey[key] = snapshot.evidence(forIDKey: key)
            }
            let subjectKey = application.pointsSubject.map {
                MatchRules.lookupKey(of: $0.idNumber, as: $0.idType)
            }
            let evidence = subjectKey.flatMap { snapshot.evidence(forIDKey: $0) }
            if snapshot.department == .hrss {
                family.evidence.hrss = evidence
                family.hrssByIDKey = byKey
            } else {
                family.evidence.medical = evidence
                family.medicalByIDKey = byKey
            }
        }
    }

    /// Whether the folder still holds the delivery the run read: its manifest's hash is
    /// what the run recorded.
    private func isSame(
        _ delivery: VerifiedDelivery,
        as use: RunDelivery,
        source: String,
        into family: inout FamilyEvidence
    ) -> Bool {
        guard delivery.fingerprint == use.delivery.fingerprint else {
            family.unavailable[source] =
                "the delivery of \(use.delivery.date) at \(use.delivery.path) has changed since "
                + "run \(use.runId) read it (its manifest differs), so it cannot explain that run"
            return false
        }
        family.deliveries[source] = use.delivery.date
        return true
    }

    /// The declared certificate's state in earlier registry deliveries, newest first, up to
    /// the first in which it was live: only read when it is not live now.
    private func sightings(
        keys: FamilyKeys,
        application: Application,
        setup: MatchingSetup,
        family: FamilyEvidence,
        earlier: [RunDelivery]
    ) -> [CertificateSighting] {
        guard let declaration = application.property, declaration.declared,
            let key = setup.rules.certificateKey(of: declaration),
            let rows = family.evidence.registry, !rows.isEmpty, !rows.contains(where: { $0.isLive })
        else { return [] }
        var seen = Set<String>()
        var found: [CertificateSighting] = []
        // Limitation: only deliveries that runs used and that are still on disk are read, at
        // most `earlierDeliveriesLimit` of them, so a certificate cancelled long ago is dated
        // only as "before the oldest delivery read".
        for use in earlier where seen.insert(use.delivery.fingerprint).inserted {
            guard found.count < earlierDeliveriesLimit,
                let date = CalendarDate(use.delivery.date),
                use.delivery.date != family.deliveries["registry"]
            else { continue }
            let folder = DeliveryFolder(source: "registry", date: date, path: use.delivery.path)
            guard
                let snapshot = try? RegistrySnapshot.load(
                    from: folder,
                    mapping: setup.registry,
                    filter: RegistryFilter(keys: [key])
                ),
                snapshot.delivery.fingerprint == use.delivery.fingerprint,
                let earlierRows = snapshot.rows(for: key)
            else { continue }
            let wasLive = earlierRows.isEmpty ? nil : earlierRows.contains(where: \.isLive)
            found.append(CertificateSighting(delivery: date, wasLive: wasLive))
            if wasLive == true { break }
        }
        return found
    }

    private func runReport(_ runId: Int64) throws(SyncError) -> RunReport? {
        let record = try SyncError.fromStore { () throws(StoreError) in try store.run(id: runId) }
        return record?.report.flatMap { try? JSONDecoder().decode(RunReport.self, from: $0) }
    }

    /// Why the run had no delivery of `source`, from its report.
    static func whyUnavailable(_ source: String, report: RunReport?) -> String {
        guard let report else {
            return "run has no report saying why no \(source) delivery was used"
        }
        if let stale = report.staleDeliveries.first(where: { $0.source == source }) {
            return "the newest complete \(source) delivery, of \(stale.date), was "
                + "\(stale.ageDays) days old on \(report.asOf) and too old to use"
        }
        let refused = report.refusedDeliveries.filter { $0.source == source }
        if !refused.isEmpty {
            return "run \(report.runId) refused every \(source) delivery it found: "
                + refused.map { "\($0.date): \($0.reason)" }.joined(separator: "; ")
        }
        return "run \(report.runId) found no \(source) delivery on or before \(report.asOf)"
    }
}

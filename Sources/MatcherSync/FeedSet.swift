import MatcherCore
import MatcherFeeds
import MatcherStore

/// The three sources as one run reads them: each source's newest complete delivery, or
/// nothing when none is complete (its half of every result is then pending).
struct FeedSet {
    var hrss: InsuranceSnapshot?
    var medical: InsuranceSnapshot?
    var registry: RegistrySnapshot?
    var refusedDeliveries: [RunReport.RefusedDelivery] = []
    /// What the deliveries directory held that is not a delivery, or lacked.
    var warnings: [String] = []

    static func load(
        deliveriesDirectory: String,
        asOf: CalendarDate,
        setup: MatchingSetup,
        applications: [Application]
    ) -> FeedSet {
        var idKeys = Set<String>()
        var certificateKeys = Set<CertificateKey>()
        for application in applications {
            if let subject = application.pointsSubject,
                let key = IDNumber.normalize(subject.idNumber, as: subject.idType).normalized
            {
                idKeys.insert(key)
            }
            if let property = application.property, property.declared,
                let key = setup.rules.certificateKey(of: property)
            {
                certificateKeys.insert(key)
            }
        }
        var feeds = FeedSet()
        feeds.hrss = feeds.newestComplete("hrss", in: deliveriesDirectory, asOf: asOf) {
            folder throws(FeedError) in
            try InsuranceSnapshot.load(.hrss, from: folder, mapping: setup.hrss, idKeys: idKeys)
        }
        feeds.medical = feeds.newestComplete("medical", in: deliveriesDirectory, asOf: asOf) {
            folder throws(FeedError) in
            try InsuranceSnapshot.load(
                .medical,
                from: folder,
                mapping: setup.medical,
                idKeys: idKeys
            )
        }
        feeds.registry = feeds.newestComplete("registry", in: deliveriesDirectory, asOf: asOf) {
            folder throws(FeedError) in
            try RegistrySnapshot.load(
                from: folder,
                mapping: setup.registry,
                keys: certificateKeys
            )
        }
        return feeds
    }

    /// Tries the source's deliveries newest first; a refused one is reported and the next
    /// older one tried, so one broken night does not stop the service.
    private mutating func newestComplete<Snapshot>(
        _ source: String,
        in directory: String,
        asOf: CalendarDate,
        load: (DeliveryFolder) throws(FeedError) -> Snapshot
    ) -> Snapshot? {
        let listing = DeliveryCatalog.deliveries(of: source, in: directory, notLaterThan: asOf)
        if listing.sourceMissing {
            warnings.append("\(directory) has no folder \(source)")
        }
        for name in listing.ignored {
            warnings.append("\(name) is not a YYYY-MM-DD delivery folder, and was not read")
        }
        for folder in listing.folders {
            do {
                return try load(folder)
            } catch {
                refusedDeliveries.append(
                    RunReport.RefusedDelivery(
                        source: source,
                        date: folder.date.description,
                        reason: error.message
                    )
                )
            }
        }
        return nil
    }

    func match(_ application: Application, rules: MatchRules) -> MatchResult {
        var hrssEvidence: DepartmentEvidence?
        var medicalEvidence: DepartmentEvidence?
        if let subject = application.pointsSubject {
            let key = MatchRules.lookupKey(of: subject.idNumber, as: subject.idType)
            hrssEvidence = hrss?.evidence(forIDKey: key)
            medicalEvidence = medical?.evidence(forIDKey: key)
        }
        let subject =
            application.pointsSubject ?? Person(name: "", idType: .resident, idNumber: "")
        let socialInsurance = rules.socialInsurance(
            for: subject,
            hrss: hrssEvidence,
            medical: medicalEvidence
        )
        // nil leaves the property half pending: the registry could not be read, or a row of
        // this very certificate was refused.
        var registryRows: [RegisteredOwnership]?
        if let registry {
            if let key = application.property.flatMap(rules.certificateKey(of:)) {
                registryRows = registry.rows(for: key)
            } else {
                registryRows = []
            }
        }
        let property = rules.property(for: application.property, registry: registryRows)
        return MatchResult(
            applicationId: application.applicationId,
            version: application.version,
            socialInsurance: socialInsurance,
            property: property
        )
    }

    /// Adds what was read and refused to the report, and the deliveries used to the commit.
    func record(into report: inout RunReport, commit: inout RunCommit) {
        report.refusedDeliveries += refusedDeliveries
        report.warnings += warnings
        let used: [(String, VerifiedDelivery?, [RefusedRow])] = [
            ("hrss", hrss?.delivery, hrss?.refusedRows ?? []),
            ("medical", medical?.delivery, medical?.refusedRows ?? []),
            ("registry", registry?.delivery, registry?.refusedRows ?? []),
        ]
        for (source, delivery, refusedRows) in used {
            guard let delivery else {
                report.pendingSources.append(source)
                continue
            }
            report.deliveries.append(
                RunReport.DeliveryReport(
                    source: source,
                    date: delivery.folder.date.description,
                    path: delivery.folder.path,
                    rows: delivery.rows,
                    rowsKept: delivery.rowsKept
                )
            )
            commit.deliveries.append(
                DeliveryUse(
                    source: source,
                    date: delivery.folder.date.description,
                    path: delivery.folder.path,
                    fingerprint: delivery.fingerprint
                )
            )
            for row in refusedRows {
                report.refusedRows.append(
                    RunReport.RefusedRow(file: row.file, line: row.line, reason: row.reason)
                )
                commit.refused.append(
                    RefusedInput(input: row.file, line: row.line, reason: row.reason)
                )
            }
        }
        for refused in refusedDeliveries {
            commit.refused.append(
                RefusedInput(
                    input: "\(refused.source)/\(refused.date)",
                    line: nil,
                    reason: refused.reason
                )
            )
        }
    }
}

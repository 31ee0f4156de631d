import Foundation
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
    /// The rows refused deliveries had refused, where too many of them refused the delivery.
    var rowsOfRefusedDeliveries: [RefusedRow] = []
    /// What the deliveries directory held that is not a delivery, or lacked.
    var warnings: [String] = []
    /// Sources whose newest complete delivery is older than the configured age.
    var staleDeliveries: [RunReport.StaleDelivery] = []

    /// How old a delivery may be, and whether an older one may still be used.
    struct Freshness {
        var maximumAgeDays = 1
        var allowStale = false
    }

    static func load(
        deliveriesDirectory: String,
        asOf: CalendarDate,
        freshness: Freshness = Freshness(),
        setup: MatchingSetup,
        applications: [Application],
        progress: RowProgressHandler? = nil
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
        // The three sources are independent files: read side by side, they take as long as
        // the largest rather than all three.
        let neededIDKeys = idKeys
        let neededCertificates = certificateKeys
        let hrss = SourceReading<InsuranceSnapshot>()
        let medical = SourceReading<InsuranceSnapshot>()
        let registry = SourceReading<RegistrySnapshot>()
        let readInsurance = {
            @Sendable (reading: SourceReading<InsuranceSnapshot>, department: Department) in
            let mapping = department == .hrss ? setup.hrss : setup.medical
            reading.read(department.rawValue, in: deliveriesDirectory, asOf: asOf) {
                folder throws(FeedError) in
                try InsuranceSnapshot.load(
                    department,
                    from: folder,
                    mapping: mapping,
                    idKeys: neededIDKeys,
                    progress: progress
                )
            }
        }
        // A thread each, rather than one per core: the sources differ in size, and with the
        // three running at once the system shares the cores among them, so that they end
        // together instead of the largest pair running alone at the end.
        let readers: [@Sendable () -> Void] = [
            { readInsurance(hrss, .hrss) },
            { readInsurance(medical, .medical) },
            {
                registry.read("registry", in: deliveriesDirectory, asOf: asOf) {
                    folder throws(FeedError) in
                    try RegistrySnapshot.load(
                        from: folder,
                        mapping: setup.registry,
                        keys: neededCertificates,
                        progress: progress
                    )
                }
            },
        ]
        let finished = DispatchGroup()
        for read in readers {
            finished.enter()
            let thread = Thread {
                read()
                finished.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        finished.wait()
        var feeds = FeedSet()
        feeds.hrss = feeds.take(hrss)
        feeds.medical = feeds.take(medical)
        feeds.registry = feeds.take(registry)
        feeds.hrss = feeds.fresh(feeds.hrss, \.delivery, asOf: asOf, freshness: freshness)
        feeds.medical = feeds.fresh(feeds.medical, \.delivery, asOf: asOf, freshness: freshness)
        feeds.registry = feeds.fresh(
            feeds.registry,
            \.delivery,
            asOf: asOf,
            freshness: freshness
        )
        return feeds
    }

    /// A snapshot older than the allowed age is reported as stale, and not used unless
    /// stale data is allowed: a result computed from last week's data would be final and
    /// wrong for anyone whose records changed since.
    private mutating func fresh<Snapshot>(
        _ snapshot: Snapshot?,
        _ delivery: KeyPath<Snapshot, VerifiedDelivery>,
        asOf: CalendarDate,
        freshness: Freshness
    ) -> Snapshot? {
        guard let snapshot else { return nil }
        let folder = snapshot[keyPath: delivery].folder
        let age = folder.date.days(until: asOf)
        guard age > freshness.maximumAgeDays else { return snapshot }
        staleDeliveries.append(
            RunReport.StaleDelivery(
                source: folder.source,
                date: folder.date.description,
                ageDays: age,
                used: freshness.allowStale
            )
        )
        return freshness.allowStale ? snapshot : nil
    }

    /// Adds what reading one source refused and warned of, in the order of the sources.
    private mutating func take<Snapshot>(_ reading: SourceReading<Snapshot>) -> Snapshot? {
        warnings += reading.warnings
        refusedDeliveries += reading.refusedDeliveries
        rowsOfRefusedDeliveries += reading.rowsOfRefusedDeliveries
        return reading.snapshot
    }

    /// What each source holds for one application; a nil half is unavailable tonight.
    func evidence(for application: Application, rules: MatchRules) -> ApplicationEvidence {
        var evidence = ApplicationEvidence()
        if let subject = application.pointsSubject {
            let key = MatchRules.lookupKey(of: subject.idNumber, as: subject.idType)
            evidence.hrss = hrss?.evidence(forIDKey: key)
            evidence.medical = medical?.evidence(forIDKey: key)
        }
        // nil leaves the property half pending: the registry could not be read, or a row of
        // this very certificate was refused.
        if let registry {
            if let key = application.property.flatMap(rules.certificateKey(of:)) {
                evidence.registry = registry.rows(for: key)
            } else {
                evidence.registry = []
            }
        }
        return evidence
    }

    /// Adds what was read and refused to the report, and the deliveries used to the run's
    /// ending.
    func record(into report: inout RunReport, ending: inout RunEnding, asOf: CalendarDate) {
        report.refusedDeliveries += refusedDeliveries
        report.warnings += warnings
        report.staleDeliveries += staleDeliveries
        let used: [(String, VerifiedDelivery?, [RefusedRow])] = [
            ("hrss", hrss?.delivery, hrss?.refusedRows ?? []),
            ("medical", medical?.delivery, medical?.refusedRows ?? []),
            ("registry", registry?.delivery, registry?.refusedRows ?? []),
        ]
        for (source, delivery, refusedRows) in used {
            guard let delivery else {
                if !staleDeliveries.contains(where: { $0.source == source }) {
                    report.pendingSources.append(source)
                }
                continue
            }
            report.deliveries.append(
                RunReport.DeliveryReport(
                    source: source,
                    date: delivery.folder.date.description,
                    path: delivery.folder.path,
                    rows: delivery.rows,
                    rowsKept: delivery.rowsKept,
                    ageDays: delivery.folder.date.days(until: asOf)
                )
            )
            ending.deliveries.append(
                DeliveryUse(
                    source: source,
                    date: delivery.folder.date.description,
                    path: Self.absolute(delivery.folder.path),
                    fingerprint: delivery.fingerprint
                )
            )
            for row in refusedRows {
                report.refusedRows.append(
                    RunReport.RefusedRow(file: row.file, line: row.line, reason: row.reason)
                )
                ending.refused.append(
                    RefusedInput(input: row.file, line: row.line, reason: row.reason)
                )
            }
        }
        for row in rowsOfRefusedDeliveries {
            report.refusedRows.append(
                RunReport.RefusedRow(file: row.file, line: row.line, reason: row.reason)
            )
            ending.refused.append(RefusedInput(input: row.file, line: row.line, reason: row.reason))
        }
        for refused in refusedDeliveries {
            ending.refused.append(
                RefusedInput(
                    input: "\(refused.source)/\(refused.date)",
                    line: nil,
                    reason: refused.reason
                )
            )
        }
    }

    /// The path as the store keeps it: absolute, so that support can read the delivery again
    /// from any working folder.
    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}

/// One source's reading, filled on the thread that reads it and taken once all are done.
private final class SourceReading<Snapshot>: @unchecked Sendable {
    // Unchecked: each instance is written by one thread inside `concurrentPerform`, and
    // read only after it returned, which orders the write before the read.
    var snapshot: Snapshot?
    var refusedDeliveries: [RunReport.RefusedDelivery] = []
    var rowsOfRefusedDeliveries: [RefusedRow] = []
    var warnings: [String] = []

    /// Tries the source's deliveries newest first; a refused one is reported and the next
    /// older one tried, so one broken night does not stop the service.
    func read(
        _ source: String,
        in directory: String,
        asOf: CalendarDate,
        load: (DeliveryFolder) throws(FeedError) -> Snapshot
    ) {
        let listing = DeliveryCatalog.deliveries(of: source, in: directory, notLaterThan: asOf)
        if listing.sourceMissing {
            warnings.append("\(directory) has no folder \(source)")
        }
        if listing.folders.isEmpty, let later = listing.firstLater {
            warnings.append(
                "\(source) has no delivery on or before \(asOf), only later ones (from "
                    + "\(later)); check that --as-of names the night meant"
            )
        }
        for name in listing.ignored {
            warnings.append("\(name) is not a YYYY-MM-DD delivery folder, and was not read")
        }
        for folder in listing.folders {
            do {
                snapshot = try load(folder)
                return
            } catch {
                var reason = error.message
                let listed = error.refusedRows.count
                if listed > 0 {
                    let which: String
                    if listed < error.refusedRowCount {
                        which = "its first \(listed) refused rows are"
                    } else if listed == 1 {
                        which = "its refused row is"
                    } else {
                        which = "its \(listed) refused rows are"
                    }
                    reason += "; \(which) listed with the refused rows"
                    rowsOfRefusedDeliveries += error.refusedRows
                }
                refusedDeliveries.append(
                    RunReport.RefusedDelivery(
                        source: source,
                        date: folder.date.description,
                        reason: reason
                    )
                )
            }
        }
    }
}

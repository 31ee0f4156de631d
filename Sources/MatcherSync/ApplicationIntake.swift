import Foundation
import MatcherCore
import MatcherFeeds
import MatcherStore

/// Tonight's export set against what the store already holds: which versions are new, which
/// lines are refused, and which applications are live after it.
struct ApplicationIntake {
    var counts = RunReport.ApplicationCounts()
    var refusedLines: [RunReport.RefusedLine] = []
    private var refusedRaw: [Data] = []
    var newVersions: [StoredApplication] = []
    /// Every application whose latest version is submitted, by application id.
    var liveApplications: [Application] = []
    /// Applications whose new version is withdrawn or deleted.
    var retired: [String] = []

    init(export: ApplicationExport, stored: [String: StoredApplication]) {
        counts.linesRead = export.entries.count + export.refused.count
        for refused in export.refused {
            refuse(refused.error, raw: refused.raw)
        }
        // Decoding and encoding documents is most of the work, and each stands alone, so
        // both are done on every core.
        var latest: [String: Application] = [:]
        let storedApplications = Array(stored.values)
        let decoded = storedApplications.parallelMap { application in
            try? JSONDecoder().decode(Application.self, from: application.document)
        }
        for (application, decoded) in zip(storedApplications, decoded) {
            latest[application.applicationId] = decoded
        }
        let documents = export.entries.parallelMap { entry in
            (Self.document(of: entry.application), entry.application.personLookupKeys)
        }
        for (entry, (document, people)) in zip(export.entries, documents) {
            take(
                entry,
                document: document,
                people: people,
                stored: stored[entry.application.applicationId],
                latest: &latest
            )
        }
        liveApplications = latest.values.filter(\.isLive).sorted {
            $0.applicationId < $1.applicationId
        }
        counts.live = liveApplications.count
    }

    private mutating func take(
        _ entry: ApplicationExport.Entry,
        document: Data,
        people: Set<String>,
        stored: StoredApplication?,
        latest: inout [String: Application]
    ) {
        let application = entry.application
        if let stored {
            if application.version == stored.version {
                if document == stored.document {
                    counts.unchanged += 1
                } else {
                    refuse(
                        entry,
                        "version \(application.version) was already received with other "
                            + "content; a change must come with a new version"
                    )
                }
                return
            }
            if application.version < stored.version {
                refuse(
                    entry,
                    "version \(application.version) is older than the stored \(stored.version)"
                )
                return
            }
        }
        switch application.status {
        case .submitted where stored == nil: counts.new += 1
        case .submitted: counts.resubmitted += 1
        case .withdrawn: counts.withdrawn += 1
        case .deleted: counts.deleted += 1
        }
        if !application.isLive {
            retired.append(application.applicationId)
        }
        latest[application.applicationId] = application
        newVersions.append(
            StoredApplication(
                applicationId: application.applicationId,
                version: application.version,
                status: application.status.rawValue,
                registrationNo: application.registrationNo,
                submittedAt: application.submittedAt,
                document: document,
                personLookupKeys: people
            )
        )
    }

    /// Refuses a line that decoded but does not fit what the store holds, keeping the line's
    /// own bytes: support staff must see what the portal sent, not our re-encoding of it.
    private mutating func refuse(_ entry: ApplicationExport.Entry, _ reason: String) {
        let error = ApplicationLineError(
            line: entry.line,
            reason: reason,
            applicationId: entry.application.applicationId
        )
        refuse(error, raw: entry.raw)
    }

    private mutating func refuse(_ error: ApplicationLineError, raw: Data) {
        counts.refused += 1
        refusedLines.append(
            RunReport.RefusedLine(
                line: error.line,
                applicationId: error.applicationId,
                reason: error.reason
            )
        )
        refusedRaw.append(raw)
    }

    /// The refused lines as the store keeps them, with their bytes.
    ///
    /// `file` is kept as given, not cut to its name: exports of several nights or portals
    /// often share a name, and the operator has to find the very file to fix.
    func refusedInputs(file: String) -> [RefusedInput] {
        zip(refusedLines, refusedRaw).map { line, raw in
            RefusedInput(input: file, line: line.line, reason: line.reason, raw: raw)
        }
    }

    /// An application as canonical JSON: the same application always gives the same bytes.
    static func document(of application: Application) -> Data {
        // Encoding plain strings, numbers and enums cannot fail.
        (try? application.canonicalJSON()) ?? Data()
    }
}

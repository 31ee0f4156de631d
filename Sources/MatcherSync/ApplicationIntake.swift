import Foundation
import MatcherCore
import MatcherFeeds
import MatcherStore

/// Tonight's export set against what the store already holds, a batch of lines at a time:
/// which versions are new, which lines are refused, and which applications are live after
/// it.
struct ApplicationIntake {
    var counts = RunReport.ApplicationCounts()
    var refusedLines: [RunReport.RefusedLine] = []
    /// Lines refused because they are no application at all, before the store is asked.
    private(set) var undecodableLines = 0
    private var refusedRaw: [Data] = []
    /// Every application whose latest version is submitted, as matching reads it (see
    /// ``Application/matchingView``); in the order of their ids once ``finish(storedLive:)``
    /// has run.
    private(set) var liveApplications: [Application] = []
    /// Applications whose new version is withdrawn or deleted.
    var retired: [String] = []

    /// What the intake needs of an application besides itself, made on every core while
    /// its line is decoded: its document and the lookup keys of the people it names.
    ///
    /// A class: the export's reading hands it on through generic code, which copies a
    /// reference for less than a value of this size.
    final class Prepared: Sendable {
        /// The application as a new version is stored.
        let version: StoredApplication
        /// The application as matching reads it (see ``Application/matchingView``).
        let matchingView: Application

        init(_ application: Application) {
            version = StoredApplication(
                applicationId: application.applicationId,
                version: application.version,
                status: application.status.rawValue,
                registrationNo: application.registrationNo,
                submittedAt: application.submittedAt,
                document: ApplicationIntake.document(of: application),
                personLookupKeys: application.personLookupKeys
            )
            matchingView = application.matchingView
        }
    }

    /// Takes a batch of the export's lines, given the latest stored version of each
    /// application they name, and returns the versions that are new.
    mutating func take(
        _ items: [ApplicationExport.Item<Prepared>],
        stored: [String: StoredApplication]
    ) -> [StoredApplication] {
        var newVersions: [StoredApplication] = []
        for item in items {
            switch item {
            case .application(let entry):
                counts.linesRead += 1
                if take(entry, stored: stored[entry.applicationId]) {
                    newVersions.append(entry.prepared.version)
                }
            case .refused(let refused):
                counts.linesRead += 1
                undecodableLines += 1
                refuse(refused.error, raw: refused.raw)
            case .blank:
                break
            }
        }
        return newVersions
    }

    /// Adds the live applications that tonight's export did not name (a delta export names
    /// only what changed), and puts every live application in the order of its id.
    mutating func finish(storedLive: [StoredApplication]) {
        let decoded = storedLive.parallelMap(minimumSlice: 64) { stored in
            Self.application(of: stored)?.matchingView
        }
        liveApplications += decoded.compactMap { $0 }.filter(\.isLive)
        liveApplications.sort { $0.applicationId < $1.applicationId }
        counts.live = liveApplications.count
    }

    /// Takes one decoded line; returns whether its version is new and is to be stored.
    private mutating func take(
        _ entry: ApplicationExport.PreparedEntry<Prepared>,
        stored: StoredApplication?
    ) -> Bool {
        let version = entry.prepared.version
        let application = entry.prepared.matchingView
        if let stored {
            if version.version == stored.version {
                if version.document == stored.document {
                    counts.unchanged += 1
                    if application.isLive {
                        liveApplications.append(application)
                    }
                } else {
                    refuse(
                        entry,
                        "version \(version.version) was already received with other "
                            + "content; a change must come with a new version"
                    )
                    keepStored(stored)
                }
                return false
            }
            // Limitation: a backfill (a run for an earlier day) refuses that day's lines too
            // when a later night stored a newer version, and matches the newer one, because
            // the store keeps no record of which version was current on which day; lifts
            // when versions record the first run day they were live.
            if version.version < stored.version {
                refuse(
                    entry,
                    "version \(version.version) is older than the stored \(stored.version)"
                )
                keepStored(stored)
                return false
            }
        }
        switch application.status {
        case .submitted where stored == nil: counts.new += 1
        case .submitted: counts.resubmitted += 1
        case .withdrawn: counts.withdrawn += 1
        case .deleted: counts.deleted += 1
        }
        if application.isLive {
            liveApplications.append(application)
        } else {
            retired.append(version.applicationId)
        }
        return true
    }

    /// A refused line leaves the stored version the latest, live if it is submitted.
    private mutating func keepStored(_ stored: StoredApplication) {
        if let application = Self.application(of: stored), application.isLive {
            liveApplications.append(application.matchingView)
        }
    }

    /// Refuses a line that decoded but does not fit what the store holds, keeping the line's
    /// own bytes: support staff must see what the portal sent, not our re-encoding of it.
    private mutating func refuse(
        _ entry: ApplicationExport.PreparedEntry<Prepared>,
        _ reason: String
    ) {
        let error = ApplicationLineError(
            line: entry.line,
            reason: reason,
            applicationId: entry.applicationId
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

    /// A stored version's application; nil for a document that no longer decodes, which
    /// names nothing that could be matched.
    static func application(of stored: StoredApplication) -> Application? {
        try? JSONDecoder().decode(Application.self, from: stored.document)
    }
}

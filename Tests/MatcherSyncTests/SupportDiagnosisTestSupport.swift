import Foundation
import MatcherCore
import Testing

@testable import MatcherSync

/// Nights written by a test into its own folder: deliveries copied from the sample night
/// and edited, application exports edited line by line, each synced into one fresh store,
/// and diagnosed against that store.
struct DiagnosisNights {
    let folder: TemporaryFolder
    let deliveries: String
    let sync: SyncRun

    init() throws {
        folder = try TemporaryFolder()
        deliveries = folder.file("deliveries")
        for source in ["hrss", "medical", "registry"] {
            try FileManager.default.createDirectory(
                atPath: deliveries + "/" + source,
                withIntermediateDirectories: true
            )
        }
        sync = try SyncRun(folder: folder)
    }

    /// The folder of `source`'s delivery of `date`.
    func delivery(_ source: String, on date: String) -> String {
        "\(deliveries)/\(source)/\(date)"
    }

    /// Delivers the sample night's files for `source` again, dated `date`, then edits them.
    func deliver(
        _ source: String,
        on date: String,
        edit: (String) throws -> Void = { _ in }
    ) throws {
        let target = delivery(source, on: date)
        try FileManager.default.copyItem(
            atPath: repositoryPath("fixtures/basic/deliveries/\(source)/2023-05-10"),
            toPath: target
        )
        try edit(target)
    }

    /// Delivers the sample night's files of every source, dated `date`.
    func deliverAll(on date: String) throws {
        for source in ["hrss", "medical", "registry"] {
            try deliver(source, on: date)
        }
    }

    func append(_ text: String, to path: String) throws {
        let before = try String(contentsOfFile: path, encoding: .utf8)
        try (before + text).write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The sample export with `edits` applied to lines by application id and `extra` lines
    /// added, written as `name`.
    func export(
        _ name: String,
        adding extra: [[String: Any]] = [],
        edits: [String: ([String: Any]) -> [String: Any]] = [:]
    ) throws -> String {
        let path = folder.file(name)
        try SampleExport.write(
            to: path,
            adding: extra,
            edits: edits.mapValues { edit in { edit($0) } }
        )
        return path
    }

    /// One line of the sample export, as a JSON object.
    static func sampleLine(_ id: String) throws -> [String: Any] {
        try #require(try SampleExport.line(id), "the sample export has no line \(id)")
    }

    /// Syncs one night over this folder's deliveries into the store.
    @discardableResult
    func night(
        _ asOf: String,
        applications: String = repositoryPath("fixtures/basic/applications.jsonl"),
        maximumAge: Int = 1
    ) throws -> RunReport {
        var configuration = SyncConfiguration(
            applicationsPath: applications,
            deliveriesDirectory: deliveries,
            asOf: try #require(CalendarDate(asOf))
        )
        configuration.resultsPath = folder.file("results-\(asOf).jsonl")
        configuration.mappingsDirectory = repositoryPath("mappings")
        configuration.maximumDeliveryAgeDays = maximumAge
        return try SyncJob(configuration: configuration, store: sync.store).run()
    }

    func diagnose(_ query: String, runId: Int64? = nil) throws -> DiagnosisReport {
        try sync.diagnose(query, runId: runId)
    }
}

extension SyncRun {
    func diagnose(_ query: String, runId: Int64? = nil) throws -> DiagnosisReport {
        try SupportDiagnosis(store: store, mappingsDirectory: repositoryPath("mappings"))
            .diagnose(query: query, runId: runId)
    }
}

extension ApplicationDiagnosis {
    /// The lookup of one source (`人社`, `医保`, `不动产登记`) in either half.
    func lookup(_ source: String) -> Lookup? {
        guard let diagnosis else { return nil }
        return (diagnosis.socialInsurance.lookups + diagnosis.property.lookups)
            .first { $0.source == source }
    }
}

extension DiagnosisReport {
    /// The report as `--json` prints it.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

/// Every run of more than six digits in `text` once white space is taken out: a masked ID
/// number shows six at most (`320583********123X`), so a longer run is a number shown whole
/// or nearly whole, however it was spaced.
func longDigitRuns(in text: String) -> [String] {
    // Full-width digits (０ to ９) are digits too: a parent's input method types them.
    let scalars = text.unicodeScalars.compactMap { scalar -> Unicode.Scalar? in
        guard !scalar.properties.isWhitespace else { return nil }
        guard (0xFF10...0xFF19).contains(scalar.value) else { return scalar }
        return Unicode.Scalar(scalar.value - 0xFEE0)
    }
    let packed = String(String.UnicodeScalarView(scalars))
    return packed.matches(of: /[0-9]{7,}/).map { String($0.output) }
}

/// Every unmasked resident ID number in `text`: a run of 15 digits or more (the legacy form
/// has 15, the current 18 with a check character that may be `X`).
func unmaskedIDNumbers(in text: String) -> [String] {
    text.matches(of: /[0-9]{15,}[Xx]?/).map { String($0.output) }
}

/// The names in the sample night: on each application, and everywhere.
struct SampleNightPeople {
    /// Application id → the names typed on it, white space taken out.
    var applications: [String: Set<String>] = [:]
    /// Every name typed on an application or held in a delivery.
    var allNames = Set<String>()
    /// Every ID number typed on an application or held in a delivery, without white space
    /// and in upper case.
    var idNumbers = Set<String>()

    init() throws {
        let text = try String(
            contentsOfFile: repositoryPath("fixtures/basic/applications.jsonl"),
            encoding: .utf8
        )
        for line in text.split(separator: "\n") {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8))
            guard let fields = object as? [String: Any],
                let id = fields["applicationId"] as? String
            else { continue }
            let property = fields["property"] as? [String: Any]
            var people = [fields["student"], fields["pointsSubject"], property?["owner"]]
            people += (fields["guardians"] as? [Any]) ?? []
            people += (fields["familyMembers"] as? [Any]) ?? []
            let persons = people.compactMap { $0 as? [String: Any] }
            let names = persons.compactMap { ($0["name"] as? String).map(Self.packed) }
            applications[id] = Set(names)
            allNames.formUnion(names)
            idNumbers.formUnion(persons.compactMap { ($0["idNumber"] as? String).map(Self.packed) })
        }
        let deliveries = repositoryPath("fixtures/basic/deliveries")
        for (file, nameColumn) in [
            ("hrss/2023-05-10/persons.csv", 1), ("medical/2023-05-10/persons.csv", 1),
            ("registry/2023-05-10/certificates.csv", 2),
        ] {
            let rows = try String(contentsOfFile: deliveries + "/" + file, encoding: .utf8)
                .split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
            // The ID number follows the name in every one of these files.
            allNames.formUnion(rows.map { Self.packed(String($0[nameColumn])) })
            idNumbers.formUnion(rows.map { Self.packed(String($0[nameColumn + 1])) })
        }
    }

    static func packed(_ text: String) -> String {
        text.filter { !$0.isWhitespace }.uppercased()
    }
}

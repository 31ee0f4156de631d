import Dispatch
import Foundation
import MatcherCore

/// Generates a realistic night in the contract formats, with the truth of every application.
///
/// Writes into the output folder:
///
/// - `applications.jsonl`: the portal's export (contract `applications.md`);
/// - `deliveries/{hrss,medical}/<as-of>/persons.csv, contributions.csv, manifest.json` and
///   `deliveries/registry/<as-of>/certificates.csv, manifest.json`;
/// - `truth.jsonl`: for each export line, in order, what the matcher must answer;
/// - `night.json`: scale, seed, day, counts, encodings and rates.
///
/// Every value is a pure function of the seed and an index (see ``NightModel``), so each
/// file is written in one streaming pass, memory stays flat at any scale, and the same seed
/// gives the same bytes.
public struct NightGenerator: Sendable {
    public var configuration: GeneratorConfiguration

    public init(configuration: GeneratorConfiguration) {
        self.configuration = configuration
    }

    /// Writes the night; returns what `night.json` holds.
    public func run() throws(GeneratorError) -> NightSummary {
        // Everything that can be wrong with the request is found before the disk is touched.
        let model = try makeModel()
        let encodings = try resolvedEncodings()
        let folders = try prepareFolders()
        let day = configuration.asOf.description
        let insurancePieces = try [Department.hrss, .medical].map {
            department throws(GeneratorError) in
            try InsurancePieces(
                model: model,
                department: department,
                encoding: encodings[department.rawValue] ?? .utf8
            )
        }
        let registryPieces = try RegistryPieces(
            model: model,
            encoding: encodings["registry"] ?? .utf8
        )
        let writers = Writers(
            model: model,
            deliveries: folders.deliveries,
            day: day,
            outputDirectory: configuration.outputDirectory,
            hrssPieces: insurancePieces[0],
            medicalPieces: insurancePieces[1],
            registryPieces: registryPieces
        )
        let written = try Self.runConcurrently(writers, threads: configuration.threads)
        for source in GeneratorConfiguration.sources {
            try ManifestFile.write(
                written[source] ?? [],
                encoding: encodings[source] ?? .utf8,
                into: folders.deliveries + "/" + source + "/" + day
            )
        }
        let summary = NightSummary(
            configuration: configuration,
            model: model,
            encodings: encodings,
            written: written
        )
        try summary.write(to: configuration.outputDirectory + "/night.json")
        // The night is whole once its night.json is written; a marker left over would only
        // make the next --force less careful.
        folders.marker.finish()
        return summary
    }

    func makeModel() throws(GeneratorError) -> NightModel {
        guard configuration.asOf >= GeneratorConfiguration.earliestAsOf else {
            throw GeneratorError(
                .configuration,
                "the night's day \(configuration.asOf) is before "
                    + "\(GeneratorConfiguration.earliestAsOf), the earliest the generator makes: "
                    + "its families are those of the 2023 intake, and some of their "
                    + "certificates are registered in January 2023"
            )
        }
        // Loaded as the sync loads it, so a policy the sync would refuse is refused here in
        // the same words.
        let policy: PointsPolicy
        do {
            policy = try PolicyFile(
                mappingsDirectory: configuration.mappingsDirectory,
                newestNotAfter: configuration.asOf.year
            ).policy
        } catch {
            throw GeneratorError(.policy, error.message)
        }
        let asOf = configuration.asOf
        return try NightModel(
            seed: configuration.seed,
            applications: configuration.applicationCount,
            persons: configuration.personCount,
            certificates: configuration.certificateCount,
            asOf: CivilDate(asOf.year, asOf.month, asOf.day),
            policy: policy,
            rates: configuration.rates
        )
    }

    private func resolvedEncodings() throws(GeneratorError) -> [String: OutputEncoding] {
        for source in configuration.encodings.keys
        where !GeneratorConfiguration.sources.contains(source) {
            throw GeneratorError(
                .configuration,
                "there is no source \(source); encodings are set for hrss, medical or registry"
            )
        }
        var encodings: [String: OutputEncoding] = [:]
        for source in GeneratorConfiguration.sources {
            encodings[source] = configuration.encodings[source] ?? .utf8
        }
        return encodings
    }

    /// Runs the writers' jobs on up to `threads` threads, longest first, each thread taking
    /// the next job when it is done, and merges what they wrote.
    private static func runConcurrently(
        _ writers: Writers,
        threads: Int
    ) throws(GeneratorError) -> [String: [WrittenFile]] {
        let jobs = Writers.Job.allCases.sorted { writers.cost(of: $0) > writers.cost(of: $1) }
        let results = ResultBox(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, jobs.count))) { _ in
            while let next = results.nextJob() {
                results.set(next, writers.run(jobs[next]))
            }
        }
        var merged: [String: [WrittenFile]] = [:]
        for result in results.all {
            switch result {
            case .success(let written): merged.merge(written) { $1 }
            case .failure(let error): throw error
            case nil: throw GeneratorError(.output, "a writer did not finish")
            }
        }
        return merged
    }
}

/// The files of a night as jobs that can run side by side: each department's delivery, the
/// registry's, and the applications with their truth.
private struct Writers: Sendable {
    let model: NightModel
    let deliveries: String
    let day: String
    let outputDirectory: String
    let hrssPieces: InsurancePieces
    let medicalPieces: InsurancePieces
    let registryPieces: RegistryPieces

    enum Job: CaseIterable {
        case hrss, medical, registry, applications
    }

    /// Rough work of a job, in rows written: an application and its truth cost about as
    /// much as 40 delivery rows, a person about 7 rows at 人社 and 5 at 医保.
    func cost(of job: Job) -> Int {
        switch job {
        case .hrss: model.persons * 7
        case .medical: model.persons * 5
        case .registry: model.certificates * 2
        case .applications: model.applications * 40
        }
    }

    func run(_ job: Job) -> Result<[String: [WrittenFile]], GeneratorError> {
        do {
            return .success(try write(job))
        } catch {
            return .failure(error)
        }
    }

    private func write(_ job: Job) throws(GeneratorError) -> [String: [WrittenFile]] {
        switch job {
        case .hrss:
            let writer = InsuranceDeliveryWriter(
                model: model,
                department: .hrss,
                pieces: hrssPieces
            )
            return ["hrss": try writer.write(into: folder("hrss"))]
        case .medical:
            let writer = InsuranceDeliveryWriter(
                model: model,
                department: .medical,
                pieces: medicalPieces
            )
            return ["medical": try writer.write(into: folder("medical"))]
        case .registry:
            let writer = RegistryDeliveryWriter(model: model, pieces: registryPieces)
            return ["registry": try writer.write(into: folder("registry"))]
        case .applications:
            return [
                "applications": try ApplicationWriter(model: model).write(into: outputDirectory)
            ]
        }
    }

    private func folder(_ source: String) -> String {
        deliveries + "/" + source + "/" + day
    }
}

/// Hands out jobs to the writer threads and takes back their results; each slot is set
/// once, by one thread.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<[String: [WrittenFile]], GeneratorError>?]
    private var taken = 0

    init(count: Int) {
        results = Array(repeating: nil, count: count)
    }

    /// The next job no thread has taken yet, nil when all are taken.
    func nextJob() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard taken < results.count else { return nil }
        taken += 1
        return taken - 1
    }

    func set(_ index: Int, _ result: Result<[String: [WrittenFile]], GeneratorError>) {
        lock.lock()
        results[index] = result
        lock.unlock()
    }

    var all: [Result<[String: [WrittenFile]], GeneratorError>?] {
        lock.lock()
        defer { lock.unlock() }
        return results
    }
}

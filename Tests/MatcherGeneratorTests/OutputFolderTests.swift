import Foundation
import Glibc
import MatcherCore
import Testing

@testable import MatcherGenerator

@Suite struct OutputFolderTests {
    @Test func folderThatIsNotEmptyIsRefusedByName() throws {
        let night = try GeneratedNight(seed: 1)
        var configuration = GeneratorConfiguration(outputDirectory: night.path)
        configuration.mappingsDirectory = repositoryRoot.appendingPathComponent("mappings").path
        let error = #expect(throws: GeneratorError.self) {
            try NightGenerator(configuration: configuration).run()
        }
        #expect(error?.code == .outputNotEmpty)
        #expect(
            error?.message == "\(night.path) holds a night the generator wrote; name an empty "
                + "or new folder, or pass --force to replace its applications.jsonl, "
                + "truth.jsonl, night.json, deliveries (any other file there stays)"
        )
    }

    @Test func folderOfOtherFilesIsWrittenIntoOnlyWithForceAndKept() throws {
        let folder = NSTemporaryDirectory() + "matcher-generator-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let notes = folder + "/notes.txt"
        try "kept".write(toFile: notes, atomically: true, encoding: .utf8)
        var configuration = GeneratorConfiguration(outputDirectory: folder)
        configuration.mappingsDirectory = repositoryRoot.appendingPathComponent("mappings").path
        let error = #expect(throws: GeneratorError.self) {
            try NightGenerator(configuration: configuration).run()
        }
        #expect(
            error?.message == "\(folder) is not empty; name an empty or new folder, or pass "
                + "--force to write the night beside the files there, which stay as they are"
        )

        configuration.force = true
        _ = try NightGenerator(configuration: configuration).run()
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "kept")
        #expect(FileManager.default.fileExists(atPath: folder + "/night.json"))
    }

    @Test func forceReplacesTheNightAndKeepsOtherFiles() throws {
        let night = try GeneratedNight(seed: 1)
        let other = night.file("notes.txt")
        try "kept".write(toFile: other, atomically: true, encoding: .utf8)
        let stale = night.file("deliveries/hrss/2023-05-09")
        try FileManager.default.createDirectory(atPath: stale, withIntermediateDirectories: true)
        var configuration = GeneratorConfiguration(outputDirectory: night.path)
        configuration.mappingsDirectory = repositoryRoot.appendingPathComponent("mappings").path
        configuration.seed = 2
        configuration.force = true
        _ = try NightGenerator(configuration: configuration).run()
        #expect(FileManager.default.fileExists(atPath: other))
        #expect(!FileManager.default.fileExists(atPath: stale))
        let data = try Data(contentsOf: URL(fileURLWithPath: night.file("night.json")))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(object?["seed"] as? Int == 2)
    }

    /// Without --force too, since passing it would not help.
    @Test(arguments: [true, false])
    func deliveriesOfAFolderWithoutAGeneratedNightAreNeverReplaced(force: Bool) throws {
        let folder = try GeneratedNight(seed: 1)
        try FileManager.default.removeItem(atPath: folder.file("night.json"))
        let delivery = folder.file("deliveries/hrss/2023-05-09")
        try FileManager.default.createDirectory(atPath: delivery, withIntermediateDirectories: true)
        var configuration = GeneratorConfiguration(outputDirectory: folder.path)
        configuration.mappingsDirectory = repositoryRoot.appendingPathComponent("mappings").path
        configuration.force = force
        let error = #expect(throws: GeneratorError.self) {
            try NightGenerator(configuration: configuration).run()
        }
        #expect(error?.code == .outputNotEmpty)
        #expect(error?.message.contains("no night.json") == true)
        #expect(FileManager.default.fileExists(atPath: delivery))
        #expect(FileManager.default.fileExists(atPath: folder.file("applications.jsonl")))
    }

    @Test func nightCutOffHalfWayIsNamedAndForceWritesItAgain() throws {
        let night = try GeneratedNight(seed: 1)
        #expect(!FileManager.default.fileExists(atPath: night.file(NightGenerator.writingMarker)))
        // What a generator killed while writing leaves: its marker, and no night.json.
        try FileManager.default.removeItem(atPath: night.file("night.json"))
        try Data().write(to: URL(fileURLWithPath: night.file(NightGenerator.writingMarker)))
        var configuration = GeneratorConfiguration(outputDirectory: night.path)
        configuration.mappingsDirectory = repositoryRoot.appendingPathComponent("mappings").path
        let error = #expect(throws: GeneratorError.self) {
            try NightGenerator(configuration: configuration).run()
        }
        #expect(error?.code == .outputNotEmpty)
        #expect(error?.message.contains("whose writing was cut off") == true)
        #expect(error?.message.contains("--force") == true)

        configuration.force = true
        _ = try NightGenerator(configuration: configuration).run()
        #expect(FileManager.default.fileExists(atPath: night.file("night.json")))
        #expect(!FileManager.default.fileExists(atPath: night.file(NightGenerator.writingMarker)))
    }

    @Test(arguments: [false, true])
    func nightAnotherGeneratorIsWritingIsLeftAlone(force: Bool) throws {
        let night = try GeneratedNight(seed: 1)
        // What a generator still writing holds: its marker, open and locked.
        let holder = open(night.file(NightGenerator.writingMarker), O_RDWR | O_CREAT, 0o644)
        try #require(holder >= 0)
        defer { close(holder) }
        try #require(flock(holder, LOCK_EX | LOCK_NB) == 0)
        let filesBefore = try night.files()
        let nightBefore = try Data(contentsOf: URL(fileURLWithPath: night.file("night.json")))
        var configuration = GeneratorConfiguration(outputDirectory: night.path)
        configuration.mappingsDirectory = repositoryRoot.appendingPathComponent("mappings").path
        configuration.seed = 2
        configuration.force = force
        let error = #expect(throws: GeneratorError.self) {
            try NightGenerator(configuration: configuration).run()
        }
        #expect(error?.code == .outputInUse)
        #expect(
            error?.message == "another `matcher generate` is writing into \(night.path); wait "
                + "for it or name another folder"
        )
        #expect(try night.files() == filesBefore)
        #expect(try Data(contentsOf: URL(fileURLWithPath: night.file("night.json"))) == nightBefore)
    }

    @Test func dayBeforeEveryPolicyNamesTheYearsThereAre() throws {
        let mappings = NSTemporaryDirectory() + "matcher-generator-mappings-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: mappings) }
        try FileManager.default.copyItem(
            atPath: repositoryRoot.appendingPathComponent("mappings").path,
            toPath: mappings
        )
        try FileManager.default.moveItem(
            atPath: mappings + "/policy/2023.json",
            toPath: mappings + "/policy/2024.json"
        )
        let error = #expect(throws: GeneratorError.self) {
            try GeneratedNight(seed: 1) { configuration in
                configuration.mappingsDirectory = mappings
            }
        }
        #expect(error?.code == .policy)
        #expect(
            error?.message == "no points policy for 2023 or earlier; \(mappings)/policy has "
                + "policies for 2024"
        )
    }

    @Test func dayBeforeTheGeneratedCertificatesIsRefused() throws {
        let day = try #require(CalendarDate("2023-01-15"))
        let error = #expect(throws: GeneratorError.self) {
            try GeneratedNight(seed: 1) { configuration in
                configuration.asOf = day
            }
        }
        #expect(error?.code == .configuration)
        #expect(error?.message.contains("2023-02-01") == true)
    }

    @Test func atTheEarliestDayEveryCertificateIsRegisteredBeforeIt() throws {
        let night = try GeneratedNight(seed: 3) { configuration in
            configuration.asOf = GeneratorConfiguration.earliestAsOf
        }
        let registered = try night.truth().compactMap { line in
            (line["property"] as? [String: Any])?["registeredOn"] as? String
        }
        // The sample night has certificates of every year, 2023's included.
        #expect(registered.contains { $0.hasPrefix("2023-") })
        #expect(registered.allSatisfy { $0 < "2023-02-01" })
    }

    @Test func fileWhereAFolderMustBeIsNamed() throws {
        let night = try GeneratedNight(seed: 1)
        var configuration = GeneratorConfiguration(
            outputDirectory: night.file("night.json") + "/inside"
        )
        configuration.mappingsDirectory = repositoryRoot.appendingPathComponent("mappings").path
        let error = #expect(throws: GeneratorError.self) {
            try NightGenerator(configuration: configuration).run()
        }
        #expect(
            error?.message.hasSuffix("\(night.file("night.json")) is a file, not a folder") == true
        )
    }

    @Test func folderWhoseParentTakesNoFolderIsNamed() throws {
        var configuration = GeneratorConfiguration(outputDirectory: "/proc/matcher-night")
        configuration.mappingsDirectory = repositoryRoot.appendingPathComponent("mappings").path
        let error = #expect(throws: GeneratorError.self) {
            try NightGenerator(configuration: configuration).run()
        }
        #expect(
            error?.message == "cannot write into /proc/matcher-night: the folder /proc "
                + "takes no new folder"
        )
    }

    @Test func tooFewPersonsForTheApplicationsIsRefused() throws {
        let error = #expect(throws: GeneratorError.self) {
            try GeneratedNight(seed: 1) { configuration in
                configuration.applications = 1000
                configuration.persons = 1500
            }
        }
        #expect(error?.code == .configuration)
        #expect(error?.message.contains("persons") == true)
    }
}

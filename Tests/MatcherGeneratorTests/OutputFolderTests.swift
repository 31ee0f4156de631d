import Foundation
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
        #expect(error?.message.contains(night.path) == true)
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

    @Test func forceDeletesNoDeliveriesOfAFolderWithoutAGeneratedNight() throws {
        let folder = try GeneratedNight(seed: 1)
        try FileManager.default.removeItem(atPath: folder.file("night.json"))
        let delivery = folder.file("deliveries/hrss/2023-05-09")
        try FileManager.default.createDirectory(atPath: delivery, withIntermediateDirectories: true)
        var configuration = GeneratorConfiguration(outputDirectory: folder.path)
        configuration.mappingsDirectory = repositoryRoot.appendingPathComponent("mappings").path
        configuration.force = true
        let error = #expect(throws: GeneratorError.self) {
            try NightGenerator(configuration: configuration).run()
        }
        #expect(error?.code == .outputNotEmpty)
        #expect(error?.message.contains("no night.json") == true)
        #expect(FileManager.default.fileExists(atPath: delivery))
        #expect(FileManager.default.fileExists(atPath: folder.file("applications.jsonl")))
    }

    @Test func dayBeforeEveryPolicyNamesTheYearsThereAre() throws {
        let day = try #require(CalendarDate("2021-01-01"))
        let error = #expect(throws: GeneratorError.self) {
            try GeneratedNight(seed: 1) { configuration in
                configuration.asOf = day
            }
        }
        #expect(error?.code == .policy)
        #expect(error?.message.contains("it holds those of 2023") == true)
        #expect(error?.message.contains("--mappings") == false)
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

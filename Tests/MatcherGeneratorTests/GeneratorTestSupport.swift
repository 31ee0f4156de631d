import Foundation
import MatcherFeeds
import Testing

@testable import MatcherGenerator

/// The repository's root, found from this file so tests run from any working directory.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A sample night generated into a fresh folder, removed when the value goes away.
final class GeneratedNight {
    let path: String
    let summary: NightSummary

    init(seed: UInt64 = 1, adjust: (inout GeneratorConfiguration) -> Void = { _ in }) throws {
        path = NSTemporaryDirectory() + "matcher-generator-tests-" + UUID().uuidString
        var configuration = GeneratorConfiguration(outputDirectory: path)
        configuration.seed = seed
        configuration.mappingsDirectory = repositoryRoot.appendingPathComponent("mappings").path
        adjust(&configuration)
        summary = try NightGenerator(configuration: configuration).run()
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ relative: String) -> String { path + "/" + relative }

    func delivery(_ source: String, _ name: String) -> String {
        file("deliveries/\(source)/2023-05-10/\(name)")
    }

    /// Every file written, by its path under the folder, sorted.
    func files() throws -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: path)
        var files: [String] = []
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: file(name), isDirectory: &isDirectory)
            if !isDirectory.boolValue {
                files.append(name)
            }
        }
        return files.sorted()
    }

    /// The lines of `truth.jsonl` as JSON objects, in order.
    func truth() throws -> [[String: Any]] {
        try jsonLines(file("truth.jsonl"))
    }

    /// The lines of the export, each a JSON object or nil when it is broken on purpose.
    func applications() throws -> [[String: Any]?] {
        let text = try String(contentsOfFile: file("applications.jsonl"), encoding: .utf8)
        return text.split(separator: "\n").map { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
    }

    /// A delivery file's data rows, decoded in `encoding` and split at commas (the generator
    /// quotes nothing).
    func rows(_ source: String, _ name: String, encoding: TextEncoding = .utf8) throws
        -> [[String]]
    {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: delivery(source, name)))
        let text = try encoding.decode([UInt8](bytes))
        return text.split(separator: "\n").dropFirst().map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
    }
}

func jsonLines(_ path: String) throws -> [[String: Any]] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return try text.split(separator: "\n").map { line in
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(object as? [String: Any])
    }
}

import Foundation
import MatcherCore
import MatcherFeeds
import MatcherStore
import Testing

@testable import MatcherSync

/// The repository's root, found from this file so tests run from any working directory.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func repositoryPath(_ relative: String) -> String {
    repositoryRoot.appendingPathComponent(relative).path
}

/// A fresh folder per test, removed when the test's value goes away.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "matcher-sync-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    /// Copies a folder of the repository's fixtures here, for a test to damage.
    func copy(_ relative: String, to name: String) throws -> String {
        let target = file(name)
        try FileManager.default.copyItem(atPath: repositoryPath(relative), toPath: target)
        return target
    }
}

/// One sync over fixtures, with its own store, as the command would run it.
struct SyncRun {
    let folder: TemporaryFolder
    let store: MatcherStore

    init(folder: TemporaryFolder) throws {
        self.folder = folder
        store = try MatcherStore(path: folder.file("matcher.sqlite"))
    }

    @discardableResult
    func run(
        applications: String = repositoryPath("fixtures/basic/applications.jsonl"),
        deliveries: String = repositoryPath("fixtures/basic/deliveries"),
        asOf: String = "2023-05-10",
        results: String = "results.jsonl"
    ) throws -> RunReport {
        var configuration = SyncConfiguration(
            applicationsPath: applications,
            deliveriesDirectory: deliveries,
            asOf: try #require(CalendarDate(asOf))
        )
        configuration.resultsPath = folder.file(results)
        configuration.mappingsDirectory = repositoryPath("mappings")
        return try SyncJob(configuration: configuration, store: store).run()
    }

    /// The export's lines by application id, as JSON objects.
    func exported(_ name: String = "results.jsonl") throws -> [String: [String: Any]] {
        try jsonLines(folder.file(name))
    }
}

func jsonLines(_ path: String) throws -> [String: [String: Any]] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var lines: [String: [String: Any]] = [:]
    for line in text.split(separator: "\n") where !line.isEmpty {
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        let fields = try #require(object as? [String: Any])
        let id = try #require(fields["applicationId"] as? String)
        lines[id] = fields
    }
    return lines
}

/// Every field of `expected` that `actual` does not have, as `path: expected …, got …`;
/// fields absent from `expected` are not checked, and numbers agree within half a hundredth.
func differences(expected: Any, actual: Any?, path: String = "") -> [String] {
    if let expectedObject = expected as? [String: Any] {
        guard let actualObject = actual as? [String: Any] else {
            return ["\(path): expected an object, got \(String(describing: actual))"]
        }
        return expectedObject.keys.sorted().flatMap { key in
            differences(
                expected: expectedObject[key] as Any,
                actual: actualObject[key],
                path: path.isEmpty ? key : path + "." + key
            )
        }
    }
    if let expectedNumber = expected as? NSNumber, !(expected is String) {
        guard let actualNumber = actual as? NSNumber,
            abs(expectedNumber.doubleValue - actualNumber.doubleValue) < 0.005
        else { return ["\(path): expected \(expectedNumber), got \(String(describing: actual))"] }
        return []
    }
    if expected is NSNull {
        return actual is NSNull ? [] : ["\(path): expected null, got \(String(describing: actual))"]
    }
    if let expectedArray = expected as? [Any] {
        guard let actualArray = actual as? [Any], actualArray.count == expectedArray.count else {
            return ["\(path): expected \(expectedArray), got \(String(describing: actual))"]
        }
        return zip(expectedArray, actualArray).enumerated().flatMap { index, pair in
            differences(expected: pair.0, actual: pair.1, path: "\(path)[\(index)]")
        }
    }
    if let expectedText = expected as? String, let actualText = actual as? String,
        expectedText == actualText
    {
        return []
    }
    return ["\(path): expected \(expected), got \(String(describing: actual))"]
}

/// Writes a manifest that agrees with the CSV files now in `folder`.
func writeManifest(in folder: String, encoding: String = "UTF-8") throws {
    var files: [String: Any] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: folder)
    where name.hasSuffix(".csv") {
        let path = folder + "/" + name
        // The fixtures hold no quoted line breaks, so records are lines less the header.
        let lineBreaks = try Data(contentsOf: URL(fileURLWithPath: path)).filter { $0 == 0x0A }
        let records = lineBreaks.count - 1
        files[name] = ["rows": records, "sha256": try SHA256Hasher.hex(ofFileAt: path)]
    }
    let manifest: [String: Any] = ["encoding": encoding, "files": files]
    let data = try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys])
    try data.write(to: URL(fileURLWithPath: folder + "/manifest.json"))
}

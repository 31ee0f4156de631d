import Foundation
import Testing

/// The sample night's application export, edited line by line for a test's own night.
enum SampleExport {
    /// Writes the sample export to `path` with `edits` applied to lines by application id
    /// (an edit returning nil drops its line) and `extra` lines added; the broken line 6
    /// stays as it is.
    static func write(
        to path: String,
        adding extra: [[String: Any]] = [],
        edits: [String: ([String: Any]) -> [String: Any]?] = [:]
    ) throws {
        var lines: [String] = []
        for line in try sampleLines() {
            guard var fields = object(line), let id = fields["applicationId"] as? String else {
                lines.append(String(line))
                continue
            }
            if let edit = edits[id] {
                guard let edited = edit(fields) else { continue }
                fields = edited
            }
            lines.append(try jsonLine(fields))
        }
        lines += try extra.map(jsonLine)
        try (lines.joined(separator: "\n") + "\n").write(
            toFile: path,
            atomically: true,
            encoding: .utf8
        )
    }

    /// One line of the sample export, as a JSON object; nil when there is none.
    static func line(_ id: String) throws -> [String: Any]? {
        try sampleLines().lazy.compactMap(object).first { $0["applicationId"] as? String == id }
    }

    private static func sampleLines() throws -> [Substring] {
        let text = try String(
            contentsOfFile: repositoryPath("fixtures/basic/applications.jsonl"),
            encoding: .utf8
        )
        return text.split(separator: "\n")
    }

    private static func object(_ line: Substring) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }

    private static func jsonLine(_ fields: [String: Any]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}

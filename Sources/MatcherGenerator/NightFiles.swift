import Foundation
import MatcherCore

/// Writes a delivery's `manifest.json` from what was written.
enum ManifestFile {
    static func write(
        _ files: [WrittenFile],
        encoding: OutputEncoding,
        into folder: String
    ) throws(GeneratorError) {
        var entries: [String: Any] = [:]
        for file in files {
            entries[file.name] = ["rows": file.rows, "sha256": file.sha256]
        }
        let manifest: [String: Any] = ["encoding": encoding.rawValue, "files": entries]
        try writeJSON(manifest, to: folder + "/manifest.json")
    }

    static func writeJSON(_ object: Any, to path: String) throws(GeneratorError) {
        do {
            let data = try JSONSerialization.data(
                withJSONObject: object,
                options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            )
            try (data + Data("\n".utf8)).write(to: URL(fileURLWithPath: path))
        } catch {
            throw GeneratorError(.output, "cannot write \(path): \(readableReason(error))")
        }
    }
}

/// Writes `applications.jsonl` and `truth.jsonl` side by side, a line of each per
/// application.
struct ApplicationWriter {
    let model: NightModel

    func write(into folder: String) throws(GeneratorError) -> [WrittenFile] {
        let export = try ByteSink(path: folder + "/applications.jsonl")
        let truth = try ByteSink(path: folder + "/truth.jsonl")
        let periods = PeriodBuffer()
        var kinds: [String: Int] = [:]
        for index in 0..<model.applications {
            let lines = model.lines(index, periods: periods)
            kinds[lines.kind.rawValue, default: 0] += 1
            export.append(lines.export)
            export.endRow()
            truth.append(lines.truth)
            truth.endRow()
        }
        let exportFile = try export.finish()
        let truthFile = try truth.finish()
        return [
            WrittenFile(
                name: "applications.jsonl",
                rows: exportFile.rows,
                sha256: exportFile.sha256,
                bytes: export.bytesWritten,
                brokenRows: 0,
                lineKinds: kinds
            ),
            WrittenFile(
                name: "truth.jsonl",
                rows: truthFile.rows,
                sha256: truthFile.sha256,
                bytes: truth.bytesWritten,
                brokenRows: 0
            ),
        ]
    }
}

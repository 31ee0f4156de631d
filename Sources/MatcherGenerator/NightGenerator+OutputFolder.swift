import Foundation
import MatcherCore

/// The output folder: what may be written into it, what of an older night is replaced, and
/// the marker held while a night is written.
extension NightGenerator {
    /// Takes the output folder's marker, checks the folder, and creates the delivery folders.
    func prepareFolders() throws(GeneratorError) -> (
        deliveries: String, day: String, marker: WritingMarker
    ) {
        let output = configuration.outputDirectory
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: output, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw GeneratorError(.outputNotEmpty, "\(output) is a file, not a folder")
        }
        do {
            try manager.createDirectory(atPath: output, withIntermediateDirectories: true)
        } catch {
            throw GeneratorError(
                .output,
                "cannot write into \(output): \(Self.whyNotWritable(output, error))"
            )
        }
        // Taken before the folder is looked at, so that nothing of a night another generator
        // is still writing is deleted or written over.
        let marker = try WritingMarker(in: output)
        let replaced: [String]
        do {
            replaced = try filesToReplace(in: output, wasCutOff: marker.wasLeftOver)
        } catch {
            marker.withdraw()
            throw error
        }
        // From here on the marker stays until the night is whole: a night half deleted is one
        // cut off too.
        for name in replaced {
            do {
                try manager.removeItem(atPath: output + "/" + name)
            } catch {
                throw GeneratorError(
                    .output,
                    "cannot replace \(output)/\(name): \(readableReason(error))"
                )
            }
        }
        let deliveries = output + "/deliveries"
        let day = configuration.asOf.description
        for source in GeneratorConfiguration.sources {
            let folder = deliveries + "/" + source + "/" + day
            do {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                // Foundation words a file standing where a folder must be as an unknown
                // write error; the file is named instead.
                let reason =
                    Self.fileAmongFolders(of: folder).map { "\($0) is a file, not a folder" }
                    ?? readableReason(error)
                throw GeneratorError(.output, "cannot create \(folder): \(reason)")
            }
        }
        return (deliveries, day, marker)
    }

    /// The files of a night the generator wrote, or began to write, into `output` before,
    /// which `force` lets it replace; every other file stays. Refuses a folder that is not
    /// empty without `force`, and files of the generator's names without a night of the
    /// generator even with it.
    private func filesToReplace(
        in output: String,
        wasCutOff: Bool
    ) throws(GeneratorError) -> [String] {
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: output)) ?? [])
            .filter { $0 != Self.writingMarker }
        guard !entries.isEmpty || wasCutOff else { return [] }
        // Only what the generator writes goes: a delivery of another day left behind would
        // be taken for the newest by a sync.
        let replaced = ["applications.jsonl", "truth.jsonl", "night.json", "deliveries"]
            .filter(entries.contains)
        // Without the generator's night.json or its marker of a night being written, these
        // may be real deliveries and a real export, which no flag should delete.
        guard replaced.isEmpty || wasCutOff || Self.holdsGeneratedNight(output) else {
            throw GeneratorError(
                .outputNotEmpty,
                "\(output) holds \(replaced.joined(separator: ", ")) but no night.json "
                    + "the generator wrote; --force replaces only a generated night, so "
                    + "name an empty or new folder"
            )
        }
        guard configuration.force else {
            if wasCutOff {
                throw GeneratorError(
                    .outputNotEmpty,
                    "\(output) holds a night whose writing was cut off "
                        + "(\(Self.writingMarker) is still there); pass --force to "
                        + "write it again, or name an empty or new folder"
                )
            }
            if replaced.isEmpty {
                throw GeneratorError(
                    .outputNotEmpty,
                    "\(output) is not empty; name an empty or new folder, or pass --force to "
                        + "write the night beside the files there, which stay as they are"
                )
            }
            throw GeneratorError(
                .outputNotEmpty,
                "\(output) holds a night the generator wrote; name an empty or new folder, "
                    + "or pass --force to replace its \(replaced.joined(separator: ", ")) "
                    + "(any other file there stays)"
            )
        }
        return replaced
    }

    /// Why a folder could not be made or written into, in the terms of the file system
    /// the person sees: Foundation says a folder of /proc "doesn't exist" when it is the
    /// folder above that takes nothing new.
    private static func whyNotWritable(_ folder: String, _ error: any Error) -> String {
        if let file = fileAmongFolders(of: folder) {
            return "\(file) is a file, not a folder"
        }
        let parent = URL(fileURLWithPath: folder).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder),
            FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory),
            isDirectory.boolValue
        {
            return "the folder \(parent) takes no new folder"
        }
        return readableReason(error)
    }

    /// The first of the folders leading to `path` that exists as something other than a
    /// folder.
    private static func fileAmongFolders(of path: String) -> String? {
        var isDirectory: ObjCBool = false
        var leading = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            leading += "/" + component
            guard FileManager.default.fileExists(atPath: leading, isDirectory: &isDirectory) else {
                return nil
            }
            if !isDirectory.boolValue {
                return path.hasPrefix("/") ? leading : String(leading.dropFirst(2))
            }
        }
        return nil
    }

    /// The empty file that stands in the output folder while a night is written, so that a
    /// night cut off half way is told from a folder of real files; the generator writing
    /// holds it locked (see ``WritingMarker``).
    static let writingMarker = "night.writing"

    /// Whether `folder` holds the night.json the generator writes: an object naming the
    /// seed and the counts of what was written.
    private static func holdsGeneratedNight(_ folder: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: folder + "/night.json"),
            let night = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return false }
        return night["seed"] is NSNumber && night["counts"] is [String: Any]
    }
}

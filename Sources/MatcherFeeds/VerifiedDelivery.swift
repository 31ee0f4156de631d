import Foundation
import MatcherCore

/// A delivery folder whose manifest was read and lists every file the service needs.
///
/// Each file is checked against the manifest (rows and sha256) while it is read, in the
/// same pass; a loader that gets an error discards everything it read from the delivery.
public struct VerifiedDelivery: Sendable, Hashable {
    public var folder: DeliveryFolder
    public var manifest: DeliveryManifestSummary
    /// The SHA-256 of `manifest.json`: it lists every file's checksum, so it identifies
    /// the delivery's whole content.
    public var fingerprint: String
    /// Data rows per file, once read.
    public var rows: [String: Int] = [:]
    public var rowsKept = 0

    /// Reads and checks the manifest of `folder`.
    static func open(_ folder: DeliveryFolder, files: [String]) throws(FeedError)
        -> VerifiedDelivery
    {
        let manifestPath = folder.path + "/manifest.json"
        guard FileManager.default.fileExists(atPath: manifestPath) else {
            throw FeedError(.manifestMissing, "\(folder.label) has no manifest.json")
        }
        let manifest: DeliveryManifest
        let fingerprint: String
        do {
            manifest = try DeliveryManifest.load(from: manifestPath)
            fingerprint = try SHA256Hasher.hex(ofFileAt: manifestPath)
        } catch {
            throw FeedError(
                .manifestInvalid,
                "\(folder.label)/manifest.json cannot be used: \(readable(error))",
                cause: error
            )
        }
        // Every fault at once: an operator asking the department for a new delivery should
        // not learn of the second missing file only after the first is fixed.
        var faults: [String] = []
        // A manifest names files of its own folder only; a path could point anywhere.
        for file in manifest.files.keys.sorted()
        where file.contains("/") || file.hasPrefix(".") || file.isEmpty {
            throw FeedError(
                .manifestInvalid,
                "\(folder.label)/manifest.json lists a file that is not a plain file name in "
                    + "its folder"
            )
        }
        for file in files where manifest.files[file] == nil {
            faults.append("manifest.json does not list \(file)")
        }
        for file in manifest.files.keys.sorted()
        where !FileManager.default.fileExists(atPath: folder.path + "/" + file) {
            faults.append("lacks \(file), which its manifest lists")
        }
        if !faults.isEmpty {
            let code: FeedError.Code =
                faults[0].hasPrefix("lacks") ? .fileMissing : .fileUnlisted
            throw FeedError(code, "\(folder.label): " + faults.joined(separator: "; "))
        }
        return VerifiedDelivery(
            folder: folder,
            manifest: DeliveryManifestSummary(manifest),
            fingerprint: fingerprint
        )
    }

    func entry(_ file: String) -> DeliveryManifest.FileEntry {
        manifest.files[file] ?? DeliveryManifest.FileEntry(rows: -1, sha256: "")
    }

    func table(_ file: String, mapping: FeedMapping) throws(FeedError) -> DeliveryTable {
        try DeliveryTable(
            file: file,
            of: folder,
            encoding: manifest.encoding,
            columns: mapping.columns(of: file)
        )
    }
}

/// The parts of a manifest a run keeps.
public struct DeliveryManifestSummary: Sendable, Hashable {
    public var encoding: TextEncoding
    public var files: [String: DeliveryManifest.FileEntry]

    init(_ manifest: DeliveryManifest) {
        encoding = manifest.encoding
        files = manifest.files
    }
}

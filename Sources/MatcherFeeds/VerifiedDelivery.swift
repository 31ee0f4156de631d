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
                "\(folder.label)/manifest.json cannot be used: \(error)",
                cause: error
            )
        }
        for file in files where manifest.files[file] == nil {
            throw FeedError(.fileUnlisted, "\(folder.label)/manifest.json does not list \(file)")
        }
        for file in manifest.files.keys.sorted()
        where !FileManager.default.fileExists(atPath: folder.path + "/" + file) {
            throw FeedError(.fileMissing, "\(folder.label) lacks \(file), which its manifest lists")
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

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
        // Support reads a delivery again days later, when it may have been moved away.
        guard FileManager.default.fileExists(atPath: folder.path) else {
            throw FeedError(.manifestMissing, "\(folder.label) is no longer at \(folder.path)")
        }
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
            // Quoted with its escapes, and cut short: the name is the department's text.
            let shown = String(reflecting: String(file.prefix(80)))
            throw FeedError(
                .manifestInvalid,
                "\(folder.label)/manifest.json lists \(shown), which is not a plain file name "
                    + "in its folder"
            )
        }
        for file in files where manifest.files[file] == nil {
            faults.append("manifest.json does not list \(file)")
        }
        for file in manifest.files.keys.sorted()
        where !FileManager.default.fileExists(atPath: folder.path + "/" + file) {
            faults.append("lacks \(file), which its manifest lists")
        }
        let present = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        // A department's tool may write the extension in capitals; the file is a CSV all the
        // same.
        for file in present.sorted()
        where file.lowercased().hasSuffix(".csv") && manifest.files[file] == nil {
            faults.append("holds \(file), which its manifest does not list")
        }
        if !faults.isEmpty {
            let code: FeedError.Code =
                faults[0].hasPrefix("lacks") ? .fileMissing : .fileUnlisted
            throw FeedError(code, "\(folder.label): " + faults.joined(separator: "; "))
        }
        // Files the service does not read are checked all the same: a manifest that is
        // wrong about one file cannot be trusted about the others.
        for file in manifest.files.keys.sorted() where !files.contains(file) {
            try verifyUnread(file, in: folder, expected: manifest.files[file])
        }
        return VerifiedDelivery(
            folder: folder,
            manifest: DeliveryManifestSummary(manifest),
            fingerprint: fingerprint
        )
    }

    private static func verifyUnread(
        _ file: String,
        in folder: DeliveryFolder,
        expected: DeliveryManifest.FileEntry?
    ) throws(FeedError) {
        guard let expected else { return }
        let label = folder.label + "/" + file
        var records = 0
        let checksum: String
        do {
            let reader = try CSVReader(path: folder.path + "/" + file)
            try reader.forEachRecord { _ in records += 1 }
            checksum = reader.sha256Hex ?? ""
        } catch {
            throw FeedError(.unreadable, "cannot read \(label): \(readable(error))", cause: error)
        }
        guard checksum == expected.sha256.lowercased() else {
            throw FeedError(
                .checksumMismatch,
                "\(label) has sha256 \(checksum), its manifest says \(expected.sha256)"
            )
        }
        let rows = max(0, records - 1)
        guard !file.hasSuffix(".csv") || rows == expected.rows else {
            throw FeedError(
                .rowCountMismatch,
                "\(label) has \(rows) data rows, its manifest says \(expected.rows)"
            )
        }
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

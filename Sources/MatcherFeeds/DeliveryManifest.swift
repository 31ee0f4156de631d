/// What a delivery's `manifest.json` says it holds: the encoding of its CSV files and, per
/// file, how many data rows it has and its checksum.
///
/// The format is `{"encoding": "GB18030", "files": {"persons.csv": {"rows": 21,
/// "sha256": "…"}}}`. A delivery whose files disagree with their entries is incomplete.
/// Keys this reader does not know are ignored, so a department may add some.
public struct DeliveryManifest: Sendable, Hashable {
    /// The encoding of every CSV file in the delivery.
    public var encoding: TextEncoding
    /// The entry for each file, keyed by its name in the delivery folder, e.g. `persons.csv`.
    public var files: [String: FileEntry]

    /// What the manifest says about one file.
    public struct FileEntry: Sendable, Hashable {
        /// How many data records the file has, not counting its header row.
        public var rows: Int
        /// The SHA-256 of the file's raw bytes, as 64 lowercase hex digits.
        public var sha256: String

        /// Creates an entry; `sha256` is stored lowercased.
        public init(rows: Int, sha256: String) {
            self.rows = rows
            self.sha256 = sha256.lowercased()
        }
    }

    /// Creates a manifest from its parts.
    public init(encoding: TextEncoding, files: [String: FileEntry]) {
        self.encoding = encoding
        self.files = files
    }
}

extension DeliveryManifest: Decodable {
    private enum CodingKeys: String, CodingKey {
        case encoding
        case files
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let label = try container.decode(String.self, forKey: .encoding)
        guard let encoding = TextEncoding(label: label) else {
            throw DecodingError.dataCorruptedError(
                forKey: .encoding,
                in: container,
                debugDescription: "names an encoding this reader does not know, "
                    + "\"\(label)\"; expected \"UTF-8\" or \"GB18030\""
            )
        }
        self.encoding = encoding
        files = try container.decode([String: FileEntry].self, forKey: .files)
    }
}

extension DeliveryManifest.FileEntry: Decodable {
    private enum CodingKeys: String, CodingKey {
        case rows
        case sha256
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let rows = try container.decode(Int.self, forKey: .rows)
        guard rows >= 0 else {
            throw DecodingError.dataCorruptedError(
                forKey: .rows,
                in: container,
                debugDescription: "must be zero or more, not \(rows)"
            )
        }
        let sha256 = try container.decode(String.self, forKey: .sha256)
        let isHex = sha256.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte)
                || (0x61...0x66).contains(byte)
        }
        guard sha256.utf8.count == 64, isHex else {
            throw DecodingError.dataCorruptedError(
                forKey: .sha256,
                in: container,
                debugDescription: "must be 64 hexadecimal digits, not a value of "
                    + "\(sha256.count) characters"
            )
        }
        self.init(rows: rows, sha256: sha256)
    }
}

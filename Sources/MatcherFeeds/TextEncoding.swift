/// The character encoding of a delivery's CSV files, as its manifest names it.
///
/// In both encodings the bytes of comma, quote, CR and LF never occur inside a multi-byte
/// character, which is why `CSVReader` can split records on raw bytes and leave decoding
/// to the fields a caller actually reads.
public enum TextEncoding: String, Sendable, Codable, CaseIterable {
    case utf8 = "UTF-8"
    /// GB 18030, the superset of GBK and GB 2312 that covers every Unicode character.
    case gb18030 = "GB18030"

    /// Reads an encoding label the way departments write it, or returns nil if unknown.
    ///
    /// Case, surrounding spaces, `-` and `_` are ignored. `GBK`, `CP936` and `GB2312` are read
    /// as GB 18030, which decodes every byte sequence valid in them to the same characters.
    public init?(label: String) {
        let folded = label.lowercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "_" }
        switch folded {
        case "utf8":
            self = .utf8
        case "gb18030", "gbk", "cp936", "gb2312":
            self = .gb18030
        default:
            return nil
        }
    }

    /// Decodes bytes in this encoding, throwing rather than replacing invalid bytes.
    ///
    /// Opens a converter per call; to decode many fields use one `FieldDecoder`.
    ///
    /// - Throws: `FeedReadError` with code `.invalidText` naming the bad bytes in hex.
    public func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws -> String {
        try FieldDecoder(encoding: self).decode(bytes)
    }

    /// Decodes bytes in this encoding, throwing rather than replacing invalid bytes.
    public func decode(_ bytes: [UInt8]) throws -> String {
        try bytes.withUnsafeBufferPointer { try decode($0) }
    }
}

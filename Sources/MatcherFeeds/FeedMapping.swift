import Foundation
import MatcherCore

/// How one source's files are read: which header names give which column, and the source's
/// code tables. Loaded from `mappings/feeds/<source>.json`, so a renamed or reordered column
/// is a change of data, not of code.
public struct FeedMapping: Sendable, Decodable {
    /// The source's folder name under the deliveries directory, e.g. `hrss`.
    public var source: String
    /// For every file, every column the service reads and the header names it may have.
    public var files: [String: [String: [String]]]
    public var codes: Codes?

    /// The source's code tables; which ones a source has depends on the source.
    public struct Codes: Sendable, Decodable {
        /// 医保 账户状态 values that are a normal account.
        public var normalAccountStatuses: [String]?
        /// Registry 证书类型 values and the certificate type each one is.
        public var certificateTypes: [String: CertificateType]?
        /// Registry 权属状态 values that are live (现势).
        public var liveStates: [String]?
        /// Registry 共有方式 values that are sole ownership (单独所有).
        public var soleOwnershipForms: [String]?
    }

    /// Reads `<directory>/feeds/<source>.json`.
    public static func load(source: String, mappingsDirectory: String) throws(FeedError)
        -> FeedMapping
    {
        let path = mappingsDirectory + "/feeds/" + source + ".json"
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw FeedError(.mappingUnreadable, "cannot read the mapping \(path)", cause: error)
        }
        do {
            return try JSONDecoder().decode(FeedMapping.self, from: data)
        } catch {
            throw FeedError(.mappingUnreadable, "the mapping \(path) is not valid", cause: error)
        }
    }

    /// The columns the service reads from `file`.
    public func columns(of file: String) -> [String: [String]] {
        files[file] ?? [:]
    }
}

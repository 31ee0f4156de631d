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
        /// Every 权属状态 value the registry uses, live or not: a row with any other value is
        /// refused rather than read as not live.
        public var knownStates: [String]?
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
        let mapping: FeedMapping
        do {
            mapping = try JSONDecoder().decode(FeedMapping.self, from: data)
        } catch {
            throw FeedError(.mappingUnreadable, "the mapping \(path) is not valid", cause: error)
        }
        guard mapping.source == source else {
            throw FeedError(
                .mappingUnreadable,
                "\(path) maps the source \(mapping.source), not \(source)"
            )
        }
        try mapping.validate(file: path)
        return mapping
    }

    /// The files and logical columns each source's loader reads; a mapping must name them
    /// all, or a loader would read the wrong column and give final, wrong results.
    public static let requiredColumns: [String: [String: [String]]] = [
        "hrss": [
            "persons.csv": ["personalNumber", "name", "idNumber"],
            "contributions.csv": [
                "personalNumber", "insuranceType", "firstMonth", "lastMonth", "region",
            ],
        ],
        "medical": [
            "persons.csv": ["personalNumber", "name", "idNumber", "accountStatus"],
            "contributions.csv": [
                "personalNumber", "insuranceType", "firstMonth", "lastMonth", "region",
            ],
        ],
        "registry": [
            "certificates.csv": [
                "certificateType", "certificateNumber", "ownerName", "ownerIdNumber",
                "ownershipForm", "plannedUse", "address", "registeredOn", "state",
            ]
        ],
    ]

    /// Checks that the mapping names every file, column and code table its loader needs,
    /// each with at least one non-empty name.
    public func validate(file: String) throws(FeedError) {
        var faults: [String] = []
        guard let required = Self.requiredColumns[source] else {
            throw FeedError(.mappingUnreadable, "\(file) maps an unknown source \(source)")
        }
        for (name, columns) in required.sorted(by: { $0.key < $1.key }) {
            for column in columns {
                let names = (files[name]?[column] ?? []).filter { !$0.isEmpty }
                if names.isEmpty {
                    faults.append("files.\(name).\(column) has no header name")
                }
            }
        }
        let codes = self.codes
        switch source {
        case "medical":
            if (codes?.normalAccountStatuses ?? []).isEmpty {
                faults.append("codes.normalAccountStatuses is missing or empty")
            }
        case "registry":
            if (codes?.certificateTypes ?? [:]).isEmpty {
                faults.append("codes.certificateTypes is missing or empty")
            }
            if (codes?.liveStates ?? []).isEmpty {
                faults.append("codes.liveStates is missing or empty")
            }
            if (codes?.knownStates ?? []).isEmpty {
                faults.append("codes.knownStates is missing or empty")
            }
            if (codes?.soleOwnershipForms ?? []).isEmpty {
                faults.append("codes.soleOwnershipForms is missing or empty")
            }
        default:
            break
        }
        guard faults.isEmpty else {
            throw FeedError(
                .mappingUnreadable,
                "\(file) cannot be used: " + faults.joined(separator: "; ")
            )
        }
    }

    /// The columns the service reads from `file`.
    public func columns(of file: String) -> [String: [String]] {
        files[file] ?? [:]
    }
}

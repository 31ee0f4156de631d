import Foundation
import MatcherCore
import MatcherFeeds

/// Everything a run reads from `mappings/`: the year's policy, the parent messages, the
/// address vocabulary and the feed mappings.
public struct MatchingSetup: Sendable {
    public var rules: MatchRules
    public var hrss: FeedMapping
    public var medical: FeedMapping
    public var registry: FeedMapping

    /// Loads the mappings; `policyYear` nil takes the newest policy not later than
    /// `asOf`'s year, so a backfilled day is matched under the rules of its own year.
    public static func load(
        mappingsDirectory directory: String,
        asOf: CalendarDate,
        policyYear: Int? = nil
    ) throws(SyncError) -> MatchingSetup {
        var year = policyYear ?? 0
        if policyYear == nil {
            year = try newestPolicyYear(in: directory, notAfter: asOf.year)
        }
        let policy: PointsPolicy = try decode("\(directory)/policy/\(year).json")
        let messages: [String: String] = try decode("\(directory)/messages.json")
        let addressRules: AddressRules = try decode("\(directory)/address.json")
        do {
            try policy.validate()
            let rules = MatchRules(
                policy: policy,
                messages: try ParentMessages(textByCode: messages),
                addresses: AddressNormalizer(rules: addressRules)
            )
            return MatchingSetup(
                rules: rules,
                hrss: try FeedMapping.load(source: "hrss", mappingsDirectory: directory),
                medical: try FeedMapping.load(source: "medical", mappingsDirectory: directory),
                registry: try FeedMapping.load(source: "registry", mappingsDirectory: directory)
            )
        } catch {
            throw SyncError(.configuration, "the mappings in \(directory) cannot be used: \(error)")
        }
    }

    static func newestPolicyYear(in directory: String, notAfter year: Int) throws(SyncError)
        -> Int
    {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/policy"))
        let years = (names ?? []).compactMap { name -> Int? in
            guard name.hasSuffix(".json") else { return nil }
            return Int(name.dropLast(5))
        }
        guard let newest = years.filter({ $0 <= year }).max() else {
            throw SyncError(
                .configuration,
                "no points policy for \(year) or earlier in \(directory)/policy"
            )
        }
        return newest
    }

    private static func decode<T: Decodable>(_ path: String) throws(SyncError) -> T {
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw SyncError(.configuration, "cannot read \(path): \(error)")
        }
    }
}

/// Why a run could not be done at all; what it could do despite bad input is in its report.
public struct SyncError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case configuration
        case input
        case store
        case output
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

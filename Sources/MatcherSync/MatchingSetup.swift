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
    /// A hash of every mapping file the rules read: when it differs from the one a result
    /// was computed under, the result is computed again.
    public var fingerprint: String = ""

    /// Loads the mappings; `policyYear` nil takes the newest policy not later than
    /// `asOf`'s year, so a backfilled day is matched under the rules of its own year.
    ///
    /// Every error names the file and, for a value that cannot be used, its field, in words
    /// an operator can act on.
    public static func load(
        mappingsDirectory directory: String,
        asOf: CalendarDate,
        policyYear: Int? = nil
    ) throws(SyncError) -> MatchingSetup {
        var year = policyYear ?? 0
        if policyYear == nil {
            year = try newestPolicyYear(in: directory, notAfter: asOf.year)
        }
        let policyPath = "\(directory)/policy/\(year).json"
        guard FileManager.default.fileExists(atPath: policyPath) else {
            throw SyncError(
                .configuration,
                "no points policy for \(year): \(policyPath) does not exist; "
                    + existingPolicies(in: directory)
            )
        }
        let policy: PointsPolicy = try ConfigurationFile.decode(policyPath)
        // The file name is what `--policy-year` and the as-of date choose by, so a file
        // whose contents say another year would silently apply the wrong year's rules.
        guard policy.year == year else {
            throw SyncError(
                .configuration,
                "\(policyPath) holds the policy for \(policy.year), not \(year): "
                    + "the year inside a policy file must be the year in its name"
            )
        }
        do {
            try policy.validate()
        } catch {
            throw SyncError(.configuration, "\(policyPath) cannot be used: \(error.message)")
        }

        let messagesPath = "\(directory)/messages.json"
        let textByCode: [String: String] = try ConfigurationFile.decode(messagesPath)
        let messages: ParentMessages
        do {
            messages = try ParentMessages(textByCode: textByCode)
        } catch {
            throw SyncError(.configuration, "\(messagesPath) cannot be used: \(error.message)")
        }
        let addressRules: AddressRules = try ConfigurationFile.decode("\(directory)/address.json")

        var setup = MatchingSetup(
            rules: MatchRules(
                policy: policy,
                messages: messages,
                addresses: AddressNormalizer(rules: addressRules)
            ),
            hrss: try feedMapping("hrss", in: directory),
            medical: try feedMapping("medical", in: directory),
            registry: try feedMapping("registry", in: directory)
        )
        setup.fingerprint = fingerprint(
            of: [policyPath, messagesPath, "\(directory)/address.json"]
                + ["hrss", "medical", "registry"].map { "\(directory)/feeds/\($0).json" }
        )
        return setup
    }

    /// The files' bytes hashed in order; they were all read a moment ago.
    private static func fingerprint(of paths: [String]) -> String {
        var hash = StableHash()
        for path in paths {
            let data = FileManager.default.contents(atPath: path) ?? Data()
            hash.combine(String(decoding: data, as: UTF8.self))
        }
        return hash.hex
    }

    static func newestPolicyYear(in directory: String, notAfter year: Int) throws(SyncError)
        -> Int
    {
        guard let newest = policyYears(in: directory).filter({ $0 <= year }).max() else {
            throw SyncError(
                .configuration,
                "no points policy for \(year) or earlier; " + existingPolicies(in: directory)
            )
        }
        return newest
    }

    /// The years that have a policy file, `<year>.json` under `policy/`, in order.
    static func policyYears(in directory: String) -> [Int] {
        let names = try? FileManager.default.contentsOfDirectory(atPath: directory + "/policy")
        let years = (names ?? []).compactMap { name -> Int? in
            guard name.hasSuffix(".json") else { return nil }
            let stem = name.dropLast(5)
            // Int(_:) would also take a sign, and `+2023.json` is not a year's file.
            guard !stem.isEmpty, stem.allSatisfy(\.isASCII), stem.allSatisfy(\.isNumber) else {
                return nil
            }
            return Int(stem)
        }
        return years.sorted()
    }

    /// Which policies there are, so the operator sees what `--policy-year` may name.
    private static func existingPolicies(in directory: String) -> String {
        let years = policyYears(in: directory)
        guard !years.isEmpty else {
            return "there are no policy files in \(directory)/policy"
        }
        let list = years.map(String.init).joined(separator: ", ")
        return "\(directory)/policy has policies for \(list)"
    }

    /// Loads one feed mapping, adding a readable reason when its JSON cannot be decoded.
    ///
    /// Limitation: the reason cannot tell invalid JSON from a number that does not fit its
    /// field, because `FeedMapping.load` keeps the file's bytes to itself; lifts when that
    /// loader describes its own decoding errors (it could call `ConfigurationFile.describe`
    /// once the helper moves to a module both can see).
    private static func feedMapping(_ source: String, in directory: String) throws(SyncError)
        -> FeedMapping
    {
        do {
            return try FeedMapping.load(source: source, mappingsDirectory: directory)
        } catch {
            var message = error.message
            if let decoding = error.cause as? DecodingError {
                message += ": " + ConfigurationFile.describe(decoding, in: nil)
            }
            throw SyncError(.configuration, message)
        }
    }
}

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
        let policyFile: PolicyFile
        do {
            if let policyYear {
                policyFile = try PolicyFile(mappingsDirectory: directory, year: policyYear)
            } else {
                policyFile = try PolicyFile(mappingsDirectory: directory, newestNotAfter: asOf.year)
            }
        } catch {
            throw SyncError(.configuration, error.message)
        }
        let policy = policyFile.policy

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
            of: [policyFile.path, messagesPath, "\(directory)/address.json"]
                + DeliveryCatalog.sources.map { "\(directory)/feeds/\($0).json" }
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

    /// Loads one feed mapping, adding a readable reason when its JSON cannot be decoded.
    ///
    /// Limitation: the reason cannot tell invalid JSON from a number that does not fit its
    /// field, because `FeedMapping.load` keeps the file's bytes to itself; lifts when that
    /// loader describes its own decoding errors (it could call `MappingFile.describe`, which
    /// is in MatcherCore where MatcherFeeds sees it).
    private static func feedMapping(_ source: String, in directory: String) throws(SyncError)
        -> FeedMapping
    {
        do {
            return try FeedMapping.load(source: source, mappingsDirectory: directory)
        } catch {
            var message = error.message
            if let decoding = error.cause as? DecodingError {
                message += ": " + MappingFile.describe(decoding, in: nil)
            }
            throw SyncError(.configuration, message)
        }
    }
}

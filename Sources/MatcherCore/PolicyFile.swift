import Foundation

/// One year's points policy as read from `mappings/policy/<year>.json`.
///
/// The sync and the generator both load it here, so a missing or broken policy is named in
/// the same words by both.
public struct PolicyFile: Sendable {
    /// The file the policy was read from.
    public var path: String
    public var policy: PointsPolicy

    /// The policy of `year` itself.
    public init(mappingsDirectory directory: String, year: Int) throws(MappingFileError) {
        path = Self.path(of: year, in: directory)
        guard FileManager.default.fileExists(atPath: path) else {
            throw MappingFileError(
                "no points policy for \(year): \(path) does not exist; "
                    + Self.existingPolicies(in: directory)
            )
        }
        policy = try MappingFile.decode(path)
        // The file name is what a year is chosen by, so a file whose contents say another
        // year would silently apply the wrong year's rules.
        guard policy.year == year else {
            throw MappingFileError(
                "\(path) holds the policy for \(policy.year), not \(year): "
                    + "the year inside a policy file must be the year in its name"
            )
        }
        do {
            try policy.validate()
        } catch {
            throw MappingFileError("\(path) cannot be used: \(error.message)")
        }
    }

    /// The policy of the newest year not later than `year`, so that a day is matched under
    /// the rules of its own year.
    public init(mappingsDirectory directory: String, newestNotAfter year: Int)
        throws(MappingFileError)
    {
        guard let newest = Self.years(in: directory).filter({ $0 <= year }).max() else {
            throw MappingFileError(
                "no points policy for \(year) or earlier; " + Self.existingPolicies(in: directory)
            )
        }
        try self.init(mappingsDirectory: directory, year: newest)
    }

    /// The years that have a policy file, `<year>.json` under `policy/`, in order.
    public static func years(in directory: String) -> [Int] {
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

    static func path(of year: Int, in directory: String) -> String {
        "\(directory)/policy/\(year).json"
    }

    /// Which policies there are, so the operator sees what may be chosen; or which folder
    /// is missing, when the mappings are not where they were looked for.
    private static func existingPolicies(in directory: String) -> String {
        let years = years(in: directory)
        guard !years.isEmpty else {
            for folder in [directory, directory + "/policy"]
            where !FileManager.default.fileExists(atPath: folder) {
                return "the folder \(folder) does not exist"
            }
            return "there are no policy files in \(directory)/policy"
        }
        let list = years.map(String.init).joined(separator: ", ")
        return "\(directory)/policy has policies for \(list)"
    }
}

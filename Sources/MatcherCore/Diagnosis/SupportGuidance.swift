/// The parent's next step for every outcome code and every kind of near miss, in plain
/// Chinese, from `mappings/guidance.json`.
///
/// Which office to visit and what to bring changes with the offices, not with the code, so
/// the words live in a mapping file like the parent messages.
public struct SupportGuidance: Hashable, Sendable, Codable {
    /// Next steps by outcome code, e.g. `SI_NO_SS_ID`.
    public var outcomes: [String: String]
    /// Next steps by near-miss kind, e.g. `ownerIDSlip`.
    public var nearMisses: [String: String]

    /// Fails when an outcome code or a near-miss kind has no text, naming every one missing.
    public init(outcomes: [String: String], nearMisses: [String: String]) throws(PolicyError) {
        self.outcomes = outcomes
        self.nearMisses = nearMisses
        try validate()
    }

    /// Checks that every outcome code and near-miss kind has words; the caller adds the file.
    public func validate() throws(PolicyError) {
        let codes =
            SocialInsuranceOutcome.allCases.map(\.rawValue)
            + PropertyOutcome.allCases.map(\.rawValue)
        let missingCodes = codes.filter { (outcomes[$0] ?? "").allSatisfy(\.isWhitespace) }
        let missingKinds = NearMissKind.allCases.map(\.rawValue).filter {
            (nearMisses[$0] ?? "").allSatisfy(\.isWhitespace)
        }
        var problems: [String] = []
        if !missingCodes.isEmpty {
            problems.append("outcomes has no text for \(missingCodes.joined(separator: ", "))")
        }
        if !missingKinds.isEmpty {
            problems.append(
                "nearMisses has no text for \(missingKinds.joined(separator: ", "))"
            )
        }
        guard problems.isEmpty else {
            throw PolicyError(message: problems.joined(separator: "; "))
        }
    }

    public func nextStep(for outcome: SocialInsuranceOutcome) -> String {
        outcomes[outcome.rawValue] ?? ""
    }

    public func nextStep(for outcome: PropertyOutcome) -> String {
        outcomes[outcome.rawValue] ?? ""
    }

    public func nextStep(for kind: NearMissKind) -> String {
        nearMisses[kind.rawValue] ?? ""
    }
}

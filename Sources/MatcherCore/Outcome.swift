/// The social-insurance outcome codes, in the order the rules check them.
///
/// The order is the contract's: an application's outcome is its first problem, and its
/// problems are listed in this order so a parent reads the most basic one first.
public enum SocialInsuranceOutcome: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case invalidID = "SI_INVALID_ID"
    case noSocialSecurityNumber = "SI_NO_SS_ID"
    case nameMismatch = "SI_NAME_MISMATCH"
    case multipleSocialSecurityNumbers = "SI_MULTIPLE_SS_IDS"
    case noMedicalCode = "SI_NO_MEDICAL_CODE"
    case multipleMedicalCodes = "SI_MULTIPLE_MEDICAL_CODES"
    case medicalAccountAbnormal = "SI_MEDICAL_ACCOUNT_ABNORMAL"
    case matched = "SI_MATCHED"
    /// A feed could not be read; never final.
    case pending = "SI_PENDING"

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

/// The property outcome codes, in the order the rules check them.
public enum PropertyOutcome: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    case notDeclared = "PR_NOT_DECLARED"
    case invalidNumber = "PR_INVALID_NUMBER"
    case noRecord = "PR_NO_RECORD"
    case ownerMismatch = "PR_OWNER_MISMATCH"
    case siblingNotEligible = "PR_SIBLING_NOT_ELIGIBLE"
    case notResidential = "PR_NOT_RESIDENTIAL"
    case addressMismatch = "PR_ADDRESS_MISMATCH"
    case matched = "PR_MATCHED"
    /// The registry could not be read; never final.
    case pending = "PR_PENDING"

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

/// The words a parent reads for each outcome, from `mappings/messages.json`.
public struct ParentMessages: Hashable, Sendable {
    private var textByCode: [String: String]

    /// Fails when a code has no text or only blanks, so a parent never sees an empty message.
    ///
    /// The error names every code that lacks text; the caller adds which file it read.
    public init(textByCode: [String: String]) throws(PolicyError) {
        let codes =
            SocialInsuranceOutcome.allCases.map(\.rawValue)
            + PropertyOutcome.allCases.map(\.rawValue)
        let missing = codes.filter { code in
            (textByCode[code] ?? "").allSatisfy(\.isWhitespace)
        }
        guard missing.isEmpty else {
            throw PolicyError(message: "no text for \(missing.joined(separator: ", "))")
        }
        self.textByCode = textByCode
    }

    public func text(for outcome: SocialInsuranceOutcome) -> String {
        textByCode[outcome.rawValue] ?? outcome.rawValue
    }

    public func text(for outcome: PropertyOutcome) -> String {
        textByCode[outcome.rawValue] ?? outcome.rawValue
    }
}

/// The result of normalising one ID number: its folded form, and its normal
/// form or the reason it has none.
public struct IDNumberNormalization: Sendable, Hashable {
    /// The number after the form-only steps (spaces, width, hyphens, letter
    /// case), whether or not it is valid.
    ///
    /// This is the lookup key for feed values that are invalid themselves,
    /// and what support staff compare when a number was rejected.
    public var folded: String
    /// The number in normal form; nil exactly when it is not a valid number of its type.
    public var normalized: String?
    /// Why the number is invalid; nil exactly when `normalized` is set.
    public var problem: IDNumberProblem?
    /// What normalising changed, in the order it was done.
    public var steps: [NormalizationStep]

    public init(
        folded: String,
        normalized: String?,
        problem: IDNumberProblem?,
        steps: [NormalizationStep]
    ) {
        self.folded = folded
        self.normalized = normalized
        self.problem = problem
        self.steps = steps
    }

    /// Whether the number is a valid number of its type.
    public var isValid: Bool {
        normalized != nil
    }
}

/// Normalising and validating people's ID numbers.
///
/// Every type first gets the same form-only steps: whitespace of every kind
/// removed, full-width forms folded, hyphens removed, ASCII letters
/// upper-cased. What a valid number then looks like depends on the type:
///
/// - `resident`: 18 characters, 17 digits and a digit or `X`, with a real
///   birth date (`YYYYMMDD` at positions 7 to 14, years 1900 to 2100) and the
///   GB 11643 check digit. A 15-digit number is the legacy form and is
///   upgraded to 18.
/// - `passport`: 5 to 20 ASCII letters and digits.
/// - `hmt`: parentheses removed too, then a residence permit number (18
///   characters from 810000, 820000 or 830000, checked like a resident
///   number), a home-return or Taiwan permit number, or a Hong Kong
///   identity card number; `isValidHMTNumber` lists the shapes.
/// - `other`: 4 to 30 ASCII letters and digits.
///
/// A value that a spreadsheet turned into a number (`3.41221E+17`,
/// `320583780923031.0`) is reported as such and never repaired: the digits
/// it lost cannot be guessed.
public enum IDNumber {
    /// Normalises a number as typed or delivered, and says why when it is invalid.
    public static func normalize(_ raw: String, as type: IDType) -> IDNumberNormalization {
        let (folded, changes) = foldForm(raw, removingParentheses: type == .hmt)
        var steps: [NormalizationStep] = []
        changes.appendSteps(to: &steps)
        switch verdict(on: folded, as: type) {
        case .valid:
            return IDNumberNormalization(
                folded: folded,
                normalized: folded,
                problem: nil,
                steps: steps
            )
        case .upgraded(let upgraded):
            steps.append(
                NormalizationStep(.fifteenDigitUpgraded, detail: "\(folded) → \(upgraded)")
            )
            return IDNumberNormalization(
                folded: folded,
                normalized: upgraded,
                problem: nil,
                steps: steps
            )
        case .invalid(let problem):
            return IDNumberNormalization(
                folded: folded,
                normalized: nil,
                problem: problem,
                steps: steps
            )
        }
    }

    /// The birth date in a normalised 18-character resident number (or a
    /// Hong Kong, Macao or Taiwan residence permit number), or nil when the
    /// number has none that is a real date.
    public static func birthDate(
        ofResident normalized: String
    ) -> (year: Int, month: Int, day: Int)? {
        var number = normalized
        return number.withUTF8 { bytes in
            guard bytes.count == 18 else {
                return nil
            }
            return birthDate(in: bytes)
        }
    }

    /// The GB 11643 (ISO 7064 MOD 11-2) check character for the first 17
    /// digits of a resident number, given as ASCII bytes.
    ///
    /// - Precondition: the collection starts with 17 ASCII digits; later
    ///   elements are ignored.
    public static func residentCheckDigit(of first17: some Collection<UInt8>) -> Character {
        Character(Unicode.Scalar(residentCheckByte(of: first17)))
    }

    /// The GB 11643 (ISO 7064 MOD 11-2) check character for the first 17
    /// digits of a resident number.
    ///
    /// - Precondition: the collection starts with 17 ASCII digits; later
    ///   elements are ignored.
    public static func residentCheckDigit(of first17: some Collection<Character>) -> Character {
        residentCheckDigit(of: first17.lazy.map { $0.asciiValue ?? 0 })
    }
}

// MARK: - Form steps

extension IDNumber {
    private static func foldForm(
        _ raw: String,
        removingParentheses: Bool
    ) -> (String, FormChanges) {
        // Feed values are nearly always digits and capitals already, which
        // one pass over the bytes settles faster than decoding scalars.
        let isAlreadyFolded = raw.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0.isASCIIDigit || $0.isASCIIUppercaseLetter }
        }
        if isAlreadyFolded == true {
            return (raw, FormChanges())
        }
        let needsChange = { (scalar: Unicode.Scalar) -> Bool in
            scalar.isRemovableSpace || scalar.isHyphenLike || scalar.isASCIILowercaseLetter
                || scalar.asciiFromFullWidth != nil
                || (removingParentheses && (scalar == "(" || scalar == ")"))
        }
        guard raw.unicodeScalars.contains(where: needsChange) else {
            return (raw, FormChanges())
        }
        var changes = FormChanges()
        var scalars = String.UnicodeScalarView()
        for scalar in raw.unicodeScalars {
            if scalar.isRemovableSpace {
                changes.spaces += 1
                continue
            }
            let ascii = scalar.asciiFromFullWidth
            let folded = ascii ?? scalar
            if folded.isHyphenLike {
                changes.separators += 1
            } else if removingParentheses && (folded == "(" || folded == ")") {
                changes.punctuation += 1
            } else {
                if ascii != nil {
                    changes.fullWidth += 1
                }
                if folded.isASCIILowercaseLetter {
                    changes.letterCase += 1
                }
                scalars.append(folded.asciiUppercased)
            }
        }
        return (String(scalars), changes)
    }
}

/// Normalising of person names as parents type them and departments store them.
///
/// Only differences of form go: spaces of every kind, full-width letters,
/// the case of Latin letters (passport names), and the many look-alikes of
/// the middle dot that separates the parts of minority and foreign names
/// (`阿依古丽·买买提`). Every other character is kept, so `郭婷` and `郭婷婷`,
/// or `王明` and `王鸣`, stay different.
public enum PersonName {
    /// The middle dot that names are normalised to (U+00B7).
    public static let middleDot: Unicode.Scalar = "\u{B7}"

    /// Returns the name in normal form and the steps that produced it.
    ///
    /// A name that is already normal comes back as the same string, with no steps.
    public static func normalize(_ raw: String) -> Normalized<String> {
        guard raw.unicodeScalars.contains(where: needsChange) else {
            return Normalized(value: raw)
        }
        var changes = FormChanges()
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(raw.utf8.count)
        for scalar in raw.unicodeScalars {
            if scalar.isRemovableSpace {
                changes.spaces += 1
            } else if scalar != middleDot && isMiddleDotLookalike(scalar) {
                // Checked before width folding: `．` U+FF0E is a dot here, not a full stop.
                changes.middleDots += 1
                scalars.append(middleDot)
            } else {
                var folded = scalar
                if let ascii = scalar.asciiFromFullWidth {
                    changes.fullWidth += 1
                    folded = ascii
                }
                if folded.isASCIILowercaseLetter {
                    changes.letterCase += 1
                    folded = folded.asciiUppercased
                }
                scalars.append(folded)
            }
        }
        var steps: [NormalizationStep] = []
        changes.appendSteps(to: &steps)
        return Normalized(value: String(scalars), steps: steps)
    }

    /// Whether the scalar is one of the dots that people type for U+00B7 in a name.
    ///
    /// `●` U+25CF is deliberately not one: it is a mask or bullet, never a dot
    /// that was meant, and reading it as one could join two different names.
    static func isMiddleDotLookalike(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2E, 0xB7, 0x2022, 0x2027, 0x2219, 0x22C5, 0x30FB, 0xFF0E, 0xFF65: true
        default: false
        }
    }

    private static func needsChange(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isRemovableSpace
            || scalar.asciiFromFullWidth != nil
            || scalar.isASCIILowercaseLetter
            || (scalar != middleDot && isMiddleDotLookalike(scalar))
    }
}

// Character classes and width folding shared by the normalisers.
//
// Everything here looks at one Unicode scalar at a time, so that each
// normaliser can walk `unicodeScalars` once, without regular expressions or
// Foundation, on millions of feed rows.

extension Unicode.Scalar {
    /// Whether normalising drops this scalar as a space.
    ///
    /// Besides ASCII and Unicode whitespace (the ideographic space U+3000, the
    /// no-break spaces U+00A0 and U+202F, U+2000...U+200A) this takes control
    /// characters and the invisible zero-width characters that copying out of
    /// web pages and spreadsheets leaves behind: none of them can be seen on
    /// a certificate or an ID card, so none of them can tell two values apart.
    var isRemovableSpace: Bool {
        switch value {
        case 0x00...0x20, 0x7F...0xA0: true
        case 0x1680, 0x180E, 0x2000...0x200D, 0x2028, 0x2029, 0x202F, 0x205F, 0x2060: true
        case 0x3000, 0xFEFF: true
        default: false
        }
    }

    /// The ASCII scalar that a full-width form (U+FF01...U+FF5E) stands for,
    /// or nil when this is not one.
    var asciiFromFullWidth: Unicode.Scalar? {
        guard (0xFF01...0xFF5E).contains(value) else {
            return nil
        }
        return Unicode.Scalar(UInt8(truncatingIfNeeded: value - 0xFEE0))
    }

    var isASCIIDigit: Bool {
        (0x30...0x39).contains(value)
    }

    var isASCIILowercaseLetter: Bool {
        (0x61...0x7A).contains(value)
    }

    var isASCIIUppercaseLetter: Bool {
        (0x41...0x5A).contains(value)
    }

    var isASCIIAlphanumeric: Bool {
        isASCIIDigit || isASCIIUppercaseLetter || isASCIILowercaseLetter
    }

    /// The upper-case form of an ASCII lower-case letter; any other scalar unchanged.
    var asciiUppercased: Unicode.Scalar {
        guard isASCIILowercaseLetter else {
            return self
        }
        return Unicode.Scalar(UInt8(truncatingIfNeeded: value - 0x20))
    }

    /// Whether this is a CJK ideograph, the bulk of every address and name.
    var isCJKIdeograph: Bool {
        switch value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: true
        default: false
        }
    }

    /// Whether this is a dash or hyphen that separates groups of digits.
    var isHyphenLike: Bool {
        switch value {
        case 0x2D, 0x2010...0x2015, 0x2212, 0xFE58, 0xFE63, 0xFF0D: true
        default: false
        }
    }

    /// Whether this is punctuation, or an ASCII symbol such as `#` or `+`.
    ///
    /// Other non-ASCII symbols (`★`, `○`, emoji) are not: they may mean
    /// something, so they are kept and make a mismatch rather than vanish.
    var isPunctuation: Bool {
        if value < 0x80 {
            return (0x21...0x7E).contains(value) && !isASCIIAlphanumeric
        }
        if isCJKIdeograph {
            return false
        }
        switch properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }
}

extension UInt8 {
    var isASCIIDigit: Bool {
        (0x30...0x39).contains(self)
    }

    var isASCIIUppercaseLetter: Bool {
        (0x41...0x5A).contains(self)
    }

    var isASCIIAlphanumeric: Bool {
        isASCIIDigit || isASCIIUppercaseLetter || (0x61...0x7A).contains(self)
    }

    /// The value of an ASCII digit; only meaningful when `isASCIIDigit`.
    var digitValue: Int {
        Int(self) - 0x30
    }
}

extension String {
    /// A string made of the given scalars.
    ///
    /// Encodes straight into the string's storage: appending to a
    /// `UnicodeScalarView` takes a generic path that is several times slower.
    init(scalars: some Collection<Unicode.Scalar>) {
        self.init(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
            var count = 0
            for scalar in scalars {
                UTF8.encode(scalar) { unit in
                    buffer[count] = unit
                    count += 1
                }
            }
            return count
        }
    }
}

extension String {
    /// The scalars with full-width forms folded and spaces removed, and ASCII
    /// letters upper-cased when asked, counting what changed.
    func foldedScalars(
        upperCasingLetters: Bool,
        changes: inout FormChanges
    ) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            if scalar.isRemovableSpace {
                changes.spaces += 1
                continue
            }
            var folded = scalar
            if let ascii = scalar.asciiFromFullWidth {
                changes.fullWidth += 1
                folded = ascii
            }
            if upperCasingLetters && folded.isASCIILowercaseLetter {
                changes.letterCase += 1
                folded = folded.asciiUppercased
            }
            scalars.append(folded)
        }
        return scalars
    }
}

extension ArraySlice where Element == Unicode.Scalar {
    /// The longest of `words` (sorted longest first) that this slice starts with.
    func firstPrefix(among words: [[Unicode.Scalar]]) -> [Unicode.Scalar]? {
        words.first { starts(with: $0) }
    }
}

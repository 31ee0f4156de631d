import Testing

@testable import MatcherCore

struct WidthFoldingTests {
    @Test(
        arguments: [
            " ", "\t", "\n", "\r", "\u{0}", "\u{7F}", "\u{85}", "\u{A0}", "\u{1680}", "\u{2000}",
            "\u{2009}", "\u{200A}", "\u{200B}", "\u{200D}", "\u{2028}", "\u{202F}", "\u{205F}",
            "\u{2060}", "\u{3000}", "\u{FEFF}",
        ] as [Unicode.Scalar]
    )
    func invisibleScalarIsARemovableSpace(scalar: Unicode.Scalar) {
        #expect(scalar.isRemovableSpace)
    }

    @Test(arguments: ["A", "0", "王", "·", "-", "\u{FF10}"] as [Unicode.Scalar])
    func visibleScalarIsNoSpace(scalar: Unicode.Scalar) {
        #expect(!scalar.isRemovableSpace)
    }

    @Test(
        arguments: [
            ("\u{FF01}", "!"),
            ("\u{FF10}", "0"),
            ("\u{FF21}", "A"),
            ("\u{FF41}", "a"),
            ("\u{FF08}", "("),
            ("\u{FF5E}", "~"),
        ] as [(Unicode.Scalar, Unicode.Scalar)]
    )
    func fullWidthFormFoldsToASCII(wide: Unicode.Scalar, ascii: Unicode.Scalar) {
        #expect(wide.asciiFromFullWidth == ascii)
    }

    @Test(
        arguments: ["A", "\u{3000}", "\u{FF00}", "\u{FF5F}", "\u{FF65}", "王"] as [Unicode.Scalar]
    )
    func otherScalarHasNoASCIIForm(scalar: Unicode.Scalar) {
        #expect(scalar.asciiFromFullWidth == nil)
    }

    @Test(arguments: [",", "#", "-", "，", "。", "、", "（", "【", "—", "·", "…"] as [Unicode.Scalar])
    func punctuationIsRecognized(scalar: Unicode.Scalar) {
        #expect(scalar.isPunctuation)
    }

    @Test(arguments: ["A", "1", "王", "〇", "○", "★", "幢"] as [Unicode.Scalar])
    func lettersNumeralsAndSymbolsAreNoPunctuation(scalar: Unicode.Scalar) {
        #expect(!scalar.isPunctuation)
    }

    @Test(arguments: ["", "abc", "昆山开发区", "𠀀𠀁 mixed ·", "é\u{301}"])
    func stringIsRebuiltFromItsScalars(text: String) {
        let rebuilt = String(scalars: Array(text.unicodeScalars))

        #expect(rebuilt == text)
        #expect(Array(rebuilt.utf8) == Array(text.utf8))
    }
}

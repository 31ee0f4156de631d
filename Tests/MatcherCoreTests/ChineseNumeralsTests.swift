import Testing

@testable import MatcherCore

struct ChineseNumeralsTests {
    @Test(arguments: [
        ("一二〇三", "1203"),
        ("三〇二", "302"),
        ("三○二", "302"),
        ("〇三", "03"),
        ("一", "1"),
        ("两", "2"),
        ("十", "10"),
        ("十二", "12"),
        ("二十", "20"),
        ("二十三", "23"),
        ("一十二", "12"),
        ("一百零五", "105"),
        ("两百", "200"),
        ("九百九十九", "999"),
        ("一千二百零三", "1203"),
        ("一千零三十", "1030"),
        ("一千零三", "1003"),
        ("壹拾贰", "12"),
        ("叁佰零贰", "302"),
    ])
    func numeralsWithOneReadingAreRead(numerals: String, digits: String) {
        #expect(ChineseNumerals.arabicDigits(of: numerals.unicodeScalars) == digits)
    }

    @Test(arguments: [
        "",
        "一百五",
        "一千二",
        "十十",
        "二三十",
        "百",
        "一千零",
        "零十",
        "十零",
        "一千零零三",
        "一千零十",
        "三元",
    ])
    func numeralsWithoutOneReadingAreLeftAlone(numerals: String) {
        #expect(ChineseNumerals.arabicDigits(of: numerals.unicodeScalars) == nil)
    }
}

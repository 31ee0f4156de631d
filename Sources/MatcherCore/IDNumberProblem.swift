/// Why an ID number is not a valid number of its type.
public enum IDNumberProblem: Hashable, Sendable {
    /// Nothing is left once spaces are removed.
    case empty
    /// Characters that no number of the type contains, each listed once.
    case invalidCharacters(String)
    /// The number of characters, which no number of the type has.
    case wrongLength(Int)
    /// The birth date inside a resident number is not a real date.
    case invalidBirthDate
    /// The last character of a resident number is not the one its first 17 digits give.
    case checkDigitMismatch(expected: Character, found: Character)
    /// A spreadsheet turned the number into scientific notation or added `.0`:
    /// digits are lost, so it is reported and never repaired.
    case spreadsheetDamage
    /// An HMT number that has none of the accepted shapes (see `IDNumber`).
    case unrecognizedFormat
}

extension IDNumberProblem: CustomStringConvertible {
    /// The problem in plain English, for logs and operators.
    public var description: String {
        switch self {
        case .empty:
            "the number is empty"
        case .invalidCharacters(let characters):
            "the number contains characters that this document's numbers never do: \(characters)"
        case .wrongLength(let length):
            "the number has \(length) characters, a length this document's numbers never have"
        case .invalidBirthDate:
            "the birth date inside the number is not a real date"
        case .checkDigitMismatch(let expected, let found):
            "the check digit is \(found), but the first 17 digits give \(expected)"
        case .spreadsheetDamage:
            "a spreadsheet turned the number into scientific notation or added .0;"
                + " digits are lost, so it must be entered again from the document"
        case .unrecognizedFormat:
            "the number has none of the shapes of a Hong Kong, Macao or Taiwan document"
        }
    }
}

extension IDNumberProblem {
    /// The problem in short Chinese, for support staff.
    public var explanation: String {
        switch self {
        case .empty:
            "证件号码为空"
        case .invalidCharacters(let characters):
            "证件号码含有该类证件不会有的字符：\(characters)"
        case .wrongLength(let length):
            "证件号码位数不对（\(length)位）"
        case .invalidBirthDate:
            "证件号码中的出生日期不存在"
        case .checkDigitMismatch(let expected, let found):
            "校验位不符：按前17位应为\(expected)，实为\(found)"
        case .spreadsheetDamage:
            "号码被表格软件改成科学计数法或加了“.0”，位数已丢失，须按证件原件重新录入"
        case .unrecognizedFormat:
            "不符合港澳台证件号码的格式"
        }
    }
}

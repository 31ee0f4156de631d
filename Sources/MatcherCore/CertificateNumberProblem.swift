/// Why a certificate number cannot be read as a number of its type.
public enum CertificateNumberProblem: Hashable, Sendable {
    /// Nothing was entered.
    case empty
    /// The decoration is there, but no serial (`苏(2019)昆山市不动产权第号`).
    case missingSerial
    /// Text that is no part of a Kunshan certificate number, such as another
    /// city's name or punctuation inside the number.
    case unexpectedText(String)
    /// A 不动产权证 serial with letters or other marks in it.
    case serialNotDigits(String)
    /// A 不动产权证 serial with more than 7 significant digits.
    case serialTooLong(String)
    /// A 不动产权证 with no year in the year field or in the number.
    case missingYear
    /// A year that is not four digits between 1990 and 2100.
    case invalidYear(String)
    /// The year field and the year in the number's brackets differ (in that order).
    case conflictingYears(String, String)
}

extension CertificateNumberProblem: CustomStringConvertible {
    /// The problem in plain English, for logs and operators.
    public var description: String {
        switch self {
        case .empty:
            "no certificate number was entered"
        case .missingSerial:
            "the certificate number has no serial"
        case .unexpectedText(let text):
            "the certificate number contains text that belongs to no Kunshan certificate: \(text)"
        case .serialNotDigits(let serial):
            "the serial of a real-estate certificate must be digits only: \(serial)"
        case .serialTooLong(let serial):
            "the serial of a real-estate certificate has at most 7 digits: \(serial)"
        case .missingYear:
            "a real-estate certificate needs the year in its brackets, and none was given"
        case .invalidYear(let year):
            "the year is not a four-digit year between 1990 and 2100: \(year)"
        case .conflictingYears(let field, let number):
            "the year field says \(field), but the number's brackets say \(number)"
        }
    }
}

extension CertificateNumberProblem {
    /// The problem in short Chinese, for support staff.
    public var explanation: String {
        switch self {
        case .empty:
            "未填写产权证号"
        case .missingSerial:
            "产权证号中没有编号"
        case .unexpectedText(let text):
            "产权证号中有无法识别的内容：\(text)"
        case .serialNotDigits(let serial):
            "不动产权证编号只能是数字：\(serial)"
        case .serialTooLong(let serial):
            "不动产权证编号最多7位：\(serial)"
        case .missingYear:
            "缺少不动产权证括号中的年份"
        case .invalidYear(let year):
            "年份无效（应为1990至2100年的四位数字）：\(year)"
        case .conflictingYears(let field, let number):
            "填写的年份\(field)与证号括号中的年份\(number)不一致"
        }
    }
}

/// The two kinds of property certificate a parent can enter.
public enum CertificateType: String, Hashable, Sendable, Codable {
    /// 不动产权证, issued since about 2016: `苏(2019)昆山市不动产权第0123456号`.
    case realEstate
    /// 房屋所有权证, the older certificate: `昆房权证玉山字第201234567号`.
    case houseOwnership
}

/// What identifies a certificate: two numbers name the same certificate
/// exactly when their keys are equal.
public enum CertificateKey: Hashable, Sendable {
    /// A 不动产权证: the year in its brackets and its serial, exactly 7 digits.
    case realEstate(year: Int, serial: String)
    /// A 房屋所有权证: the ASCII letters and digits after `字第`, upper-cased,
    /// leading zeros kept.
    case houseOwnership(String)

    /// The kind of certificate the key belongs to.
    public var type: CertificateType {
        switch self {
        case .realEstate: .realEstate
        case .houseOwnership: .houseOwnership
        }
    }
}

extension CertificateKey: CustomStringConvertible {
    /// The key as support staff read it, e.g. `不动产权证 (2019) 0034568`.
    public var description: String {
        switch self {
        case .realEstate(let year, let serial): "不动产权证 (\(year)) \(serial)"
        case .houseOwnership(let number): "房屋所有权证 \(number)"
        }
    }
}

/// The result of reading a certificate number as typed: its key, or the
/// reason it has none, and the steps that led there.
public struct CertificateParse: Sendable, Hashable {
    /// The certificate's key; nil exactly when the number cannot be read.
    public var key: CertificateKey?
    /// Why the number cannot be read; nil exactly when `key` is set.
    public var problem: CertificateNumberProblem?
    /// What reading changed, in the order it was done.
    public var steps: [NormalizationStep]

    public init(
        key: CertificateKey?,
        problem: CertificateNumberProblem?,
        steps: [NormalizationStep]
    ) {
        self.key = key
        self.problem = problem
        self.steps = steps
    }
}

/// Reading certificate numbers, as parents type them and as the registry
/// prints them, into the keys that identify certificates.
///
/// Both kinds first lose spaces and full-width forms. Then:
///
/// - 不动产权证: the printed decoration (`苏`, `昆山市`, `不动产权`, `第`,
///   `号`) is dropped, the year is taken from `(2019)`, `（2019）`,
///   `〔2019〕`, `[2019]` or `【2019】` in the number or from the year field
///   (both: they must agree), and the serial gets its leading zeros back
///   (`34568` → `0034568`). Serials of more than 7 significant digits,
///   serials with letters, and text of another city (`南京市`) are invalid.
/// - 房屋所有权证: what follows `字第` is the key; before it only
///   `昆房权证`, a district name and `字`/`第` may stand. Letters are
///   upper-cased, leading zeros kept.
public enum CertificateNumber {
    /// Reads a certificate number that a parent entered, with the year field
    /// of a 不动产权证 (`certificateYear`; ignored for a 房屋所有权证).
    public static func parse(
        type: CertificateType,
        year: String?,
        number: String
    ) -> CertificateParse {
        var reader = CertificateNumberReader(recordsSteps: true)
        return reader.read(type: type, year: year, number: number)
    }

    /// Reads a number as the registry prints it; nil when it cannot be read.
    public static func parseRegistered(type: CertificateType, printed: String) -> CertificateKey? {
        var reader = CertificateNumberReader(recordsSteps: false)
        return reader.read(type: type, year: nil, number: printed).key
    }
}

import Foundation
import Glibc
import MatcherCore

/// How often each line kind, case and variant occurs, as fractions; read from defaults and
/// overridden by a JSON file mapping names to fractions.
///
/// Names are `line.<kind>`, `si.<case>`, `pr.<case>` and `variant.<variant>` (see
/// ``LineKind``, ``SocialInsuranceCase``, ``PropertyCase`` and ``Variant``). Line kinds are
/// fractions of all lines; the rest are fractions of submitted lines. `line.submitted`,
/// `si.matched` and `pr.matched` take what the others leave and cannot be set. A variant's
/// fraction counts the applications it is tried on; it applies only where the field allows.
public struct CaseRates: Sendable, Hashable {
    /// Fractions by name.
    public private(set) var values: [String: Double]

    public init() {
        values = Self.defaults
    }

    /// The defaults, each overridden by the file's value of the same name.
    ///
    /// - Throws: ``GeneratorError`` naming the file and the name or value it cannot use.
    public init(overridingFrom path: String) throws(GeneratorError) {
        self.init()
        // stat(2) follows links, so a link to a rates file is read as the file it names;
        // FileManager's attributes would describe the link itself.
        var status = stat()
        guard stat(path, &status) == 0 else {
            guard errno != ENOENT else {
                throw GeneratorError(.rates, "the rates file \(path) does not exist")
            }
            throw GeneratorError(
                .rates,
                "cannot read the rates file \(path): \(String(cString: strerror(errno)))"
            )
        }
        let kind = status.st_mode & S_IFMT
        guard kind != S_IFDIR else {
            throw GeneratorError(.rates, "the rates file \(path) is a folder, not a file")
        }
        // A device or pipe would be read without end (/dev/zero) or once only; a rates
        // file is a few hundred bytes.
        guard kind == S_IFREG else {
            throw GeneratorError(
                .rates,
                "the rates file \(path) is not a regular file but a device, pipe or socket; "
                    + "name the file itself"
            )
        }
        let size = Int(status.st_size)
        guard size <= Self.largestFile else {
            throw GeneratorError(
                .rates,
                "the rates file \(path) is \(size) bytes; a rates file is a JSON object of a "
                    + "few names, at most \(Self.largestFile) bytes"
            )
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw GeneratorError(
                .rates,
                "cannot read the rates file \(path): \(readableReason(error))"
            )
        }
        guard let table = try? JSONDecoder().decode([String: Double].self, from: data) else {
            throw GeneratorError(.rates, "\(path): \(Self.whyNotRates(data))")
        }
        if let repeated = RepeatedJSONKey.first(in: data) {
            throw GeneratorError(.rates, "\(path): \(repeated) is set twice")
        }
        for (name, value) in table.sorted(by: { $0.key < $1.key }) {
            try set(name, value, file: path)
        }
        try validate(file: path)
    }

    /// The largest rates file read: every name of ``CaseRates`` with its value fits many
    /// times over.
    static let largestFile = 65_536

    /// What makes `data` other than a JSON object of names and fractions.
    private static func whyNotRates(_ data: Data) -> String {
        if let problem = JSONSyntax.problem(in: data) {
            return "not valid JSON: \(problem)"
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) else {
            return "not a JSON object of names and fractions"
        }
        guard let table = object as? [String: Any] else {
            return "not a JSON object of names and fractions"
        }
        for (name, value) in table.sorted(by: { $0.key < $1.key }) {
            // JSONSerialization reads true and false as numbers too.
            guard value is NSNumber, !(value is Bool) else {
                return "\(name) is not a number; a rate is a fraction such as 0.02"
            }
        }
        return "not a JSON object of names and fractions"
    }

    private mutating func set(
        _ name: String,
        _ value: Double,
        file: String
    ) throws(GeneratorError) {
        if Self.remainderNames.contains(name) {
            throw GeneratorError(
                .rates,
                "\(file): \(name) cannot be set; it takes what the other rates leave"
            )
        }
        guard values[name] != nil else {
            throw GeneratorError(
                .rates,
                "\(file): unknown rate \(name); known rates: "
                    + Self.defaults.keys.sorted().joined(separator: ", ")
            )
        }
        guard (0...1).contains(value) else {
            throw GeneratorError(.rates, "\(file): \(name) must be a fraction from 0 to 1")
        }
        values[name] = value
    }

    private func validate(file: String) throws(GeneratorError) {
        for prefix in ["line.", "si.", "pr."] {
            let total = values.filter { $0.key.hasPrefix(prefix) }.values.reduce(0, +)
            guard total <= 1 else {
                throw GeneratorError(
                    .rates,
                    "\(file): the \(prefix)* rates add up to \(Self.shown(total)), more than 1, "
                        + "counting the defaults of those the file does not set"
                )
            }
        }
        for family in Variant.Family.allCases {
            let total = Variant.allCases.filter { $0.family == family }
                .reduce(0) { $0 + (values["variant.\($1.rawValue)"] ?? 0) }
            guard total <= 1 else {
                throw GeneratorError(
                    .rates,
                    "\(file): the \(family) variants add up to \(Self.shown(total)), more than "
                        + "1, counting the defaults of those the file does not set"
                )
            }
        }
    }

    /// A sum of fractions as a person would write it: to four places, without the noise of
    /// binary arithmetic (1.287, not 1.2869999999999997).
    static func shown(_ total: Double) -> String {
        let rounded = (total * 10_000).rounded() / 10_000
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    subscript(name: String) -> Double {
        values[name] ?? 0
    }

    /// The names whose share is what the others leave.
    public static let remainderNames: Set<String> = ["line.submitted", "si.matched", "pr.matched"]

    /// Every rate name with its default fraction.
    public static let defaults: [String: Double] = {
        var rates: [String: Double] = [
            "line.withdrawn": 0.02, "line.deleted": 0.01, "line.truncated": 0.003,
            "line.missingField": 0.002, "line.duplicateId": 0.002,
        ]
        let socialInsurance: [SocialInsuranceCase: Double] = [
            .invalidIdCheckDigit: 0.008, .invalidIdLength: 0.004, .invalidIdBirthDate: 0.003,
            .invalidIdFutureBirth: 0.002, .idOneDigitOff: 0.008, .noSocialSecurityId: 0.03,
            .nameOneCharacterOffHrss: 0.008, .nameOneCharacterOffMedical: 0.006,
            .multipleSocialSecurityIds: 0.02, .noMedicalCode: 0.02, .multipleMedicalCodes: 0.01,
            .medicalAccountAbnormal: 0.012, .pendingHrss: 0.003, .pendingMedical: 0.003,
        ]
        for (kind, rate) in socialInsurance {
            rates["si.\(kind.rawValue)"] = rate
        }
        let property: [PropertyCase: Double] = [
            .notDeclared: 0.40, .invalidSerialTooLong: 0.004, .invalidSerialLetters: 0.003,
            .invalidMissingYear: 0.004, .invalidOtherCity: 0.002, .invalidConflictingYears: 0.002,
            .serialDigitOff: 0.01, .serialDigitsSwapped: 0.006, .serialOtherYear: 0.005,
            .otherCertificateType: 0.004, .cancelledOnly: 0.005, .ownerSomeoneElse: 0.01,
            .ownerNamesake: 0.003, .ownerOtherName: 0.003, .siblingAdult: 0.003,
            .siblingCoOwned: 0.003, .notResidential: 0.012, .roomDiffers: 0.012,
            .buildingDiffers: 0.005, .unitDiffers: 0.004, .pending: 0.003,
        ]
        for (kind, rate) in property {
            rates["pr.\(kind.rawValue)"] = rate
        }
        let variants: [Variant: Double] = [
            .nameSpace: 0.03, .nameIdeographicSpace: 0.02, .nameMiddleDot: 0.01,
            .passportFullWidthName: 0.005, .idSpaces: 0.02, .idHyphens: 0.01,
            .idLowercaseX: 0.01, .idFullWidthDigits: 0.01, .idFifteenDigits: 0.01,
            .departmentFifteenDigits: 0.02, .departmentLowercaseX: 0.01,
            .registryFifteenDigits: 0.01, .registryLowercaseX: 0.01, .certificatePrinted: 0.08,
            .certificateFullWidthBrackets: 0.03, .certificateTortoiseShellBrackets: 0.01,
            .certificateNoLeadingZeros: 0.04, .certificateSpaces: 0.01, .certificateDiHao: 0.01,
            .certificateFullWidthDigits: 0.01, .certificateYearWord: 0.01, .addressPrefix: 0.12,
            .addressChineseNumerals: 0.03, .addressBuildingWord: 0.06, .addressPunctuation: 0.03,
            .addressTownShortForm: 0.03, .addressNoRoomWord: 0.02, .addressFullWidthDigits: 0.01,
        ]
        for (variant, rate) in variants {
            rates["variant.\(variant.rawValue)"] = rate
        }
        return rates
    }()
}

/// Hands out kinds to ranks in exact numbers: kind `k` gets `round(rate * total)` ranks (at
/// least one when its rate is above zero), and the last kind takes the rest. A permutation
/// of the ranks scatters them, so exactly as many of each kind exist at any scale and each
/// one appears even in a small night.
struct Allocation<Kind: Sendable>: Sendable {
    let kinds: [Kind]
    /// The running total of ranks, by kind.
    let ends: [Int]
    let order: IndexShuffle
    /// Kinds whose rate asked for more than their cap allows: how many it asked for, and
    /// how many they got.
    let heldAtCap: [(kind: Kind, asked: Int, kept: Int)]

    /// - Parameters:
    ///   - shares: each kind with its rate and an optional cap on its count.
    ///   - remainder: the kind that takes the ranks the others leave; it may get none.
    ///   - clampsToTotal: later kinds get fewer when rounding up would overfill the total,
    ///     rather than the rates being refused.
    ///   - what: the cases and what they are drawn from, for the error when they do not
    ///     fit, e.g. `("line cases", "applications")`.
    init(
        total: Int,
        shares: [(kind: Kind, rate: Double, cap: Int?)],
        remainder: Kind,
        hash: UInt64,
        clampsToTotal: Bool = false,
        what: (cases: String, among: String) = ("special cases", "applications")
    ) throws(GeneratorError) {
        var kinds: [Kind] = []
        var ends: [Int] = []
        var used = 0
        var heldAtCap: [(kind: Kind, asked: Int, kept: Int)] = []
        for share in shares where share.rate > 0 {
            var count = max(1, Int((share.rate * Double(total)).rounded()))
            if let cap = share.cap, count > cap {
                heldAtCap.append((share.kind, count, cap))
                count = cap
            }
            if clampsToTotal {
                count = min(count, total - used)
            }
            guard count > 0 else { continue }
            used += count
            kinds.append(share.kind)
            ends.append(used)
        }
        guard used <= total else {
            throw GeneratorError(
                .configuration,
                "the rates ask for \(used) \(what.cases) among \(total) \(what.among), and "
                    + "each rate above zero gets at least one; lower the rates or give more "
                    + "--applications"
            )
        }
        kinds.append(remainder)
        ends.append(total)
        self.kinds = kinds
        self.ends = ends
        self.heldAtCap = heldAtCap
        order = IndexShuffle(count: max(total, 1), hash: hash)
    }

    /// The kind of the item at `index` (in `0..<total`).
    func kind(of index: Int) -> Kind {
        locate(index).kind
    }

    /// The kind of the item at `index`, and its position among the items of the remainder
    /// kind (nil for any other kind), from one step of the permutation.
    func locate(_ index: Int) -> (kind: Kind, remainderIndex: Int?) {
        let rank = order.apply(index)
        var position = 0
        while ends[position] <= rank {
            position += 1
        }
        let remainder = rank >= remainderStart ? rank - remainderStart : nil
        return (kinds[position], remainder)
    }

    /// The first rank of the remainder kind.
    var remainderStart: Int {
        ends.count > 1 ? ends[ends.count - 2] : 0
    }

    /// How many items get the remainder kind.
    var remainderCount: Int {
        (ends.last ?? 0) - remainderStart
    }

    /// How many items get each kind, in order.
    var counts: [(Kind, Int)] {
        var start = 0
        return zip(kinds, ends).map { kind, end in
            defer { start = end }
            return (kind, end - start)
        }
    }
}

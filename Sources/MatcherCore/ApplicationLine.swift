import Foundation

/// Why one line of the application export could not be taken.
public struct ApplicationLineError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based line number in the export file.
    public var line: Int
    /// What is wrong, in words an operator can act on. Never holds personal data.
    public var reason: String
    /// The application the line belongs to, when that much could be read.
    ///
    /// Only a portal id (see ``ApplicationLine/isPortalId(_:)``) is ever kept; anything else
    /// reads as nil. Reports print this field verbatim, so free text here could carry a name,
    /// an ID number, a line break that fakes a report line, or a terminal escape. A portal id
    /// that is an ID or mobile number is kept masked (see ``Mask/portalId(_:)``): the line
    /// number still finds the line.
    public var applicationId: String? {
        get { portalId }
        set {
            portalId = newValue.flatMap {
                ApplicationLine.isPortalId($0) ? Mask.portalId($0) : nil
            }
        }
    }

    private var portalId: String?

    public init(line: Int, reason: String, applicationId: String? = nil) {
        self.line = line
        self.reason = reason
        self.applicationId = applicationId
    }

    public var description: String {
        if let applicationId {
            return "line \(line) (\(applicationId)): \(reason)"
        }
        return "line \(line): \(reason)"
    }
}

/// Reads one line of the application export into an ``Application``.
///
/// Every line must carry a sound identity (`applicationId`, `registrationNo`, `version`,
/// `status`, `submittedAt`). A submitted line must also carry what matching needs, with the
/// contract's values for `stage` and the relations, and a name and ID number for every person.
/// Its people must fit together: the points subject one of the guardians, the home's owner
/// the family member its relation names (see ``consistencyProblems(of:)``). ID numbers are not
/// validated here: an invalid one is a matching outcome, not a refused line.
public enum ApplicationLine {
    /// How long a portal id (`applicationId`, `registrationNo`) may be, in characters.
    public static let portalIdLength = 1...64

    /// The values `stage` may take: 小学 and 初中.
    public static let stages = ["primary", "junior"]
    /// The values a guardian's `relation` may take; `none` is an absent second guardian (单亲).
    public static let guardianRelations = ["father", "mother", "other", "none"]
    /// The values a family member's `relation` may take.
    public static let familyMemberRelations = ["sibling"]
    /// The values the home owner's `relation` and each `coOwners` entry may take.
    public static let ownerRelations = ["father", "mother", "sibling"]

    /// Decodes and checks one line; every failure names the line and the field.
    public static func decode(_ line: Data, lineNumber: Int) throws(ApplicationLineError)
        -> Application
    {
        let application: Application
        var isReadPlainly = false
        do {
            if let read = line.withUnsafeBytes(Application.reading(json:)) {
                application = read
                isReadPlainly = true
            } else {
                application = try JSONDecoder().decode(Application.self, from: line)
            }
        } catch let error as DecodingError {
            throw ApplicationLineError(
                line: lineNumber,
                reason: describe(error, in: line),
                applicationId: peekApplicationId(line)
            )
        } catch {
            throw ApplicationLineError(line: lineNumber, reason: "not valid JSON")
        }
        // The plain reader gives up on a repeated key, so only a line it gave up on can
        // hold one.
        if !isReadPlainly, let repeated = RepeatedJSONKey.first(in: line) {
            throw ApplicationLineError(
                line: lineNumber,
                reason: "field `\(repeated)` is given twice in one object, and JSON readers "
                    + "differ on which value counts",
                applicationId: peekApplicationId(line)
            )
        }
        if let problem = firstProblem(of: application) {
            // The error keeps the id only when it is a portal id, so a bad one never shows.
            throw ApplicationLineError(
                line: lineNumber,
                reason: problem,
                applicationId: application.applicationId
            )
        }
        return application
    }

    /// Whether `text` is 1 to 64 ASCII letters, digits, `-`, `_` or `.`, as the portal's
    /// ids are; only such an id is safe to print in a report.
    public static func isPortalId(_ text: String) -> Bool {
        // Every allowed character is one UTF-8 byte, so bytes and characters count alike.
        guard portalIdLength.contains(text.utf8.count) else { return false }
        return text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                UInt8(ascii: "."):
                return true
            default:
                return false
            }
        }
    }

    /// Whether `text` is an ISO 8601 date and time with its offset from UTC, as RFC 3339
    /// writes it: `2023-05-09T20:15:00+08:00`, `2023-05-09T12:15:00Z`, seconds may carry a
    /// fraction. Without an offset the moment is unknown, so such a time is refused.
    public static func isTimestampWithOffset(_ text: String) -> Bool {
        var scanner = TimestampScanner(text)
        return scanner.scan()
    }

    /// The first reason to refuse a decoded line, or nil when it may be taken.
    static func firstProblem(of application: Application) -> String? {
        if let problem = identityProblem(of: application) {
            return problem
        }
        // Withdrawn and deleted lines only retire an application; their content is not used.
        guard application.status == .submitted else { return nil }
        if let missing = missingFields(of: application).first {
            return "missing required field `\(missing)`"
        }
        if let problem = valueProblems(of: application).first {
            return problem
        }
        // Only once every person is complete can they be compared with each other.
        return consistencyProblems(of: application).first
    }

    private static func identityProblem(of application: Application) -> String? {
        let portalIdRule = "is not a portal id: 1 to 64 letters, digits, - _ ."
        if !isPortalId(application.applicationId) {
            return "`applicationId` \(portalIdRule)"
        }
        if !isPortalId(application.registrationNo) {
            return "`registrationNo` \(portalIdRule)"
        }
        if application.version < 1 {
            return "`version` must be 1 or more, found \(application.version)"
        }
        if !isTimestampWithOffset(application.submittedAt) {
            return "`submittedAt` is not an ISO 8601 time with an offset, "
                + "such as 2023-05-09T20:15:00+08:00"
        }
        return nil
    }

    /// The fields a submitted application must carry to be matched; withdrawn and deleted
    /// lines need only their identity.
    static func missingFields(of application: Application) -> [String] {
        guard application.status == .submitted else { return [] }
        var missing: [String] = []
        if application.stage == nil { missing.append("stage") }
        if application.pointsSubject == nil { missing.append("pointsSubject") }
        if application.student == nil { missing.append("student") }
        if let guardians = application.guardians {
            for (index, guardian) in guardians.enumerated() where guardian.relation == nil {
                missing.append("guardians[\(index)].relation")
            }
        } else {
            missing.append("guardians")
        }
        for (index, member) in (application.familyMembers ?? []).enumerated()
        where member.relation == nil {
            missing.append("familyMembers[\(index)].relation")
        }
        guard let property = application.property else {
            return missing + ["property"]
        }
        if property.declared {
            if property.certificateType == nil { missing.append("property.certificateType") }
            if property.certificateNumber == nil {
                missing.append("property.certificateNumber")
            }
            if let owner = property.owner {
                if owner.relation == nil { missing.append("property.owner.relation") }
            } else {
                missing.append("property.owner")
            }
            if property.address == nil { missing.append("property.address") }
        }
        return missing
    }

    /// Values outside the contract, in the order of the line; only names the field and
    /// what is allowed, never the value, which may be personal data.
    static func valueProblems(of application: Application) -> [String] {
        var problems: [String] = []
        // Paths are written only for a problem: nearly every line has none.
        func check(_ value: String?, at path: () -> String, allowed: [String]) {
            if let value, !allowed.contains(value) {
                problems.append("`\(path())` is not one of \(allowed.joined(separator: ", "))")
            }
        }
        func check(_ person: Person?, at path: () -> String) {
            guard let person else { return }
            if isBlank(person.name) {
                problems.append("`\(path()).name` is empty")
            }
            if isBlank(person.idNumber) {
                problems.append("`\(path()).idNumber` is empty")
            }
        }
        check(application.stage, at: { "stage" }, allowed: stages)
        check(application.student, at: { "student" })
        for (index, guardian) in (application.guardians ?? []).enumerated() {
            let path = { "guardians[\(index)]" }
            check(guardian.relation, at: { path() + ".relation" }, allowed: guardianRelations)
            // `none` stands for the second guardian a single parent does not have.
            if guardian.relation != "none" {
                check(guardian, at: path)
            }
        }
        check(application.pointsSubject, at: { "pointsSubject" })
        for (index, member) in (application.familyMembers ?? []).enumerated() {
            let path = { "familyMembers[\(index)]" }
            check(member.relation, at: { path() + ".relation" }, allowed: familyMemberRelations)
            check(member, at: path)
        }
        // An undeclared home has no certificate; whatever else came with it is not used.
        if let property = application.property, property.declared {
            check(
                property.owner?.relation,
                at: { "property.owner.relation" },
                allowed: ownerRelations
            )
            check(property.owner, at: { "property.owner" })
            for (index, coOwner) in (property.coOwners ?? []).enumerated() {
                check(coOwner, at: { "property.coOwners[\(index)]" }, allowed: ownerRelations)
            }
        }
        return problems
    }

    /// Whether `text` holds nothing but white space, as `Character.isWhitespace` sees it.
    ///
    /// Settled by the first scalar when that is not white space, as nearly every name and
    /// number begins: a character is white space exactly when its first scalar is.
    static func isBlank(_ text: String) -> Bool {
        if let first = text.utf8.first, first > 0x20, first < 0x7F {
            return false
        }
        if let first = text.unicodeScalars.first, !first.properties.isWhitespace {
            return false
        }
        return text.allSatisfy(\.isWhitespace)
    }

    static func describe(_ error: DecodingError, in line: Data) -> String {
        let fieldPath = DecodingDescription.fieldPath
        let kind = DecodingDescription.kind(of:)
        switch error {
        case .typeMismatch(_, let context) where context.codingPath.isEmpty,
            .valueNotFound(_, let context) where context.codingPath.isEmpty:
            return "the line is valid JSON but not an object"
        case .keyNotFound(let key, let context):
            return "missing required field `\(fieldPath(context.codingPath + [key]))`"
        case .valueNotFound(_, let context):
            return "field `\(fieldPath(context.codingPath))` is null"
        case .typeMismatch(let type, let context):
            return "field `\(fieldPath(context.codingPath))` is not \(kind(type))"
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return describeUnreadable(line)
        case .dataCorrupted(let context) where fieldPath(context.codingPath) == "version":
            // Where the decoder names the field, a number that does not fit lands here.
            return wholeNumberRule
        case .dataCorrupted(let context):
            return "field `\(fieldPath(context.codingPath))` has a value that is not allowed"
        @unknown default:
            return "not a valid application"
        }
    }

    private static let wholeNumberRule = "`version` must be a whole number of 1 or more"

    /// Tells a line that is not JSON from one whose `version` does not fit an `Int`.
    ///
    /// Limitation: on Linux, JSONDecoder reports `"version": 1.5` or `1e+30` as "not valid
    /// JSON" with no field (swiftlang/swift-foundation#1604), so a second decode that reads
    /// only `version` tells the two apart; lifts when the decoder names the field again.
    private static func describeUnreadable(_ line: Data) -> String {
        guard let probe = try? JSONDecoder().decode(VersionProbe.self, from: line) else {
            return "not valid JSON (cut off, or not one object on one line)"
        }
        if !probe.isWholeNumber {
            return wholeNumberRule
        }
        // Valid JSON to the probe, which reads no strings but `version`, yet the real decode
        // fails: a string it read is broken, by a raw control character or a bad \u escape.
        if hasControlCharacterInString(line) {
            return "a control character inside a string (must be escaped)"
        }
        return "a value in the line cannot be read as text (a broken \\u escape)"
    }

    /// Whether a byte U+0000 to U+001F stands unescaped inside a JSON string, which JSON
    /// forbids; outside strings tabs and carriage returns are white space, and the probe
    /// would have failed on any other.
    static func hasControlCharacterInString(_ line: Data) -> Bool {
        var inString = false
        var escaped = false
        for byte in line {
            if !inString {
                inString = byte == UInt8(ascii: "\"")
            } else if byte < 0x20 {
                return true
            } else if escaped {
                escaped = false
            } else if byte == UInt8(ascii: "\\") {
                escaped = true
            } else if byte == UInt8(ascii: "\"") {
                inString = false
            }
        }
        return false
    }

    /// Decodes nothing but whether `version` is a number that does not fit an `Int`; the
    /// same parser as the real decode, so the two agree on what is valid JSON.
    private struct VersionProbe: Decodable {
        enum CodingKeys: String, CodingKey { case version }

        var isWholeNumber = true

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            // A missing, null, text or true/false version is reported by the real decode.
            guard container.contains(.version),
                (try? container.decodeNil(forKey: .version)) == false,
                (try? container.decode(String.self, forKey: .version)) == nil,
                (try? container.decode(Bool.self, forKey: .version)) == nil
            else { return }
            isWholeNumber = (try? container.decode(Int.self, forKey: .version)) != nil
        }
    }

    /// The id of a line that fails later checks, so the report can say whose line it was;
    /// nil unless it is a portal id.
    private static func peekApplicationId(_ line: Data) -> String? {
        struct IdentityOnly: Decodable { var applicationId: String }
        guard let id = try? JSONDecoder().decode(IdentityOnly.self, from: line).applicationId,
            isPortalId(id)
        else { return nil }
        return id
    }
}

/// Reads `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` front to back, checking every range.
private struct TimestampScanner {
    private let bytes: [UInt8]
    private var position = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    mutating func scan() -> Bool {
        guard let year = digits(4), literal("-"), let month = digits(2), literal("-"),
            let day = digits(2), CalendarDate(year: year, month: month, day: day) != nil,
            literal("T"), let hour = digits(2), hour < 24, literal(":"),
            let minute = digits(2), minute < 60, literal(":"),
            let second = digits(2), second < 60
        else { return false }
        if literal(".") {
            // A fraction of a second has at least one digit and may have many.
            guard digits(1) != nil else { return false }
            while digits(1) != nil { continue }
        }
        if literal("Z") {
            return position == bytes.count
        }
        guard literal("+") || literal("-"), let offsetHours = digits(2), offsetHours < 24,
            literal(":"), let offsetMinutes = digits(2), offsetMinutes < 60
        else { return false }
        return position == bytes.count
    }

    /// Reads exactly `count` ASCII digits as a number.
    private mutating func digits(_ count: Int) -> Int? {
        guard position + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[position..<position + count] {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        position += count
        return value
    }

    private mutating func literal(_ character: Unicode.Scalar) -> Bool {
        guard position < bytes.count, bytes[position] == UInt8(ascii: character) else {
            return false
        }
        position += 1
        return true
    }
}

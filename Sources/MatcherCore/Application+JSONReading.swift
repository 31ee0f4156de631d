import Foundation

extension Application {
    /// The application in one export line, read directly from its bytes; nil for anything
    /// but plain JSON of the export's shape, which is then left to `JSONDecoder`.
    ///
    /// A province's export holds a million lines, and the generic decoder spends most of
    /// its time on machinery rather than bytes. This reader gives the application the
    /// decoder gives, and gives up (nil) wherever the two could differ or the decoder
    /// would throw: a string with escapes, a repeated key, a value of another type, a
    /// number that is not a plain integer, a required field missing or null. The decoder
    /// then decides, and words the error.
    public static func reading(json bytes: UnsafeRawBufferPointer) -> Application? {
        var reader = PlainJSONReader(bytes.bindMemory(to: UInt8.self))
        guard let value = reader.readDocument(), case .object(let fields) = value else {
            return nil
        }
        return application(fields)
    }

    private static func application(_ fields: [String: PlainJSON]) -> Application? {
        guard let applicationId = fields["applicationId"]?.string,
            let registrationNo = fields["registrationNo"]?.string,
            let version = fields["version"]?.integer,
            let status = fields["status"]?.string.flatMap(ApplicationStatus.init(rawValue:)),
            let submittedAt = fields["submittedAt"]?.string,
            let stage = optional(fields["stage"], \.string),
            let town = optional(fields["town"], \.string),
            let student = optional(fields["student"], person),
            let guardians = optional(fields["guardians"], { people($0) }),
            let pointsSubject = optional(fields["pointsSubject"], person),
            let familyMembers = optional(fields["familyMembers"], { people($0) }),
            let property = optional(fields["property"], propertyDeclaration),
            let schoolChoices = optional(fields["schoolChoices"], schoolChoices)
        else { return nil }
        return Application(
            applicationId: applicationId,
            registrationNo: registrationNo,
            version: version,
            status: status,
            submittedAt: submittedAt,
            stage: stage,
            town: town,
            student: student,
            guardians: guardians,
            pointsSubject: pointsSubject,
            familyMembers: familyMembers,
            property: property,
            schoolChoices: schoolChoices
        )
    }

    /// An optional field: `.some(nil)` when absent or null, `.some(value)` when it reads,
    /// nil when it is present and does not read (the whole line is then left to the
    /// decoder).
    private static func optional<Value>(
        _ value: PlainJSON?,
        _ read: (PlainJSON) -> Value?
    ) -> Value?? {
        guard let value, value != .null else { return .some(nil) }
        guard let read = read(value) else { return nil }
        return .some(read)
    }

    private static func people(_ value: PlainJSON) -> [Person]? {
        guard case .array(let items) = value else { return nil }
        var people: [Person] = []
        people.reserveCapacity(items.count)
        for item in items {
            guard let person = person(item) else { return nil }
            people.append(person)
        }
        return people
    }

    private static func person(_ value: PlainJSON) -> Person? {
        guard case .object(let fields) = value,
            let name = fields["name"]?.string,
            let idType = fields["idType"]?.string.flatMap(IDType.init(rawValue:)),
            let idNumber = fields["idNumber"]?.string,
            let phone = optional(fields["phone"], \.string),
            let relation = optional(fields["relation"], \.string)
        else { return nil }
        return Person(
            name: name,
            idType: idType,
            idNumber: idNumber,
            phone: phone,
            relation: relation
        )
    }

    private static func propertyDeclaration(_ value: PlainJSON) -> PropertyDeclaration? {
        guard case .object(let fields) = value,
            let declared = fields["declared"]?.bool,
            let certificateType = optional(
                fields["certificateType"],
                { $0.string.flatMap(CertificateType.init(rawValue:)) }
            ),
            let certificateYear = optional(fields["certificateYear"], \.string),
            let certificateNumber = optional(fields["certificateNumber"], \.string),
            let owner = optional(fields["owner"], person),
            let soleOwner = optional(fields["soleOwner"], \.bool),
            let coOwners = optional(fields["coOwners"], { strings($0) }),
            let address = optional(fields["address"], \.string)
        else { return nil }
        return PropertyDeclaration(
            declared: declared,
            certificateType: certificateType,
            certificateYear: certificateYear,
            certificateNumber: certificateNumber,
            owner: owner,
            soleOwner: soleOwner,
            coOwners: coOwners,
            address: address
        )
    }

    private static func schoolChoices(_ value: PlainJSON) -> SchoolChoices? {
        guard case .object(let fields) = value,
            let privateFirst = optional(fields["privateFirst"], \.string),
            let publicSchool = optional(fields["public"], \.string),
            let privateSecond = optional(fields["privateSecond"], \.string)
        else { return nil }
        return SchoolChoices(
            privateFirst: privateFirst,
            public: publicSchool,
            privateSecond: privateSecond
        )
    }

    private static func strings(_ value: PlainJSON) -> [String]? {
        guard case .array(let items) = value else { return nil }
        var strings: [String] = []
        for item in items {
            guard let string = item.string else { return nil }
            strings.append(string)
        }
        return strings
    }
}

/// A JSON value as ``PlainJSONReader`` reads it: strings without escapes, numbers as
/// their text.
enum PlainJSON: Equatable {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([PlainJSON])
    case object([String: PlainJSON])

    var string: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }

    var bool: Bool? {
        guard case .bool(let value) = self else { return nil }
        return value
    }

    /// A plain integer: an optional minus and digits, without a fraction or exponent.
    var integer: Int? {
        guard case .number(let text) = self else { return nil }
        let digits = text.hasPrefix("-") ? text.dropFirst() : text[...]
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            return nil
        }
        return Int(text)
    }
}

/// Reads JSON that needs no escapes; gives up (nil) on anything else.
struct PlainJSONReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    /// Deep nesting is not the export's shape; giving up keeps the stack small.
    private var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// One value and nothing after it but white space.
    mutating func readDocument() -> PlainJSON? {
        guard let value = readValue() else { return nil }
        skipWhiteSpace()
        return offset == bytes.count ? value : nil
    }

    private mutating func readValue() -> PlainJSON? {
        skipWhiteSpace()
        guard offset < bytes.count else { return nil }
        switch bytes[offset] {
        case 0x7B: return readObject()
        case 0x5B: return readArray()
        case 0x22: return readString().map(PlainJSON.string)
        case 0x74: return readWord("true", .bool(true))
        case 0x66: return readWord("false", .bool(false))
        case 0x6E: return readWord("null", .null)
        default: return readNumber()
        }
    }

    private mutating func readObject() -> PlainJSON? {
        guard depth < 16 else { return nil }
        depth += 1
        defer { depth -= 1 }
        offset += 1
        var fields: [String: PlainJSON] = [:]
        skipWhiteSpace()
        if offset < bytes.count, bytes[offset] == 0x7D {
            offset += 1
            return .object(fields)
        }
        while true {
            skipWhiteSpace()
            guard offset < bytes.count, bytes[offset] == 0x22, let key = readString() else {
                return nil
            }
            skipWhiteSpace()
            guard offset < bytes.count, bytes[offset] == 0x3A else { return nil }
            offset += 1
            // A repeated key is resolved by the decoder, not guessed here.
            guard let value = readValue(), fields.updateValue(value, forKey: key) == nil else {
                return nil
            }
            skipWhiteSpace()
            guard offset < bytes.count else { return nil }
            if bytes[offset] == 0x2C {
                offset += 1
                continue
            }
            guard bytes[offset] == 0x7D else { return nil }
            offset += 1
            return .object(fields)
        }
    }

    private mutating func readArray() -> PlainJSON? {
        guard depth < 16 else { return nil }
        depth += 1
        defer { depth -= 1 }
        offset += 1
        var items: [PlainJSON] = []
        skipWhiteSpace()
        if offset < bytes.count, bytes[offset] == 0x5D {
            offset += 1
            return .array(items)
        }
        while true {
            guard let item = readValue() else { return nil }
            items.append(item)
            skipWhiteSpace()
            guard offset < bytes.count else { return nil }
            if bytes[offset] == 0x2C {
                offset += 1
                continue
            }
            guard bytes[offset] == 0x5D else { return nil }
            offset += 1
            return .array(items)
        }
    }

    /// A string without escapes or control characters; the bytes are valid UTF-8, which
    /// the caller checked for the whole line.
    private mutating func readString() -> String? {
        offset += 1
        let start = offset
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == 0x22 {
                let text = String(decoding: bytes[start..<offset], as: UTF8.self)
                offset += 1
                return text
            }
            guard byte >= 0x20, byte != 0x5C else { return nil }
            offset += 1
        }
        return nil
    }

    private mutating func readWord(_ word: StaticString, _ value: PlainJSON) -> PlainJSON? {
        let count = word.utf8CodeUnitCount
        guard bytes.count - offset >= count,
            bytes[offset..<(offset + count)].elementsEqual(
                UnsafeBufferPointer(start: word.utf8Start, count: count)
            )
        else { return nil }
        offset += count
        return value
    }

    /// A number as its text, by JSON's grammar; only ``PlainJSON/integer`` reads one.
    private mutating func readNumber() -> PlainJSON? {
        let start = offset
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x30...0x39, 0x2D, 0x2B, 0x2E, 0x45, 0x65:
                offset += 1
            default:
                return finishNumber(from: start)
            }
        }
        return finishNumber(from: start)
    }

    private func finishNumber(from start: Int) -> PlainJSON? {
        let text = bytes[start..<offset]
        guard Self.isJSONNumber(text) else { return nil }
        return .number(String(decoding: text, as: UTF8.self))
    }

    /// JSON's grammar for numbers: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isJSONNumber(_ text: some Collection<UInt8>) -> Bool {
        var rest = text[...]
        func digits() -> Int {
            let count = rest.prefix { $0 >= 0x30 && $0 <= 0x39 }.count
            rest = rest.dropFirst(count)
            return count
        }
        if rest.first == 0x2D { rest = rest.dropFirst() }
        if rest.first == 0x30 {
            rest = rest.dropFirst()
        } else {
            guard let first = rest.first, first >= 0x31, first <= 0x39 else { return false }
            _ = digits()
        }
        if rest.first == 0x2E {
            rest = rest.dropFirst()
            guard digits() > 0 else { return false }
        }
        if rest.first == 0x45 || rest.first == 0x65 {
            rest = rest.dropFirst()
            if rest.first == 0x2B || rest.first == 0x2D { rest = rest.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return rest.isEmpty
    }

    private mutating func skipWhiteSpace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0A, 0x0D: offset += 1
            default: return
            }
        }
    }
}

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
        guard let application = application(&reader), reader.isAtEnd() else { return nil }
        return application
    }

    // Each reader below reads one value of the export's shape straight into its type, and
    // gives up (nil) where the value is not of that shape. Fields are read in any order;
    // an unknown field is read and let go, as the decoder lets it go.

    private static func application(_ reader: inout PlainJSONReader) -> Application? {
        var applicationId: String?
        var registrationNo: String?
        var version: Int?
        var status: ApplicationStatus?
        var submittedAt: String?
        var stage: String?
        var town: String?
        var student: Person?
        var guardians: [Person]?
        var pointsSubject: Person?
        var familyMembers: [Person]?
        var property: PropertyDeclaration?
        var schoolChoices: SchoolChoices?
        let isRead = reader.readObject { reader, key in
            switch key {
            case "applicationId": reader.read(&applicationId) { $0.readString() }
            case "registrationNo": reader.read(&registrationNo) { $0.readString() }
            case "version": reader.read(&version) { $0.readInteger() }
            case "status":
                reader.read(&status) { $0.readString().flatMap(ApplicationStatus.init(rawValue:)) }
            case "submittedAt": reader.read(&submittedAt) { $0.readString() }
            case "stage": reader.read(&stage) { $0.readString() }
            case "town": reader.read(&town) { $0.readString() }
            case "student": reader.read(&student, person)
            case "guardians": reader.read(&guardians) { $0.readArray(person) }
            case "pointsSubject": reader.read(&pointsSubject, person)
            case "familyMembers": reader.read(&familyMembers) { $0.readArray(person) }
            case "property": reader.read(&property, propertyDeclaration)
            case "schoolChoices": reader.read(&schoolChoices, schoolChoices(_:))
            default: reader.skipUnknown(key)
            }
        }
        guard isRead, let applicationId, let registrationNo, let version, let status,
            let submittedAt
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

    private static func person(_ reader: inout PlainJSONReader) -> Person? {
        var name: String?
        var idType: IDType?
        var idNumber: String?
        var phone: String?
        var relation: String?
        let isRead = reader.readObject { reader, key in
            switch key {
            case "name": reader.read(&name) { $0.readString() }
            case "idType": reader.read(&idType) { $0.readString().flatMap(IDType.init(rawValue:)) }
            case "idNumber": reader.read(&idNumber) { $0.readString() }
            case "phone": reader.read(&phone) { $0.readString() }
            case "relation": reader.read(&relation) { $0.readString() }
            default: reader.skipUnknown(key)
            }
        }
        guard isRead, let name, let idType, let idNumber else { return nil }
        return Person(
            name: name,
            idType: idType,
            idNumber: idNumber,
            phone: phone,
            relation: relation
        )
    }

    private static func propertyDeclaration(_ reader: inout PlainJSONReader)
        -> PropertyDeclaration?
    {
        var declared: Bool?
        var certificateType: CertificateType?
        var certificateYear: String?
        var certificateNumber: String?
        var owner: Person?
        var soleOwner: Bool?
        var coOwners: [String]?
        var address: String?
        let isRead = reader.readObject { reader, key in
            switch key {
            case "declared": reader.read(&declared) { $0.readBool() }
            case "certificateType":
                reader.read(&certificateType) {
                    $0.readString().flatMap(CertificateType.init(rawValue:))
                }
            case "certificateYear": reader.read(&certificateYear) { $0.readString() }
            case "certificateNumber": reader.read(&certificateNumber) { $0.readString() }
            case "owner": reader.read(&owner, person)
            case "soleOwner": reader.read(&soleOwner) { $0.readBool() }
            case "coOwners": reader.read(&coOwners) { $0.readArray { $0.readString() } }
            case "address": reader.read(&address) { $0.readString() }
            default: reader.skipUnknown(key)
            }
        }
        guard isRead, let declared else { return nil }
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

    private static func schoolChoices(_ reader: inout PlainJSONReader) -> SchoolChoices? {
        var privateFirst: String?
        var publicSchool: String?
        var privateSecond: String?
        let isRead = reader.readObject { reader, key in
            switch key {
            case "privateFirst": reader.read(&privateFirst) { $0.readString() }
            case "public": reader.read(&publicSchool) { $0.readString() }
            case "privateSecond": reader.read(&privateSecond) { $0.readString() }
            default: reader.skipUnknown(key)
            }
        }
        guard isRead else { return nil }
        return SchoolChoices(
            privateFirst: privateFirst,
            public: publicSchool,
            privateSecond: privateSecond
        )
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
        return isAtEnd() ? value : nil
    }

    /// Whether nothing but white space is left.
    mutating func isAtEnd() -> Bool {
        skipWhiteSpace()
        return offset == bytes.count
    }

    // MARK: - Typed values

    /// Reads an object, calling `member` with each key; `member` reads the key's value and
    /// returns false to give up. A key met twice gives up: the decoder settles that.
    mutating func readObject(_ member: (inout PlainJSONReader, ObjectKey) -> Bool) -> Bool {
        // The keys met so far, on the stack: an object of more keys than this is not the
        // export's shape, and is left to the decoder.
        withUnsafeTemporaryAllocation(of: ObjectKey.self, capacity: 32) { seen in
            readObject(member, seen: seen)
        }
    }

    private mutating func readObject(
        _ member: (inout PlainJSONReader, ObjectKey) -> Bool,
        seen: UnsafeMutableBufferPointer<ObjectKey>
    ) -> Bool {
        skipWhiteSpace()
        guard offset < bytes.count, bytes[offset] == 0x7B, depth < 16 else { return false }
        depth += 1
        defer { depth -= 1 }
        offset += 1
        var seenCount = 0
        defer { _ = seen.baseAddress?.deinitialize(count: seenCount) }
        skipWhiteSpace()
        if offset < bytes.count, bytes[offset] == 0x7D {
            offset += 1
            return true
        }
        while true {
            skipWhiteSpace()
            guard offset < bytes.count, bytes[offset] == 0x22, let key = readKey() else {
                return false
            }
            guard seenCount < seen.count, !seen[0..<seenCount].contains(key) else { return false }
            seen.baseAddress?.advanced(by: seenCount).initialize(to: key)
            seenCount += 1
            skipWhiteSpace()
            guard offset < bytes.count, bytes[offset] == 0x3A else { return false }
            offset += 1
            guard member(&self, key) else { return false }
            skipWhiteSpace()
            guard offset < bytes.count else { return false }
            if bytes[offset] == 0x2C {
                offset += 1
                continue
            }
            guard bytes[offset] == 0x7D else { return false }
            offset += 1
            return true
        }
    }

    /// Reads an array whose every item `item` reads.
    mutating func readArray<Item>(_ item: (inout PlainJSONReader) -> Item?) -> [Item]? {
        skipWhiteSpace()
        guard offset < bytes.count, bytes[offset] == 0x5B, depth < 16 else { return nil }
        depth += 1
        defer { depth -= 1 }
        offset += 1
        var items: [Item] = []
        skipWhiteSpace()
        if offset < bytes.count, bytes[offset] == 0x5D {
            offset += 1
            return items
        }
        while true {
            guard let next = item(&self) else { return nil }
            items.append(next)
            skipWhiteSpace()
            guard offset < bytes.count else { return nil }
            if bytes[offset] == 0x2C {
                offset += 1
                continue
            }
            guard bytes[offset] == 0x5D else { return nil }
            offset += 1
            return items
        }
    }

    /// Reads an optional field's value into `field`: null leaves it nil, anything `read`
    /// cannot read gives up.
    mutating func read<Value>(
        _ field: inout Value?,
        _ read: (inout PlainJSONReader) -> Value?
    ) -> Bool {
        skipWhiteSpace()
        if readNull() {
            return true
        }
        guard let value = read(&self) else { return false }
        field = value
        return true
    }

    /// Reads and lets go the value of a key the export's shape does not have.
    mutating func skipUnknown(_ key: ObjectKey) -> Bool {
        readValue() != nil
    }

    mutating func readString() -> String? {
        skipWhiteSpace()
        guard offset < bytes.count, bytes[offset] == 0x22 else { return nil }
        return readStringBody()
    }

    mutating func readBool() -> Bool? {
        skipWhiteSpace()
        guard offset < bytes.count else { return nil }
        switch bytes[offset] {
        case 0x74: return readWord("true", .bool(true)) != nil ? true : nil
        case 0x66: return readWord("false", .bool(false)) != nil ? false : nil
        default: return nil
        }
    }

    /// A plain integer: see ``PlainJSON/integer``.
    mutating func readInteger() -> Int? {
        skipWhiteSpace()
        guard offset < bytes.count else { return nil }
        switch bytes[offset] {
        case 0x2D, 0x30...0x39: return readNumber()?.integer
        default: return nil
        }
    }

    /// Steps over `null` when it comes next.
    private mutating func readNull() -> Bool {
        guard bytes.count - offset >= 4, bytes[offset] == 0x6E else { return false }
        return readWord("null", .null) != nil
    }

    /// A key, as the bytes between its quotes; nil for one with escapes.
    private mutating func readKey() -> ObjectKey? {
        offset += 1
        let start = offset
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == 0x22 {
                let key = ObjectKey(bytes: UnsafeBufferPointer(rebasing: bytes[start..<offset]))
                offset += 1
                return key
            }
            guard byte >= 0x20, byte != 0x5C else { return nil }
            offset += 1
        }
        return nil
    }

    private mutating func readValue() -> PlainJSON? {
        skipWhiteSpace()
        guard offset < bytes.count else { return nil }
        switch bytes[offset] {
        case 0x7B: return readObject()
        case 0x5B: return readArray()
        case 0x22: return readStringBody().map(PlainJSON.string)
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
            guard offset < bytes.count, bytes[offset] == 0x22, let key = readStringBody() else {
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
    private mutating func readStringBody() -> String? {
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

/// A key of an object being read: its bytes in the line, compared with the names of the
/// export's fields without making a `String` of it.
struct ObjectKey: Equatable {
    let bytes: UnsafeBufferPointer<UInt8>

    static func == (key: ObjectKey, name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        guard key.bytes.count == count, let base = key.bytes.baseAddress else {
            return count == 0 && key.bytes.isEmpty
        }
        return memcmp(base, name.utf8Start, count) == 0
    }

    static func == (left: ObjectKey, right: ObjectKey) -> Bool {
        guard left.bytes.count == right.bytes.count else { return false }
        guard let a = left.bytes.baseAddress, let b = right.bytes.baseAddress else { return true }
        return memcmp(a, b, left.bytes.count) == 0
    }

    /// Lets a `switch` over a key name the fields it knows.
    static func ~= (name: StaticString, key: ObjectKey) -> Bool {
        key == name
    }
}

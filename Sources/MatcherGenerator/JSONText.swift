/// A JSON object built as UTF-8 bytes, field by field, in the order written.
///
/// Cheaper than an encoder for a million lines, and keeps the field order of the contract's
/// examples, which makes a generated line easy to read next to them.
struct JSONObject {
    /// The object so far, without its closing brace.
    private(set) var bytes: [UInt8] = [0x7B]
    private var isEmpty = true

    /// An empty object; `capacity` bytes are reserved for one that is known to grow large.
    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    private mutating func key(_ name: String) {
        if !isEmpty {
            bytes.append(0x2C)
        }
        isEmpty = false
        bytes.append(0x22)
        bytes.append(contentsOf: name.utf8)
        bytes.append(contentsOf: [0x22, 0x3A])
    }

    mutating func string(_ name: String, _ value: String?) {
        key(name)
        if let value {
            Self.appendQuoted(value, to: &bytes)
        } else {
            bytes.append(contentsOf: Self.null)
        }
    }

    mutating func int(_ name: String, _ value: Int?) {
        key(name)
        bytes.append(contentsOf: value.map { String($0).utf8 } ?? "null".utf8)
    }

    mutating func bool(_ name: String, _ value: Bool) {
        key(name)
        bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
    }

    /// A number of hundredths written as a decimal, e.g. `6667` as `66.67`.
    mutating func hundredths(_ name: String, _ value: Int?) {
        key(name)
        guard let value else {
            bytes.append(contentsOf: Self.null)
            return
        }
        let cents = value % 100
        bytes.append(contentsOf: "\(value / 100).".utf8)
        bytes.append(contentsOf: ((cents < 10 ? "0" : "") + "\(cents)").utf8)
    }

    mutating func object(_ name: String, _ value: JSONObject?) {
        key(name)
        if let value {
            bytes.append(contentsOf: value.bytes)
            bytes.append(0x7D)
        } else {
            bytes.append(contentsOf: Self.null)
        }
    }

    mutating func objects(_ name: String, _ values: [JSONObject]) {
        key(name)
        bytes.append(0x5B)
        for (index, value) in values.enumerated() {
            if index > 0 {
                bytes.append(0x2C)
            }
            bytes.append(contentsOf: value.bytes)
            bytes.append(0x7D)
        }
        bytes.append(0x5D)
    }

    mutating func strings(_ name: String, _ values: [String]) {
        key(name)
        bytes.append(0x5B)
        for (index, value) in values.enumerated() {
            if index > 0 {
                bytes.append(0x2C)
            }
            Self.appendQuoted(value, to: &bytes)
        }
        bytes.append(0x5D)
    }

    /// Raw JSON for a value built elsewhere.
    mutating func raw(_ name: String, _ json: String) {
        key(name)
        bytes.append(contentsOf: json.utf8)
    }

    /// The whole object, closing brace included.
    var closed: [UInt8] { bytes + [0x7D] }

    private static let null = Array("null".utf8)

    /// Appends a JSON string literal: quotes, backslashes and control characters escaped,
    /// everything else as its UTF-8 bytes.
    static func appendQuoted(_ value: String, to bytes: inout [UInt8]) {
        bytes.append(0x22)
        var text = value
        let needsEscapes = text.withUTF8 { utf8 in
            utf8.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
        }
        guard needsEscapes else {
            bytes.append(contentsOf: value.utf8)
            bytes.append(0x22)
            return
        }
        for byte in value.utf8 {
            switch byte {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
            case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
            case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [
                    0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)],
                ])
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
    }
}

import Foundation

/// Finds a key that one object of a JSON document names twice.
///
/// JSON leaves such a document's meaning open: `JSONDecoder` keeps the first value, most
/// other readers the last, so the portal and the matcher could read two applications from
/// one line. A line with a repeated key is refused rather than read either way.
public enum RepeatedJSONKey {
    /// The path of the first key an object repeats (`pointsSubject.idNumber`; `[]` for an
    /// element of an array); nil when no key is repeated. Text that is not JSON gives nil
    /// or a path as far as it can be read: the decoder words what is wrong with it.
    public static func first(in document: Data) -> String? {
        document.withUnsafeBytes { raw in
            var scan = Scan(raw.bindMemory(to: UInt8.self))
            return scan.firstRepeatedKey()
        }
    }

    /// What is open where the scan stands: an object, with the keys read so far, the last
    /// of them and whether a string read next is a key; or an array.
    ///
    /// A struct changed in place in its array: an enum's payload is copied out and back,
    /// which copied the set of keys at every key, so that an object of many keys took
    /// seconds.
    private struct Level {
        let isObject: Bool
        var keys: Set<String> = []
        var current: String?
        var expectingKey: Bool
    }

    private struct Scan {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0
        var levels: [Level] = []

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        mutating func firstRepeatedKey() -> String? {
            while offset < bytes.count {
                let byte = bytes[offset]
                offset += 1
                switch byte {
                case UInt8(ascii: "{"):
                    levels.append(Level(isObject: true, expectingKey: true))
                case UInt8(ascii: "["):
                    levels.append(Level(isObject: false, expectingKey: false))
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    guard levels.popLast() != nil else { return nil }
                case UInt8(ascii: ","):
                    if levels.last?.isObject == true {
                        levels[levels.count - 1].expectingKey = true
                    }
                case UInt8(ascii: "\""):
                    let start = offset - 1
                    guard skipStringRest() else { return nil }
                    guard let level = levels.indices.last, levels[level].expectingKey else {
                        continue
                    }
                    let key = Self.key(UnsafeBufferPointer(rebasing: bytes[start..<offset]))
                    guard levels[level].keys.insert(key).inserted else {
                        return path(ending: key)
                    }
                    levels[level].current = key
                    levels[level].expectingKey = false
                default:
                    // Numbers, literals, colons and white space hold no key.
                    continue
                }
            }
            return nil
        }

        /// Moves past the rest of a string whose opening quote was read; false when the
        /// text ends first.
        private mutating func skipStringRest() -> Bool {
            while offset < bytes.count {
                switch bytes[offset] {
                case UInt8(ascii: "\\"): offset += 2
                case UInt8(ascii: "\""):
                    offset += 1
                    return true
                default: offset += 1
                }
            }
            return false
        }

        /// The key a string token names, its escapes read as JSON reads them, so that
        /// `"versio\u006e"` is `version`.
        private static func key(_ token: UnsafeBufferPointer<UInt8>) -> String {
            let inner = UnsafeBufferPointer(rebasing: token.dropFirst().dropLast())
            guard inner.contains(UInt8(ascii: "\\")) else {
                return String(decoding: inner, as: UTF8.self)
            }
            let array = Data("[".utf8) + Data(token) + Data("]".utf8)
            let decoded = try? JSONDecoder().decode([String].self, from: array)
            return decoded?.first ?? String(decoding: inner, as: UTF8.self)
        }

        /// The keys from the document's object down to `key`, each shown only when it is
        /// a plain name (letters, digits, `_ - .`): a key is the sender's text, and may be
        /// anything.
        private func path(ending key: String) -> String {
            let names = levels.dropLast().map { level in
                level.isObject ? Self.shown(level.current ?? "") : "[]"
            }
            return (names + [Self.shown(key)]).joined(separator: ".")
                .replacingOccurrences(of: ".[]", with: "[]")
        }

        private static func shown(_ key: String) -> String {
            let isPlainName =
                (1...64).contains(key.utf8.count)
                && key.utf8.allSatisfy { byte in
                    byte.isASCIIAlphanumeric || byte == UInt8(ascii: "_")
                        || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                }
            return isPlainName ? key : "?"
        }
    }
}

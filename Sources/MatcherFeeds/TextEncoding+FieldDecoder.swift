import Glibc

/// Decodes field bytes to `String`s in one encoding, strictly, reusing its converter.
///
/// UTF-8 is validated by the standard library. GB 18030 goes through glibc `iconv`, with
/// one descriptor kept for the decoder's lifetime; fields that are pure ASCII, which in
/// GB 18030 means the same bytes, skip `iconv` entirely. Not safe to share between
/// threads: give each reading task its own decoder.
public final class FieldDecoder {
    /// The encoding this decoder reads.
    public let encoding: TextEncoding
    private let converter: iconv_t?
    private var output: UnsafeMutablePointer<UInt8>
    private var outputCapacity: Int
    private var needsReset = false

    /// Creates a decoder for `encoding`.
    ///
    /// - Throws: `FeedReadError` with code `.unsupportedEncoding` if the system has no
    ///   GB 18030 converter (the glibc gconv modules are missing).
    public init(encoding: TextEncoding) throws {
        self.encoding = encoding
        switch encoding {
        case .utf8:
            converter = nil
        case .gb18030:
            let descriptor = iconv_open("UTF-8", "GB18030")
            guard let descriptor, Int(bitPattern: descriptor) != -1 else {
                let cause = SystemError(number: errno)
                throw FeedReadError(
                    code: .unsupportedEncoding,
                    message: "This system cannot convert GB18030 text (iconv_open failed); "
                        + "install the glibc gconv modules.",
                    underlying: cause
                )
            }
            converter = descriptor
        }
        outputCapacity = 256
        output = .allocate(capacity: outputCapacity)
    }

    deinit {
        if let converter {
            iconv_close(converter)
        }
        output.deallocate()
    }

    /// Decodes `bytes`, throwing rather than replacing anything invalid.
    ///
    /// - Throws: `FeedReadError` with code `.invalidText`; its message names the offending
    ///   bytes in hex and `byteOffset` is their position within `bytes`.
    public func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws -> String {
        do {
            return try decodeOrFail(bytes)
        } catch {
            throw FeedReadError(
                code: .invalidText,
                message: "\(error.describedBytes) at offset \(error.offset) are not valid "
                    + "\(encoding.rawValue); check which encoding the text is really in.",
                byteOffset: error.offset
            )
        }
    }

    /// Decodes `bytes`, throwing rather than replacing anything invalid.
    public func decode(_ bytes: [UInt8]) throws -> String {
        try bytes.withUnsafeBufferPointer { try decode($0) }
    }

    func decodeOrFail(_ bytes: UnsafeBufferPointer<UInt8>) throws(DecodingFailure) -> String {
        switch encoding {
        case .utf8:
            // `String(validating:as:)` is generic and was measured to spend most of its time
            // looking up type metadata; decoding with repair and checking that nothing was
            // repaired gives the same answer several times faster.
            let text = String(decoding: bytes, as: UTF8.self)
            if Self.isIdentical(text, to: bytes) {
                return text
            }
            throw Self.firstInvalidUTF8(in: bytes)
        case .gb18030:
            if Self.isASCII(bytes) {
                return String(decoding: bytes, as: UTF8.self)
            }
            return try convert(bytes)
        }
    }

    private func convert(_ bytes: UnsafeBufferPointer<UInt8>) throws(DecodingFailure) -> String {
        guard let converter, let start = bytes.baseAddress else {
            return ""
        }
        // A GB 18030 character of n bytes becomes at most ceil(1.5 n) bytes of UTF-8, so
        // twice the input always fits and E2BIG cannot happen.
        if outputCapacity < bytes.count * 2 {
            output.deallocate()
            outputCapacity = bytes.count * 2
            output = .allocate(capacity: outputCapacity)
        }
        // A failed conversion may leave a partial character behind; clear it first.
        if needsReset {
            _ = iconv(converter, nil, nil, nil, nil)
            needsReset = false
        }

        var input: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: start)
            .assumingMemoryBound(to: CChar.self)
        var inputLeft = bytes.count
        var outputCursor: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(output)
            .assumingMemoryBound(to: CChar.self)
        var outputLeft = outputCapacity

        // GB 18030 has no shift states, so there is nothing to flush after the input; an
        // input that ends inside a character fails here with EINVAL.
        let result = iconv(converter, &input, &inputLeft, &outputCursor, &outputLeft)
        guard result != -1 else {
            let reason = errno
            needsReset = true
            let offset = bytes.count - inputLeft
            let length = min(4, inputLeft)
            throw DecodingFailure(
                offset: offset,
                bytes: Array(bytes[offset..<(offset + length)]),
                isTruncated: reason == EINVAL
            )
        }
        let produced = outputCapacity - outputLeft
        // iconv writes only well-formed UTF-8, so decoding here cannot substitute anything.
        return String(
            decoding: UnsafeBufferPointer(start: output, count: produced),
            as: UTF8.self
        )
    }

    /// Whether `text` holds exactly `bytes`, i.e. decoding replaced nothing.
    private static func isIdentical(_ text: String, to bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            guard utf8.count == bytes.count else {
                return false
            }
            guard let textBase = utf8.baseAddress, let base = bytes.baseAddress else {
                return true
            }
            return memcmp(textBase, base, bytes.count) == 0
        }
    }

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var combined: UInt8 = 0
        for byte in bytes {
            combined |= byte
        }
        return combined < 0x80
    }

    private static func firstInvalidUTF8(in bytes: UnsafeBufferPointer<UInt8>) -> DecodingFailure {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                offset += scalar.count
            case .error(let length):
                return DecodingFailure(
                    offset: offset,
                    bytes: Array(bytes[offset..<(offset + length)]),
                    isTruncated: offset + length == bytes.count
                )
            case .emptyInput:
                // Unreachable when String(validating:) rejected the bytes; kept total.
                return DecodingFailure(offset: offset, bytes: [], isTruncated: true)
            }
        }
    }
}

/// Where and why bytes failed to decode, before it is known which file they came from.
struct DecodingFailure: Error {
    var offset: Int
    var bytes: [UInt8]
    /// The bytes start a character that the input ends in the middle of.
    var isTruncated: Bool

    var describedBytes: String {
        let hex = FeedReadError.hex(bytes)
        let noun = bytes.count == 1 ? "byte" : "bytes"
        return isTruncated ? "unfinished \(noun) \(hex)" : "\(noun) \(hex)"
    }
}

import COpenSSL

/// Computes a SHA-256 digest incrementally, through OpenSSL's EVP interface.
///
/// `CSVReader` feeds every byte it reads into one of these, so a delivery's checksum is
/// known once its rows have been read, without reading the file twice.
public final class SHA256Hasher {
    private let context: OpaquePointer
    private var updateFailed = false
    private var digest: [UInt8]?

    /// Starts an empty digest.
    ///
    /// - Throws: `FeedReadError` with code `.hashingFailed` if OpenSSL cannot set one up.
    public init() throws {
        guard let context = EVP_MD_CTX_new() else {
            throw Self.failure("could not allocate a digest context")
        }
        guard EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1 else {
            EVP_MD_CTX_free(context)
            throw Self.failure("could not start a SHA-256 digest")
        }
        self.context = context
    }

    deinit {
        EVP_MD_CTX_free(context)
    }

    /// Adds bytes to the digest.
    ///
    /// Must not be called after `finalize()`.
    public func update(_ bytes: UnsafeRawBufferPointer) {
        precondition(digest == nil, "SHA256Hasher.update called after finalize")
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            return
        }
        // A failure here is remembered rather than thrown so that the read loop stays
        // simple; `finalize()` reports it.
        if EVP_DigestUpdate(context, base, bytes.count) != 1 {
            updateFailed = true
        }
    }

    /// Adds bytes to the digest.
    public func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// Ends the digest and returns its 32 bytes; later calls return the same bytes.
    ///
    /// - Throws: `FeedReadError` with code `.hashingFailed` if OpenSSL failed at any step.
    public func finalize() throws -> [UInt8] {
        if let digest {
            return digest
        }
        guard !updateFailed else {
            throw Self.failure("adding bytes to the digest failed")
        }
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let status = output.withUnsafeMutableBufferPointer { buffer in
            EVP_DigestFinal_ex(context, buffer.baseAddress, &length)
        }
        guard status == 1, length == 32 else {
            throw Self.failure("finishing the digest failed")
        }
        let result = Array(output.prefix(32))
        digest = result
        return result
    }

    /// Ends the digest and returns it as 64 lowercase hex digits, as `sha256sum` prints it.
    public func finalizeHex() throws -> String {
        Self.lowercaseHex(try finalize())
    }

    /// Returns the SHA-256 of a whole file as 64 lowercase hex digits, reading it in chunks.
    ///
    /// - Throws: `FeedReadError` naming the path if the file cannot be opened or read.
    public static func hex(ofFileAt path: String, chunkSize: Int = 1 << 20) throws -> String {
        let file = try ByteFileReader(path: path)
        let buffer = UnsafeMutableRawBufferPointer.allocate(
            byteCount: max(1, chunkSize),
            alignment: 16
        )
        defer { buffer.deallocate() }
        while try file.read(into: buffer) > 0 {}
        return try file.hasher.finalizeHex()
    }

    static func lowercaseHex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func failure(_ what: String) -> FeedReadError {
        FeedReadError(
            code: .hashingFailed,
            message: "OpenSSL failed to compute a SHA-256 (\(what)); check the libcrypto install."
        )
    }
}

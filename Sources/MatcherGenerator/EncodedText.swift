import Glibc

/// Text encoded once, at start-up, into the bytes a file needs: rows are then assembled
/// from these pieces with no string formatting per row.
///
/// GB 18030 goes through glibc `iconv`, as the matcher's decoder does.
final class PieceTable: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<UInt8>
    private let starts: [Int]
    let count: Int

    init(_ texts: [String], encoding: OutputEncoding) throws(GeneratorError) {
        var bytes: [UInt8] = []
        var starts: [Int] = [0]
        for text in texts {
            bytes += try encoding.encode(text)
            starts.append(bytes.count)
        }
        storage = .allocate(capacity: max(1, bytes.count))
        storage.initialize(from: bytes, count: bytes.count)
        self.starts = starts
        count = texts.count
    }

    deinit {
        storage.deallocate()
    }

    @inline(__always)
    subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(
            start: storage + starts[index],
            count: starts[index + 1] - starts[index]
        )
    }
}

/// The encodings a delivery may be written in.
public enum OutputEncoding: String, Sendable, CaseIterable {
    case utf8 = "UTF-8"
    case gb18030 = "GB18030"

    /// Reads `UTF-8` or `GB18030` in any case, with or without the dash.
    public init?(label: String) {
        switch String(label.uppercased().filter { $0 != "-" }) {
        case "UTF8": self = .utf8
        case "GB18030": self = .gb18030
        default: return nil
        }
    }

    func encode(_ text: String) throws(GeneratorError) -> [UInt8] {
        let utf8 = Array(text.utf8)
        guard self == .gb18030, utf8.contains(where: { $0 >= 0x80 }) else {
            return utf8
        }
        return try Self.gb18030(utf8, text: text)
    }

    private static func gb18030(_ utf8: [UInt8], text: String) throws(GeneratorError) -> [UInt8] {
        guard let converter = iconv_open("GB18030", "UTF-8"),
            Int(bitPattern: converter) != -1
        else {
            throw GeneratorError(
                .output,
                "this system cannot write GB18030 (iconv_open failed); install the glibc "
                    + "gconv modules or ask for UTF-8"
            )
        }
        defer { iconv_close(converter) }
        var input = utf8.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: utf8.count * 2 + 8)
        let inputCount = input.count
        let outputCapacity = output.count
        let remaining = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = inBuffer.baseAddress
                var outPointer = outBuffer.baseAddress
                var inLeft = inputCount
                var outLeft = outputCapacity
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                return result == -1 ? -1 : outLeft
            }
        }
        guard remaining >= 0 else {
            throw GeneratorError(.output, "'\(text)' cannot be written in GB18030")
        }
        return output.prefix(outputCapacity - remaining).map { UInt8(bitPattern: $0) }
    }
}

import Foundation
import Glibc
import MatcherFeeds
import Testing

/// A fresh directory for one test, removed when the last reference goes.
final class CSVTestDirectory {
    let path: String

    init() throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory())
        let url = base.appendingPathComponent("feeds-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes `bytes` to a new file in the directory and returns its path.
    func write(_ bytes: [UInt8], named name: String = "data.csv") throws -> String {
        let filePath = "\(path)/\(name)"
        try Data(bytes).write(to: URL(fileURLWithPath: filePath))
        return filePath
    }

    func write(_ text: String, named name: String = "data.csv") throws -> String {
        try write(Array(text.utf8), named: name)
    }
}

struct CSVTestSetupError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A record copied out of the reader, so it can be compared after reading on.
struct CSVReadRecord: Equatable, CustomStringConvertible {
    var fields: [[UInt8]]
    var line: Int
    var byteOffset: Int
    var problemCode: FeedReadError.Code?
    var problemLine: Int?
    var problemByteOffset: Int?

    var description: String {
        let text = fields.map { String(decoding: $0, as: UTF8.self).debugDescription }
        let problem = problemCode.map { " problem \($0) at \(problemLine ?? 0)" } ?? ""
        return "line \(line) @\(byteOffset): [\(text.joined(separator: ", "))]\(problem)"
    }
}

/// Everything a full read of a file produced.
struct CSVReadOutcome: Equatable {
    var records: [CSVReadRecord] = []
    var errorCode: FeedReadError.Code?
    var errorLine: Int?
    var errorByteOffset: Int?
    var blankLineCount = 0
    var sha256Hex: String?
    var byteCount = 0

    /// The fields of every record as UTF-8 strings, for readable expectations.
    var texts: [[String]] {
        records.map { record in record.fields.map { String(decoding: $0, as: UTF8.self) } }
    }
}

/// Reads a whole file, keeping the records and the error that ended the read, if any.
/// Reads every record of the file with ``CSVReader/nextRecord()``, and checks that
/// ``CSVReader/forEachRecord(_:)`` reads exactly the same, so every test of the reader tests
/// both ways of reading.
func readAllRecords(
    _ path: String,
    chunkSize: Int = 1 << 20,
    maximumRecordSize: Int = 1 << 24,
    sourceLocation: SourceLocation = #_sourceLocation
) throws -> CSVReadOutcome {
    let oneByOne = try readRecords(
        path,
        chunkSize: chunkSize,
        maximumRecordSize: maximumRecordSize,
        inOneLoop: false
    )
    let inOneLoop = try readRecords(
        path,
        chunkSize: chunkSize,
        maximumRecordSize: maximumRecordSize,
        inOneLoop: true
    )
    #expect(inOneLoop == oneByOne, "forEachRecord differs", sourceLocation: sourceLocation)
    return oneByOne
}

private func readRecords(
    _ path: String,
    chunkSize: Int,
    maximumRecordSize: Int,
    inOneLoop: Bool
) throws -> CSVReadOutcome {
    let reader = try CSVReader(
        path: path,
        chunkSize: chunkSize,
        maximumRecordSize: maximumRecordSize
    )
    var outcome = CSVReadOutcome()
    func take(_ record: CSVRecord) {
        let fields = (0..<record.fieldCount).map { Array(record.bytes($0)) }
        outcome.records.append(
            CSVReadRecord(
                fields: fields,
                line: record.line,
                byteOffset: record.byteOffset,
                problemCode: record.problem?.code,
                problemLine: record.problem?.line,
                problemByteOffset: record.problem?.byteOffset
            )
        )
    }
    do {
        if inOneLoop {
            try reader.forEachRecord(take)
        } else {
            while let record = try reader.nextRecord() {
                take(record)
            }
        }
    } catch let error as FeedReadError {
        outcome.errorCode = error.code
        outcome.errorLine = error.line
        outcome.errorByteOffset = error.byteOffset
    }
    outcome.blankLineCount = reader.blankLineCount
    outcome.sha256Hex = reader.sha256Hex
    outcome.byteCount = reader.byteCount
    #expect(reader.recordCount == outcome.records.count)
    return outcome
}

/// Encodes text as GB 18030 with glibc's converter, independently of `FieldDecoder`.
func gb18030Bytes(_ text: String) throws -> [UInt8] {
    let converter = iconv_open("GB18030", "UTF-8")
    guard let converter, Int(bitPattern: converter) != -1 else {
        throw CSVTestSetupError(message: "iconv_open(GB18030, UTF-8) failed")
    }
    defer { iconv_close(converter) }
    var input = Array(text.utf8CString.dropLast())
    var output = [CChar](repeating: 0, count: input.count * 2 + 8)
    let outputSize = output.count
    var outputLeft = outputSize
    let status = input.withUnsafeMutableBufferPointer { inputBuffer in
        output.withUnsafeMutableBufferPointer { outputBuffer in
            var inputCursor = inputBuffer.baseAddress
            var inputLeft = inputBuffer.count
            var outputCursor = outputBuffer.baseAddress
            return iconv(converter, &inputCursor, &inputLeft, &outputCursor, &outputLeft)
        }
    }
    guard status != -1 else {
        throw CSVTestSetupError(message: "iconv could not encode the text as GB18030")
    }
    return output.prefix(outputSize - outputLeft).map { UInt8(bitPattern: $0) }
}

/// The GB 18030 four-byte code of a supplementary-plane character, by the standard's
/// linear mapping from U+10000 = 90 30 81 30.
func gb18030FourBytes(ofSupplementary scalar: UInt32) -> [UInt8] {
    var linear = scalar - 0x10000
    let fourth = UInt8(0x30 + linear % 10)
    linear /= 10
    let third = UInt8(0x81 + linear % 126)
    linear /= 126
    let second = UInt8(0x30 + linear % 10)
    linear /= 10
    let first = UInt8(0x90 + linear)
    return [first, second, third, fourth]
}

/// A small deterministic generator, so a failing fuzz case can be replayed from its seed.
struct CSVFuzzGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}

enum SampleDeliveries {
    /// The sample deliveries kept in the repository under `fixtures/basic/deliveries`.
    static let deliveries = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("fixtures/basic/deliveries")
        .path

    /// Every CSV file of the sample deliveries, relative to `deliveries`.
    static let csvFiles = [
        "hrss/2023-05-10/persons.csv",
        "hrss/2023-05-10/contributions.csv",
        "medical/2023-05-10/persons.csv",
        "medical/2023-05-10/contributions.csv",
        "registry/2023-05-10/certificates.csv",
    ]
}

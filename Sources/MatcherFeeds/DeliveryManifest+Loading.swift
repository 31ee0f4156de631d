import Foundation
import MatcherCore

extension DeliveryManifest {
    private static let largestManifest = 1 << 20

    /// Reads and decodes the manifest at `path`.
    ///
    /// - Throws: `FeedReadError` naming the path: `.fileNotFound` and the like if it cannot
    ///   be read, `.invalidManifest` naming the field that is missing or wrong.
    public static func load(from path: String) throws -> DeliveryManifest {
        let file = try ByteFileReader(path: path)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { buffer.deallocate() }
        var data = Data()
        while true {
            let count = try file.read(into: buffer)
            guard count > 0 else {
                break
            }
            data.append(contentsOf: buffer[..<count])
            // A manifest lists a handful of files; anything this large is the wrong file.
            guard data.count <= largestManifest else {
                throw FeedReadError(
                    code: .invalidManifest,
                    message: "\(path) is larger than \(largestManifest) bytes, so it is not "
                        + "a delivery manifest; check the file name.",
                    path: path
                )
            }
        }
        return try decode(data, path: path)
    }

    /// Decodes a manifest from JSON; `path` only names it in errors.
    ///
    /// - Throws: `FeedReadError` with code `.invalidManifest` naming the field that is
    ///   missing or wrong.
    public static func decode(_ data: Data, path: String = "manifest.json") throws
        -> DeliveryManifest
    {
        do {
            let manifest = try JSONDecoder().decode(DeliveryManifest.self, from: data)
            // The decoder keeps the first of two values, most readers the last: which
            // checksum or encoding the department meant cannot be told.
            if let repeated = RepeatedJSONKey.first(in: data) {
                throw FeedReadError(
                    code: .invalidManifest,
                    message: "The manifest \(path) names \(repeated) twice, so what it says "
                        + "of the delivery is ambiguous; ask the department to redeliver it.",
                    path: path
                )
            }
            return manifest
        } catch let error as DecodingError {
            throw FeedReadError(
                code: .invalidManifest,
                message:
                    "The manifest \(path) \(describe(error, in: data)). The delivery cannot be "
                    + "checked without a valid manifest; ask the department to redeliver it.",
                path: path,
                underlying: error
            )
        }
    }

    private static func describe(_ error: DecodingError, in data: Data) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "lacks the field \(fieldName(context.codingPath + [key]))"
        case .valueNotFound(let type, let context):
            return "has null for \(fieldName(context.codingPath)), which must be \(noun(type))"
        case .typeMismatch(let type, let context):
            return "has the wrong kind of value in \(fieldName(context.codingPath)), which "
                + "must be \(noun(type))"
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            // The decoder says only "not valid JSON", also of JSON holding a number too
            // large for its field; the fault is found and placed by reading it again.
            if let problem = JSONSyntax.problem(in: data) {
                return "is not valid JSON: \(problem)"
            }
            return "holds a value that cannot be read, such as a number too large"
        case .dataCorrupted(let context):
            return "has a bad \(fieldName(context.codingPath)): it \(context.debugDescription)"
        @unknown default:
            return "cannot be decoded (\(error))"
        }
    }

    /// Spells a coding path the way a person finds it in the file, e.g.
    /// `files["persons.csv"].rows`.
    private static func fieldName(_ path: [any CodingKey]) -> String {
        guard let first = path.first else {
            return "top level"
        }
        var name = first.stringValue
        var insideFiles = first.stringValue == "files"
        for key in path.dropFirst() {
            if insideFiles {
                name += "[\"\(key.stringValue)\"]"
                insideFiles = false
            } else {
                name += ".\(key.stringValue)"
            }
        }
        return "`\(name)`"
    }

    private static func noun(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type:
            return "a whole number"
        case is String.Type:
            return "a string"
        default:
            return "an object"
        }
    }
}

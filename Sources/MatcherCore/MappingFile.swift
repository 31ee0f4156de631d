import Foundation

/// Reading the JSON files under `mappings/`, with errors written for the operator who edits
/// them rather than in `DecodingError`'s and Foundation's own terms.
///
/// The sync and the generator read the same files through it, so a broken file reads the
/// same in both.
public enum MappingFile {
    /// Reads and decodes the file at `path`; an error names the file and what is wrong.
    public static func decode<T: Decodable>(_ path: String) throws(MappingFileError) -> T {
        let data = try read(path)
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw MappingFileError("\(path): \(describe(error, in: data))")
        } catch {
            throw MappingFileError("\(path) cannot be decoded: \(error)")
        }
    }

    /// The bytes of the file at `path`, or an error saying why there are none.
    public static func read(_ path: String) throws(MappingFileError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw MappingFileError("\(path) does not exist")
        }
        guard !isDirectory.boolValue else {
            throw MappingFileError("\(path) is a directory, not a file")
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch CocoaError.fileReadNoPermission {
            throw MappingFileError("\(path) cannot be read: permission denied")
        } catch {
            throw MappingFileError("\(path) cannot be read: \(error.localizedDescription)")
        }
    }

    /// What is wrong with a mapping file, naming the field by its path in the file, such as
    /// `property.maximumPoints` or `insurance.types[2].department`.
    ///
    /// - Parameter data: The file's bytes, used to tell invalid JSON from a number that does
    ///   not fit its field; nil when they are not at hand.
    public static func describe(_ error: DecodingError, in data: Data?) -> String {
        let fieldPath = DecodingDescription.fieldPath
        let kind = DecodingDescription.kind(of:)
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field `\(fieldPath(context.codingPath + [key]))`"
        case .valueNotFound(let type, let context) where context.codingPath.isEmpty:
            return "the file holds null; it must hold \(kind(type))"
        case .valueNotFound(let type, let context):
            return "field `\(fieldPath(context.codingPath))` is null; "
                + "it must be \(kind(type))"
        case .typeMismatch(let type, let context) where context.codingPath.isEmpty:
            return "the file must hold \(kind(type))"
        case .typeMismatch(let type, let context):
            return "field `\(fieldPath(context.codingPath))` must be \(kind(type))"
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return describeUnreadable(data)
        case .dataCorrupted(let context):
            // The debug description here is the project's own decoders' words (a month, a
            // date, a department) or Foundation's about one value; both name the value.
            return "field `\(fieldPath(context.codingPath))` is not allowed: "
                + context.debugDescription
        @unknown default:
            return "the file does not have the expected shape"
        }
    }

    /// `JSONDecoder` reports both broken JSON and a number that does not fit its field
    /// (`1.5` or `1e30` where a whole number belongs) as corrupt data with no field, so the
    /// file is parsed once more to say which it is.
    private static func describeUnreadable(_ data: Data?) -> String {
        let notFitting =
            "a number does not fit its field (a fraction or a number too large "
            + "where a whole number belongs)"
        guard let data else {
            return "not valid JSON, or " + notFitting
        }
        guard let problem = JSONSyntax.problem(in: data) else {
            return notFitting
        }
        return "not valid JSON: \(problem)"
    }
}

/// A file under `mappings/` that cannot be used; the message names the file and what is
/// wrong with it.
public struct MappingFileError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}

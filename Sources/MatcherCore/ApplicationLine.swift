import Foundation

/// Why one line of the application export could not be taken.
public struct ApplicationLineError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based line number in the export file.
    public var line: Int
    /// What is wrong, in words an operator can act on. Never holds personal data.
    public var reason: String
    /// The application the line belongs to, when that much could be read.
    public var applicationId: String?

    public init(line: Int, reason: String, applicationId: String? = nil) {
        self.line = line
        self.reason = reason
        self.applicationId = applicationId
    }

    public var description: String {
        if let applicationId {
            return "line \(line) (\(applicationId)): \(reason)"
        }
        return "line \(line): \(reason)"
    }
}

/// Reads one line of the application export into an ``Application``.
public enum ApplicationLine {
    /// Decodes and checks one line; every failure names the line and the field.
    public static func decode(_ line: Data, lineNumber: Int) throws(ApplicationLineError)
        -> Application
    {
        let application: Application
        do {
            application = try JSONDecoder().decode(Application.self, from: line)
        } catch let error as DecodingError {
            throw ApplicationLineError(
                line: lineNumber,
                reason: describe(error),
                applicationId: peekApplicationId(line)
            )
        } catch {
            throw ApplicationLineError(line: lineNumber, reason: "not valid JSON")
        }
        if let missing = missingFields(of: application).first {
            throw ApplicationLineError(
                line: lineNumber,
                reason: "missing required field `\(missing)`",
                applicationId: application.applicationId
            )
        }
        if application.version < 1 {
            throw ApplicationLineError(
                line: lineNumber,
                reason: "`version` must be 1 or more, found \(application.version)",
                applicationId: application.applicationId
            )
        }
        if application.applicationId.isEmpty {
            throw ApplicationLineError(line: lineNumber, reason: "`applicationId` is empty")
        }
        return application
    }

    /// The fields a submitted application must carry to be matched; withdrawn and deleted
    /// lines need only their identity.
    static func missingFields(of application: Application) -> [String] {
        guard application.status == .submitted else { return [] }
        var missing: [String] = []
        if application.pointsSubject == nil { missing.append("pointsSubject") }
        if application.student == nil { missing.append("student") }
        if application.guardians == nil { missing.append("guardians") }
        guard let property = application.property else {
            return missing + ["property"]
        }
        if property.declared {
            if property.certificateType == nil { missing.append("property.certificateType") }
            if property.certificateNumber == nil {
                missing.append("property.certificateNumber")
            }
            if property.owner == nil { missing.append("property.owner") }
            if property.address == nil { missing.append("property.address") }
        }
        return missing
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey], appending key: (any CodingKey)? = nil)
            -> String
        {
            var parts: [String] = []
            for component in codingPath + (key.map { [$0] } ?? []) {
                if let index = component.intValue {
                    parts.append("[\(index)]")
                } else {
                    parts.append(
                        parts.isEmpty ? component.stringValue : "." + component.stringValue
                    )
                }
            }
            return parts.joined()
        }
        switch error {
        case .typeMismatch(_, let context) where context.codingPath.isEmpty,
            .valueNotFound(_, let context) where context.codingPath.isEmpty:
            return "the line is valid JSON but not an object"
        case .keyNotFound(let key, let context):
            return "missing required field `\(path(context.codingPath, appending: key))`"
        case .valueNotFound(_, let context):
            return "field `\(path(context.codingPath))` is null"
        case .typeMismatch(let type, let context):
            return "field `\(path(context.codingPath))` is not \(typeName(type))"
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return "not valid JSON (cut off, or not one object on one line)"
        case .dataCorrupted(let context):
            return "field `\(path(context.codingPath))` has a value that is not allowed"
        @unknown default:
            return "not a valid application"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type: return "an integer"
        case is Bool.Type: return "true or false"
        case is [Any].Type: return "an array"
        default: return "an object"
        }
    }

    /// The id of a line that fails later checks, so the report can say whose line it was.
    private static func peekApplicationId(_ line: Data) -> String? {
        struct IdentityOnly: Decodable { var applicationId: String }
        return try? JSONDecoder().decode(IdentityOnly.self, from: line).applicationId
    }
}

/// How decoding errors name a field and a kind of value, for the messages of every input
/// the service decodes (export lines, mapping files), so they read alike.
public enum DecodingDescription {
    /// Dotted keys with array indices in brackets: `guardians[1].name`.
    public static func fieldPath(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }

    /// The kind of value a type stands for, as a person says it: "a whole number".
    public static func kind(of type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Int.Type, is Int32.Type, is Int64.Type: return "a whole number"
        case is Double.Type, is Float.Type: return "a number"
        case is [Any].Type: return "a list"
        case is [String: Any].Type: return "an object"
        default: return "a value of another kind"
        }
    }
}

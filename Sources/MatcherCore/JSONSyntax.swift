import Foundation

/// Why a file is not JSON, in the terms of a person editing it.
///
/// Foundation's reader places a fault by the count of bytes before it ("around character
/// 30"); this says the line and column instead, and says so plainly of an empty file.
public enum JSONSyntax {
    /// The fault that keeps `data` from being JSON, such as `Invalid value near line 2,
    /// column 7`, or nil when `data` is JSON.
    public static func problem(in data: Data) -> String? {
        let blank: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D]
        if data.allSatisfy(blank.contains) {
            return "it is empty"
        }
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return nil
        } catch {
            let detail = (error as NSError).userInfo["NSDebugDescription"] as? String
            guard var text = detail, !text.isEmpty else {
                return "it cannot be read as JSON"
            }
            if text.hasSuffix(".") {
                text.removeLast()
            }
            guard let marker = text.range(of: "around character "),
                let offset = Int(text[marker.upperBound...].prefix { $0.isASCII && $0.isNumber }),
                offset <= data.count
            else { return text }
            return String(text[..<marker.lowerBound]) + place(ofByte: offset, in: data)
        }
    }

    /// `near line L, column C` of the byte at `offset`, columns counted in characters.
    static func place(ofByte offset: Int, in data: Data) -> String {
        let before = data.prefix(offset)
        let line = before.count { $0 == 0x0A } + 1
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? before.startIndex
        let column = String(decoding: before[lineStart...], as: UTF8.self).count + 1
        return "near line \(line), column \(column)"
    }
}

import Foundation
import MatcherCore

/// A night's application export, read: the applications taken and the lines refused.
public struct ApplicationExport: Sendable {
    /// An application and the line it came from.
    public struct Entry: Sendable {
        public var line: Int
        public var application: Application
    }

    /// A line that could not be taken, with its bytes so it can be found and fixed.
    public struct RefusedLine: Sendable {
        public var error: ApplicationLineError
        public var raw: Data
    }

    public var entries: [Entry] = []
    public var refused: [RefusedLine] = []
    /// Lines that held nothing but white space; not applications, not errors.
    public var blankLines = 0

    /// Reads a JSON Lines export, tolerating a UTF-8 byte-order mark.
    ///
    /// Only a file that cannot be opened or read fails as a whole; every bad line is
    /// refused on its own, with its line number and reason, and the rest is still read.
    /// A line that repeats an `applicationId` is refused, and the first one kept: which of
    /// two versions of the truth is right is for the portal to say, not for us to guess.
    public static func read(path: String) throws(FeedError) -> ApplicationExport {
        var export = ApplicationExport()
        var firstLineOfApplication: [String: Int] = [:]
        do {
            try forEachLine(ofFileAt: path) { number, bytes in
                export.take(
                    line: number,
                    bytes: bytes,
                    firstLineOfApplication: &firstLineOfApplication
                )
            }
        } catch {
            throw FeedError(.unreadable, "cannot read the application export \(path)", cause: error)
        }
        return export
    }

    private mutating func take(
        line number: Int,
        bytes: Data,
        firstLineOfApplication: inout [String: Int]
    ) {
        let isBlank = bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        guard !isBlank else {
            blankLines += 1
            return
        }
        guard String(validating: bytes, as: UTF8.self) != nil else {
            let error = ApplicationLineError(line: number, reason: "not valid UTF-8 text")
            refused.append(RefusedLine(error: error, raw: bytes))
            return
        }
        do {
            let application = try ApplicationLine.decode(bytes, lineNumber: number)
            if let first = firstLineOfApplication[application.applicationId] {
                let error = ApplicationLineError(
                    line: number,
                    reason: "repeats the applicationId of line \(first)",
                    applicationId: application.applicationId
                )
                refused.append(RefusedLine(error: error, raw: bytes))
                return
            }
            firstLineOfApplication[application.applicationId] = number
            entries.append(Entry(line: number, application: application))
        } catch {
            refused.append(RefusedLine(error: error, raw: bytes))
        }
    }

    /// Calls `body` with every line of the file (without its line break), streaming.
    static func forEachLine(
        ofFileAt path: String,
        _ body: (_ number: Int, _ bytes: Data) throws -> Void
    ) throws {
        let reader = try ByteFileReader(path: path)
        var pending = Data()
        var number = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var atStart = true
        while true {
            let count = try buffer.withUnsafeMutableBytes { try reader.read(into: $0) }
            if count == 0 { break }
            var chunk = buffer[0..<count]
            if atStart {
                atStart = false
                if chunk.starts(with: [0xEF, 0xBB, 0xBF]) {
                    chunk = chunk.dropFirst(3)
                }
            }
            while let newline = chunk.firstIndex(of: 0x0A) {
                pending.append(contentsOf: chunk[chunk.startIndex..<newline])
                number += 1
                try body(number, pending)
                pending.removeAll(keepingCapacity: true)
                chunk = chunk[(newline + 1)...]
            }
            pending.append(contentsOf: chunk)
        }
        if !pending.isEmpty {
            number += 1
            try body(number, pending)
        }
    }
}

import Foundation
import MatcherCore

/// A row of a delivery file that could not be used, named by file and line.
public struct RefusedRow: Hashable, Sendable {
    /// `<source>/<date>/<file>`, e.g. `hrss/2023-05-10/persons.csv`.
    public var file: String
    public var line: Int
    public var reason: String

    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }
}

/// Reads one CSV file of a verified delivery: finds the mapped columns by their header
/// names, hands every data row to the caller, and checks the file against its manifest
/// entry once it has been read to the end.
///
/// A refused row is traced to the key it belongs to (an ID number, a personal number, a
/// certificate), and that key is marked unreliable, so the applications that need it stay
/// pending rather than get a final result computed without the row. A row whose key cannot
/// be read could belong to anyone: the whole delivery is then refused.
struct DeliveryTable {
    let label: String
    let columnIndex: [String: Int]
    let fieldCount: Int
    private let reader: CSVReader
    let decoder: FieldDecoder

    /// A file with more refused rows than this share of the rows read in full looks broken
    /// as a whole, not in places. Rows passed over unread (nobody needs them) do not count:
    /// a file broken throughout must not pass for sound because few of its rows were needed.
    static let refusedShareLimit = 0.01
    /// Below this many refused rows the share is not looked at: small files may lose a row.
    static let refusedRowsAlwaysAllowed = 10

    /// Opens `file` of `folder` and reads its header.
    ///
    /// - Parameter columns: every logical column the caller reads, with the header names it
    ///   may have; each must be present exactly once.
    init(
        file: String,
        of folder: DeliveryFolder,
        encoding: TextEncoding,
        columns: [String: [String]]
    ) throws(FeedError) {
        label = folder.label + "/" + file
        let path = folder.path + "/" + file
        do {
            reader = try CSVReader(path: path)
            decoder = try FieldDecoder(encoding: encoding)
        } catch {
            throw FeedError(.unreadable, "cannot read \(label): \(readable(error))", cause: error)
        }
        let header: [String]
        // The header as UTF-8 too, when the manifest names another encoding: a file
        // exported as UTF-8 but announced otherwise is told apart by it.
        var headerAsUTF8: [String]?
        do {
            guard let record = try reader.nextRecord() else {
                throw FeedError(.headerMissingColumn, "\(label) is empty: it has no header row")
            }
            if encoding != .utf8 {
                headerAsUTF8 = (0..<record.fieldCount).map { field in
                    String(validating: record.bytes(field), as: UTF8.self) ?? ""
                }.map(Self.trimmedHeaderName)
            }
            header = try record.strings(decoder: decoder).map(Self.trimmedHeaderName)
        } catch let error as FeedError {
            throw error
        } catch {
            throw FeedError(
                .encoding,
                "the header of \(label) is not \(encoding.rawValue) text, as the manifest says",
                cause: error
            )
        }
        do {
            columnIndex = try Self.positions(of: columns, in: header, label: label)
        } catch {
            if error.code == .headerMissingColumn, let headerAsUTF8,
                (try? Self.positions(of: columns, in: headerAsUTF8, label: label)) != nil
            {
                throw FeedError(
                    .encoding,
                    "\(label) lacks its columns read as \(encoding.rawValue), as the manifest "
                        + "says it is, but has every one read as UTF-8: the file is most "
                        + "likely UTF-8, and the manifest's encoding wrong"
                )
            }
            throw error
        }
        fieldCount = header.count
    }

    /// Finds each logical column in the header, by any of its names.
    static func positions(of columns: [String: [String]], in header: [String], label: String)
        throws(FeedError) -> [String: Int]
    {
        var index: [String: Int] = [:]
        for (column, names) in columns.sorted(by: { $0.key < $1.key }) {
            let found = header.indices.filter { names.contains(header[$0]) }
            guard let position = found.first else {
                throw FeedError(
                    .headerMissingColumn,
                    "\(label) has no column \(names.joined(separator: " or ")) (for \(column)); "
                        + describeHeader(header)
                )
            }
            guard found.count == 1 else {
                let named = found.map { "\(header[$0]) (column \($0 + 1))" }
                throw FeedError(
                    .headerAmbiguous,
                    "\(label) has \(found.count) columns for \(column): "
                        + named.joined(separator: ", ") + "; which one holds it is not clear"
                )
            }
            index[column] = position
        }
        return index
    }

    /// The header as the operator needs to see it, unless it is not a header at all: a first
    /// line holding digits is a data row, and may not be printed (it is personal data).
    static func describeHeader(_ header: [String]) -> String {
        let looksLikeData = header.contains { name in name.contains { $0.isNumber } }
        if looksLikeData {
            return "its first line holds digits, so the header row is probably missing"
        }
        return "its header is " + header.joined(separator: ",")
    }

    /// Header names lose surrounding spaces and a stray byte-order mark: neither is part of
    /// the name a department meant.
    static func trimmedHeaderName(_ name: String) -> String {
        String(name.unicodeScalars.filter { $0 != "\u{FEFF}" })
            .trimmingCharacters(in: .whitespaces)
    }

    /// The position of a logical column; every column given to `init` has one.
    func position(of column: String) -> Int {
        columnIndex[column] ?? 0
    }

    /// Calls `take` with every data row, and `trace` with every row that is refused.
    ///
    /// Once the delivery is sure to be refused (a row that cannot be traced, or more refused
    /// rows than the share allows of the whole file), later refusals are counted but not
    /// kept, so a file broken throughout costs no more memory than a sound one. The file is
    /// still read to its end, for its row count and checksum.
    ///
    /// - Parameters:
    ///   - passOver: true for a plain line whose row is surely not needed, which is then
    ///     counted and passed over without being split or reaching `take`. It must be true
    ///     only where `take` would pass the row over too, refusing nothing.
    ///   - take: reads a row, and returns whether it read it in full (rather than passing
    ///     it over as not needed); throws ``RowRefusal`` for a value it cannot use.
    ///   - trace: marks the key a refused row belongs to as unreliable, and returns false
    ///     when the row's key cannot be read, which refuses the whole delivery.
    ///   - progress: told how many rows were read, now and then (see ``RowProgress``).
    /// - Returns: the number of data rows, checked against `expected` along with the file's
    ///   checksum.
    mutating func forEachRow(
        expected: DeliveryManifest.FileEntry,
        refused: inout [RefusedRow],
        progress: RowProgressHandler? = nil,
        trace: (CSVRecord) -> Bool,
        passOver isUnneeded: (PlainCSVLine) -> Bool = { _ in false },
        _ take: (CSVRecord) throws(RowRefusal) -> Bool
    ) throws(FeedError) -> Int {
        var rows = 0
        func reportProgress() {
            progress?(RowProgress(file: label, rowsRead: rows, rowsExpected: expected.rows))
        }
        reportProgress()
        var refusedHere = 0
        var readInFull = 0
        var untraceable: RefusedRow?
        // Past the share of the whole file the delivery is sure to be refused; rows are
        // still kept up to the number a refused delivery lists.
        let mostKept = max(
            Self.allowedRefusals(of: expected.rows) + 1,
            FeedError.maximumListedRows
        )
        func refuse(_ record: CSVRecord, _ reason: String, fieldsInPlace: Bool = true) {
            refusedHere += 1
            guard untraceable == nil, refusedHere <= mostKept else { return }
            let row = RefusedRow(file: label, line: record.line, reason: reason)
            refused.append(row)
            // With a field too many or too few, no column can be trusted to be in its place,
            // the key columns included.
            if !(fieldsInPlace && trace(record)) && untraceable == nil {
                untraceable = row
            }
        }
        let fieldCount = self.fieldCount
        // Records read so far, less the header.
        let headerRows = reader.recordCount
        do {
            try reader.forEachRecord(
                fieldCount: fieldCount,
                isUnneeded: isUnneeded,
                every: RowProgress.interval,
                tick: { read in
                    rows = read - headerRows
                    reportProgress()
                }
            ) { record in
                if record.hasQuotingProblem {
                    refuse(record, "a quote is out of place (RFC 4180 quoting is broken)")
                    return
                }
                guard record.fieldCount == fieldCount else {
                    refuse(
                        record,
                        "has \(record.fieldCount) fields, the header has \(fieldCount)",
                        fieldsInPlace: false
                    )
                    return
                }
                do throws(RowRefusal) {
                    if try take(record) {
                        readInFull += 1
                    }
                } catch {
                    refuse(record, error.reason)
                }
            }
        } catch {
            throw FeedError(
                .unreadable,
                "\(label) cannot be read to the end: \(readable(error))",
                cause: error
            )
        }
        rows = reader.recordCount - headerRows
        reportProgress()
        try check(rows: rows, expected: expected)
        if let untraceable {
            throw FeedError(
                .untraceableRow,
                "\(label) line \(untraceable.line) cannot be read and cannot be traced to a "
                    + "person or certificate (\(untraceable.reason)), so no result can trust "
                    + "this delivery"
            )
        }
        let examined = readInFull + refusedHere
        guard refusedHere <= Self.allowedRefusals(of: examined) else {
            var error = FeedError(
                .tooManyRefusedRows,
                "\(label) has \(refusedHere) refused rows of the \(examined) read in full "
                    + "(of \(rows)), more than 1%; the delivery looks broken as a whole "
                    + "(first at line \(refused.first { $0.file == label }?.line ?? 0))"
            )
            error.refusedRows = Array(
                refused.filter { $0.file == label }.prefix(FeedError.maximumListedRows)
            )
            error.refusedRowCount = refusedHere
            throw error
        }
        return rows
    }

    /// How many refused rows a file may have when `rows` of its rows were read in full.
    static func allowedRefusals(of rows: Int) -> Int {
        max(Self.refusedRowsAlwaysAllowed, Int(Double(rows) * Self.refusedShareLimit))
    }

    private func check(rows: Int, expected: DeliveryManifest.FileEntry) throws(FeedError) {
        guard rows == expected.rows else {
            var message = "\(label) has \(rows) data rows, its manifest says \(expected.rows)"
            if let line = reader.firstLoneCarriageReturnLine {
                message +=
                    "; line \(line) ends in a carriage return with no line feed after "
                    + "it, which is read as the end of a row"
            }
            throw FeedError(.rowCountMismatch, message)
        }
        let checksum = reader.sha256Hex ?? ""
        guard checksum == expected.sha256.lowercased() else {
            throw FeedError(
                .checksumMismatch,
                "\(label) has sha256 \(checksum), its manifest says \(expected.sha256)"
            )
        }
        // A snapshot is the department's whole register: an empty one is a failed export,
        // and taking it would tell every parent "no record".
        guard rows > 0 else {
            throw FeedError(.empty, "\(label) holds no data rows")
        }
    }
}

/// Why one data row was not used; the message names the column, never its value.
struct RowRefusal: Error {
    var reason: String

    /// Refuses an ID number holding a control character other than a tab: no one types
    /// one, so it is a damaged value, and the matcher's folding, which drops such
    /// characters from what applicants type, would match it to a person all the same.
    static func checkIDNumber(_ text: String, column: String) throws(RowRefusal) {
        let isDamaged = text.unicodeScalars.contains { scalar in
            scalar.properties.generalCategory == .control && scalar != "\t"
        }
        if isDamaged {
            throw RowRefusal(reason: "\(column) holds a control character, a damaged value")
        }
    }
}

/// The text of a lower layer's error for an operator: its message without the path twice
/// or the code's internals.
func readable(_ error: any Error) -> String {
    if let error = error as? FeedReadError {
        // The caller names the file already, by its place in the deliveries.
        if let path = error.path, error.message.hasPrefix(path + ": ") {
            return String(error.message.dropFirst(path.count + 2))
        }
        return error.message
    }
    if let error = error as? FeedError {
        return error.message
    }
    return String(describing: error)
}

extension CSVRecord {
    /// The text of `column`, decoded and without surrounding white space (departments'
    /// exports pad fields; `正常 ` is `正常`); a decoding failure refuses the row.
    func text(_ position: Int, _ decoder: FieldDecoder, column: String) throws(RowRefusal)
        -> String
    {
        do {
            var text = try string(position, decoder: decoder)
            // Text whose first and last scalars cannot be white space has nothing to trim;
            // settled from the bytes, as nearly every field is, rather than as characters.
            let isUnpadded = text.withUTF8 { utf8 in
                guard let first = utf8.first else { return true }
                var lastStart = utf8.count - 1
                // The last scalar starts at the last byte that is not a continuation byte.
                while lastStart > 0 && utf8[lastStart] & 0xC0 == 0x80 {
                    lastStart -= 1
                }
                return Self.cannotLeadWhiteSpace(first)
                    && Self.cannotLeadWhiteSpace(utf8[lastStart])
            }
            return isUnpadded ? text : trimmed(text)
        } catch {
            throw RowRefusal(reason: "\(column): not valid \(decoder.encoding.rawValue) text")
        }
    }

    /// Whether a scalar that starts with this byte is surely not white space. Every white
    /// space scalar (U+0009 to U+000D, U+0020, U+0085, U+00A0, U+1680, U+2000 to U+200A,
    /// U+2028, U+2029, U+202F, U+205F and U+3000) starts in UTF-8 with a byte up to 0x20
    /// or with 0xC2, 0xE1, 0xE2 or 0xE3; Chinese text starts with 0xE4 to 0xE9.
    static func cannotLeadWhiteSpace(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21...0x7E, 0xC3...0xDF, 0xE4...0xEF, 0xF0...0xF4: true
        default: false
        }
    }

    /// The text of a key column if it can be read at all, for tracing a refused row.
    func traceableText(_ position: Int, _ decoder: FieldDecoder) -> String? {
        guard position < fieldCount, let text = try? string(position, decoder: decoder)
        else { return nil }
        let value = trimmed(text)
        return value.isEmpty ? nil : value
    }

    /// Most fields have no padding, so they are returned as they are, without a search.
    private func trimmed(_ text: String) -> String {
        guard text.first?.isWhitespace == true || text.last?.isWhitespace == true else {
            return text
        }
        return text.trimmingCharacters(in: .whitespaces)
    }
}

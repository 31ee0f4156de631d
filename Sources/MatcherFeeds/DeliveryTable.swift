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
struct DeliveryTable {
    let label: String
    let columnIndex: [String: Int]
    let fieldCount: Int
    private let reader: CSVReader
    let decoder: FieldDecoder

    /// Opens `file` of `folder` and reads its header.
    ///
    /// - Parameter columns: every logical column the caller reads, with the header names it
    ///   may have; all of them must be present.
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
            throw FeedError(.unreadable, "cannot read \(label): \(error)", cause: error)
        }
        let header: [String]
        do {
            guard let record = try reader.nextRecord() else {
                throw FeedError(.headerMissingColumn, "\(label) is empty: it has no header row")
            }
            header = try record.strings(decoder: decoder).map(Self.trimmedHeaderName)
        } catch let error as FeedError {
            throw error
        } catch {
            throw FeedError(.encoding, "cannot read the header of \(label): \(error)", cause: error)
        }
        var index: [String: Int] = [:]
        for (column, names) in columns.sorted(by: { $0.key < $1.key }) {
            guard let position = header.firstIndex(where: names.contains) else {
                let expected = names.joined(separator: " or ")
                throw FeedError(
                    .headerMissingColumn,
                    "\(label) has no column \(expected) (for \(column)); its header is "
                        + header.joined(separator: ",")
                )
            }
            index[column] = position
        }
        columnIndex = index
        fieldCount = header.count
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

    /// Calls `take` with every data row; a row it refuses, or one whose shape is wrong, is
    /// added to `refused`. Returns the number of data rows, and checks it and the file's
    /// checksum against `expected`.
    mutating func forEachRow(
        expected: DeliveryManifest.FileEntry,
        refused: inout [RefusedRow],
        _ take: (CSVRecord) throws(RowRefusal) -> Void
    ) throws(FeedError) -> Int {
        var rows = 0
        do {
            while let record = try reader.nextRecord() {
                rows += 1
                if let problem = record.problem {
                    refused.append(
                        RefusedRow(file: label, line: record.line, reason: "\(problem.message)")
                    )
                    continue
                }
                guard record.fieldCount == fieldCount else {
                    refused.append(
                        RefusedRow(
                            file: label,
                            line: record.line,
                            reason: "has \(record.fieldCount) fields, the header has \(fieldCount)"
                        )
                    )
                    continue
                }
                do {
                    try take(record)
                } catch {
                    refused.append(RefusedRow(file: label, line: record.line, reason: error.reason))
                }
            }
        } catch {
            throw FeedError(
                .unreadable,
                "\(label) cannot be read to the end: \(error)",
                cause: error
            )
        }
        guard rows == expected.rows else {
            throw FeedError(
                .rowCountMismatch,
                "\(label) has \(rows) data rows, its manifest says \(expected.rows)"
            )
        }
        let checksum = reader.sha256Hex ?? ""
        guard checksum == expected.sha256.lowercased() else {
            throw FeedError(
                .checksumMismatch,
                "\(label) has sha256 \(checksum), its manifest says \(expected.sha256)"
            )
        }
        return rows
    }
}

/// Why one data row was not used; the message names the column, never its value.
struct RowRefusal: Error {
    var reason: String
}

extension CSVRecord {
    /// The text of `column`, decoded; a decoding failure refuses the row.
    func text(_ position: Int, _ decoder: FieldDecoder, column: String) throws(RowRefusal)
        -> String
    {
        do {
            return try string(position, decoder: decoder)
        } catch {
            throw RowRefusal(reason: "\(column): not valid \(decoder.encoding.rawValue) text")
        }
    }
}

/// How many rows of one delivery file have been read, reported while the file is read.
public struct RowProgress: Sendable, Hashable {
    /// `<source>/<date>/<file>`, e.g. `hrss/2023-05-10/persons.csv`.
    public var file: String
    /// Data rows read so far.
    public var rowsRead: Int
    /// Data rows the manifest promises.
    public var rowsExpected: Int

    /// Creates a report.
    public init(file: String, rowsRead: Int, rowsExpected: Int) {
        self.file = file
        self.rowsRead = rowsRead
        self.rowsExpected = rowsExpected
    }

    /// Rows between two reports: often enough for a display to move several times a second
    /// on a large file, rarely enough to cost nothing next to reading the rows.
    public static let interval = 100_000
}

/// Receives ``RowProgress`` reports: at a file's first row, every ``RowProgress/interval``
/// rows, and once the file is read to the end.
public typealias RowProgressHandler = @Sendable (RowProgress) -> Void

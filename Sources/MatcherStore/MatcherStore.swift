import CSQLite
import Foundation
import MatcherCore

/// The service's memory: applications and their versions, the deliveries each run used,
/// results per application version and run, and runs with their reports.
///
/// Backed by one SQLite file. Everything a run changes is written in one transaction, so a
/// run that is stopped half way leaves the store as it was before the run.
public final class MatcherStore {
    let database: SQLiteConnection

    /// Opens the store at `path`, creating it and its tables when it does not exist yet.
    ///
    /// Several processes may open one new store at once: one creates the tables while the
    /// others wait for it, and all of them then use the same store.
    ///
    /// - Throws: ``StoreError`` with code `unavailable` when the store's folder does not exist,
    ///   `path` is a directory, the file is not an SQLite database, or SQLite cannot open it.
    public init(path: String) throws(StoreError) {
        // SQLite says only "unable to open database file" for these, which names neither
        // the path nor the reason, so they are checked first.
        try Self.checkLocation(path)
        do {
            database = try SQLiteConnection(path: path)
            try StoreSchema.migrate(database)
        } catch {
            throw Self.openError(error, path: path)
        }
    }

    private static func openError(_ error: any Error, path: String) -> StoreError {
        if let failure = error as? SQLiteError, failure.code == SQLITE_NOTADB {
            // SQLite's words would only repeat the message, so they are not kept as the cause.
            let message = "\(path) is not a matcher store (not an SQLite database)"
            return StoreError(.unavailable, message)
        }
        return StoreError(.unavailable, "cannot open the store at \(path)", cause: error)
    }

    /// Checks that the store's folder exists and that `path` is not itself a folder.
    private static func checkLocation(_ path: String) throws(StoreError) {
        // An empty path and `:memory:` are SQLite's private in-memory databases.
        guard !path.isEmpty, path != ":memory:" else { return }
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue else {
                throw StoreError(.unavailable, "\(path) is a directory")
            }
            return
        }
        let folder = Self.folder(of: path)
        guard files.fileExists(atPath: folder, isDirectory: &isDirectory) else {
            throw StoreError(.unavailable, "the folder \(folder) of the store does not exist")
        }
        guard isDirectory.boolValue else {
            throw StoreError(.unavailable, "\(folder), the folder of the store, is not a folder")
        }
    }

    /// The folder part of `path` as the operator wrote it, `.` when there is none.
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = path[..<slash]
        return folder.isEmpty ? "/" : String(folder)
    }

    /// Runs `body` in one transaction, turning SQLite's errors into ``StoreError``.
    func write<T>(_ what: String, _ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try database.transaction(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.writeFailed, "could not \(what)", cause: error)
        }
    }

    /// Runs `body`, turning SQLite's errors into ``StoreError``.
    func read<T>(_ what: String, _ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.readFailed, "could not \(what)", cause: error)
        }
    }
}

/// A store failure: the store could not be opened, read or written.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        case unavailable
        case readFailed
        case writeFailed
        case notFound
    }

    public var code: Code
    public var message: String
    public var cause: (any Error)?

    public init(_ code: Code, _ message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    public var description: String {
        guard let cause else { return message }
        return "\(message): \(cause)"
    }
}

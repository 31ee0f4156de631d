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
    public init(path: String) throws(StoreError) {
        do {
            database = try SQLiteConnection(path: path)
            try StoreSchema.migrate(database)
        } catch let error as SQLiteError {
            throw StoreError(.unavailable, "cannot open the store at \(path)", cause: error)
        } catch {
            throw StoreError(.unavailable, "cannot open the store at \(path)", cause: error)
        }
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

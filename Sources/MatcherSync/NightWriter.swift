import Dispatch
import Foundation
import MatcherStore

/// The store during a run: its one open transaction, on a thread of its own, so that
/// storing the night's versions and results goes on while the deliveries are read and the
/// applications matched.
///
/// Writes are queued and run in the order they were queued; a read waits for the writes
/// queued before it, so it sees them. At most `maximumQueuedWrites` writes wait at once: a
/// caller that would queue more waits for room, which bounds the memory their versions and
/// results hold. A write that fails rolls the transaction back, and every later read and
/// the commit then fail with its error, so a run never commits half of what it did.
final class NightWriter: @unchecked Sendable {
    // Unchecked: `night` and `failure` are read and written only on `queue`, which runs one
    // block at a time, and the store's connection is used only from there while the night
    // is open.
    private let queue = DispatchQueue(label: "enrollment-matcher.store")
    private let room: DispatchSemaphore
    private var night: NightTransaction?
    private var failure: StoreError?

    /// Whether the store held any application, or any current result, when the night
    /// began: when not, nothing needs to be read of it, and no read need wait for writes.
    let heldApplications: Bool
    let heldResults: Bool

    init(store: MatcherStore, runId: Int64, maximumQueuedWrites: Int = 4) throws(SyncError) {
        room = DispatchSemaphore(value: max(1, maximumQueuedWrites))
        let opened = Result { () throws(StoreError) in try store.beginNight(runId: runId) }
        let night = try SyncError.fromStore { () throws(StoreError) in try opened.get() }
        heldApplications = night.heldApplications
        heldResults = night.heldResults
        self.night = night
    }

    /// Queues a write; returns as soon as there is room for it.
    func enqueue(_ write: @escaping @Sendable (NightTransaction) throws(StoreError) -> Void) {
        room.wait()
        queue.async { [self] in
            defer { room.signal() }
            guard failure == nil, let night else { return }
            do throws(StoreError) {
                try write(night)
            } catch {
                failure = error
            }
        }
    }

    /// Runs a read once the writes queued before it are done.
    func read<T>(_ body: (NightTransaction) throws(StoreError) -> T) throws(SyncError) -> T {
        let outcome = queue.sync { () -> Result<T, StoreError> in
            guard let night = openNight() else {
                return .failure(failure ?? Self.closed)
            }
            return Result { () throws(StoreError) in try body(night) }
        }
        return try SyncError.fromStore { () throws(StoreError) in try outcome.get() }
    }

    /// Waits for every queued write, then ends the run and commits all it wrote.
    func commit(_ ending: RunEnding) throws(SyncError) {
        let outcome = queue.sync { () -> Result<Void, StoreError> in
            guard let night = openNight() else {
                return .failure(failure ?? Self.closed)
            }
            defer { self.night = nil }
            return Result { () throws(StoreError) in try night.commit(ending) }
        }
        try SyncError.fromStore { () throws(StoreError) in try outcome.get() }
    }

    /// Waits for every queued write, then undoes everything the run wrote.
    func rollback() {
        queue.sync {
            night?.rollback()
            night = nil
        }
    }

    /// The open transaction, unless a write failed or the night ended; on `queue` only.
    private func openNight() -> NightTransaction? {
        failure == nil ? night : nil
    }

    private static let closed = StoreError(
        .writeFailed,
        "the run's transaction was already closed"
    )
}

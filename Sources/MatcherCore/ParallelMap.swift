import Dispatch
import Foundation

extension RandomAccessCollection where Self: Sendable, Index == Int, Element: Sendable {
    /// The result of `transform` on every element, in order, computed on every core.
    ///
    /// The elements are cut into slices of at least `minimumSlice`, a few per core, so that
    /// a slow slice does not leave the other cores idle; a collection smaller than one slice
    /// is transformed on the calling thread. `transform` must not depend on the order it
    /// is called in.
    public func parallelMap<Result: Sendable>(
        minimumSlice: Int = 512,
        _ transform: @Sendable (Element) -> Result
    ) -> [Result] {
        let total = count
        let sliceCount = Swift.min(
            (total + minimumSlice - 1) / Swift.max(minimumSlice, 1),
            Self.workerCount * 4
        )
        guard sliceCount > 1 else {
            return map(transform)
        }
        let first = startIndex
        return [Result](unsafeUninitializedCapacity: total) { buffer, initialized in
            // Each slice writes only its own range of the buffer, so no two threads touch
            // the same element; the buffer is complete once `concurrentPerform` returns.
            // More than one slice means at least two elements, so the buffer has memory.
            guard let start = buffer.baseAddress else { return }
            nonisolated(unsafe) let output = start
            let elements = self
            DispatchQueue.concurrentPerform(iterations: sliceCount) { slice in
                let lower = total * slice / sliceCount
                let upper = total * (slice + 1) / sliceCount
                for offset in lower..<upper {
                    (output + offset).initialize(to: transform(elements[first + offset]))
                }
            }
            initialized = total
        }
    }

    /// The elements in consecutive slices of `size` (the last may be shorter).
    public func slices(of size: Int) -> [SubSequence] {
        stride(from: startIndex, to: endIndex, by: Swift.max(size, 1)).map { lower in
            self[lower..<Swift.min(lower + size, endIndex)]
        }
    }

    /// How many threads parallel work uses: one per active core.
    static var workerCount: Int {
        Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)
    }
}

import Dispatch
import Foundation

/// Splits large loops across the machine's cores. Small work stays on the calling thread: a
/// dispatch costs microseconds, more than a small elementwise op takes.
@usableFromInline
enum Parallel {
    /// Cores this process may use.
    @usableFromInline
    static let coreCount = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Calls `body` on disjoint ranges covering `0..<count`, in parallel when each range gets
    /// at least `minimumPerChunk` items.
    @inlinable
    static func forEachChunk(count: Int, minimumPerChunk: Int, _ body: (Range<Int>) -> Void) {
        let chunks = Swift.min(coreCount, count / Swift.max(1, minimumPerChunk))
        if chunks <= 1 {
            body(0..<count)
            return
        }
        let size = (count + chunks - 1) / chunks
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let start = c * size
            let end = Swift.min(count, start + size)
            if start < end { body(start..<end) }
        }
    }

    /// Elementwise ops below this many elements run on one thread.
    @usableFromInline
    static let elementwiseGrain = 1 << 17
}

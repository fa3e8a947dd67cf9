import Dispatch
import Foundation
import Synchronization
internal import CNeuronaKernels

/// Splits large loops across the machine's cores. Small work stays on the calling thread: a
/// dispatch costs microseconds, more than a small elementwise op takes.
@usableFromInline
package enum Parallel {
    /// Cores this process may use: the CPUs of its affinity mask when it has one (`taskset`,
    /// `mpirun --bind-to core`: a rank bound to one core runs its loops on one thread instead
    /// of two threads fighting over that core), else the active processors.
    @usableFromInline
    package static let coreCount: Int = {
        let active = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)
        // Linux: the affinity mask's hex words ("Cpus_allowed:\t3" or "ffffffff,ffffffff").
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") }) {
            let words = line.dropFirst("Cpus_allowed:".count).split(separator: ",")
            let allowed = words.reduce(0) { $0 + (UInt64($1.trimmingCharacters(in: .whitespaces), radix: 16)?.nonzeroBitCount ?? 0) }
            if allowed > 0 { return Swift.min(active, allowed) }
        }
        return active
    }()

    /// The second thread a training loop shares its steps with (see ``CompanionThread``): one per
    /// process, like Dispatch's pool, and only started when a task is first posted to it.
    package static let companion = CompanionThread()

    /// Calls `body` on disjoint ranges covering `0..<count`, in parallel when each range gets
    /// at least `minimumPerChunk` items. Every range runs under the caller's floating-point
    /// control (flush-to-zero), whichever thread runs it.
    @usableFromInline
    static func forEachChunk(count: Int, minimumPerChunk: Int, _ body: (Range<Int>) -> Void) {
        let chunks = Swift.min(coreCount, count / Swift.max(1, minimumPerChunk))
        if chunks <= 1 {
            body(0..<count)
            return
        }
        let size = (count + chunks - 1) / chunks
        // Two chunks and an awake companion: no thread to wake.
        if chunks == 2 && companion.isAwake && splitWithCompanion(count: count, at: size, body) { return }
        let control = neurona_floating_point_control()
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let start = c * size
            let end = Swift.min(count, start + size)
            guard start < end else { return }
            let own = neurona_floating_point_control()
            neurona_set_floating_point_control(control)
            body(start..<end)
            neurona_set_floating_point_control(own)
        }
    }

    /// Calls `body` on pieces covering `0..<count`, shared between the calling thread and the
    /// companion thread, when the companion is awake and `count` is at least twice
    /// `minimumPerThread`; otherwise calls `body(0..<count)` on the calling thread. Unlike
    /// ``forEachChunk(count:minimumPerChunk:_:)`` it never wakes a parked thread: it is for work
    /// done once per training step (an optimizer's update), where a wake-up costs more than the
    /// half it saves. The pieces are small (a quarter of `minimumPerThread`) and each thread takes
    /// the next one free, so that a companion that loses its core to another program holds up at
    /// most one piece.
    package static func shareWithCompanionIfAwake(count: Int, minimumPerThread: Int, _ body: (Range<Int>) -> Void) {
        let minimum = Swift.max(1, minimumPerThread)
        guard coreCount >= 2 && count >= 2 * minimum && companion.isAwake else {
            body(0..<count)
            return
        }
        let piece = Swift.max(1, minimum / 4)
        let pieces = (count + piece - 1) / piece
        let counter = PieceCounter()
        withoutActuallyEscaping(body) { body in
            let takePieces = {
                while true {
                    let p = counter.next.wrappingAdd(1, ordering: .relaxed).oldValue
                    if p >= pieces { return }
                    body(p * piece ..< Swift.min(count, (p + 1) * piece))
                }
            }
            let ticket = companion.post(takePieces)
            takePieces()
            ticket?.wait()
        }
    }

    /// The next piece to take, shared by the threads of ``shareWithCompanionIfAwake(count:minimumPerThread:_:)``.
    private final class PieceCounter: Sendable {
        let next = Atomic<Int>(0)
    }

    /// `body(split..<count)` on the companion and `body(0..<split)` here; false (and nothing run)
    /// when the companion already has a task.
    private static func splitWithCompanion(count: Int, at split: Int, _ body: (Range<Int>) -> Void) -> Bool {
        withoutActuallyEscaping(body) { body in
            guard let ticket = companion.post({ body(split..<count) }) else { return false }
            body(0..<split)
            ticket.wait()
            return true
        }
    }

    /// Elementwise ops below this many elements run on one thread.
    @usableFromInline
    static let elementwiseGrain = 1 << 17
}

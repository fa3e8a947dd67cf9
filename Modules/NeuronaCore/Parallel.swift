import Dispatch
import Foundation
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

    /// The second thread a training loop hands work to between its steps (see
    /// ``CompanionThread``): one per process, like Dispatch's pool, and only started when a task is
    /// first posted to it.
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

    /// Elementwise ops below this many elements run on one thread.
    @usableFromInline
    static let elementwiseGrain = 1 << 17
}

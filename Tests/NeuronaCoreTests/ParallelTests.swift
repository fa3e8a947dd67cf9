@testable import NeuronaCore
import Foundation
import Testing
import _NeuronaTestSupport

/// Parallel loops give the bits a single thread gives: every range is covered once, and every
/// range runs under the caller's floating-point control (flush-to-zero), whichever thread runs it.
@Suite(.serialized) struct ParallelTests {
    @Test func chunksCoverEveryIndexOnceUnderTheCallersFlushToZero() {
        let before = FloatingPointEnvironment.flushesDenormalsToZero
        defer { FloatingPointEnvironment.setFlushDenormalsToZero(before) }
        let count = 1 << 18
        for flush in [false, true, false, true] {
            FloatingPointEnvironment.setFlushDenormalsToZero(flush)
            var products = [Float](repeating: -1, count: count)
            let tiny = Float.leastNormalMagnitude
            // Let the companion park, so that the chunks go to Dispatch's threads.
            for _ in 0..<200 where Parallel.companion.isAwake { usleep(1_000) }
            products.withUnsafeMutableBufferPointer { out in
                let out = out
                Parallel.forEachChunk(count: count, minimumPerChunk: count / 2) { range in
                    for i in range { out[i] = tiny * Float(i % 3 + 1) * 0.125 }
                    usleep(20_000)   // long enough that a second thread takes the other chunk
                }
            }
            // Flushed: every product is zero, on every thread. Not flushed: every one subnormal.
            // (Bit patterns: with denormals-are-zero on, a subnormal compares equal to zero.)
            let zeros = products.filter { $0.bitPattern == 0 }.count
            expectEqual(zeros, (flush ? count : 0))
        }
    }
}

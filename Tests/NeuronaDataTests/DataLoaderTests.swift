import Foundation
import NeuronaCore
import NeuronaData
import Testing
import _NeuronaTestSupport

struct DataLoaderTests {
    static func dataset(_ n: Int) throws -> TensorDataset {
        try TensorDataset(inputs: Tensor.arange(n).reshaped([n, 1]), targets: Tensor.arange(n, dtype: .int64))
    }

    @Test func everyExampleOncePerEpochInSeededOrder() throws {
        var loader = try DataLoader(Self.dataset(10), batchSize: 4, shuffle: true, seed: 3)
        expectEqual(loader.batchCount, 3)
        let first = loader.epoch().map { $0.targets.scalars(as: Int64.self) }
        expectEqual(first.map(\.count), [4, 4, 2])
        expectEqual(first.flatMap { $0 }.sorted(), Array(0..<10))
        let second = loader.epoch().flatMap { $0.targets.scalars(as: Int64.self) }
        #expect(second != first.flatMap { $0 })   // reshuffled
        var again = try DataLoader(Self.dataset(10), batchSize: 4, shuffle: true, seed: 3)
        expectEqual(again.epoch().flatMap { $0.targets.scalars(as: Int64.self) }, first.flatMap { $0 })
        // Inputs and targets stay paired.
        for (x, y) in again.epoch() { expectEqual(x.reshaped([-1]).doubles, y.doubles) }
    }

    @Test func dropLastAndNoShuffle() throws {
        var loader = try DataLoader(Self.dataset(10), batchSize: 4, dropLast: true)
        expectEqual(loader.batchCount, 2)
        expectEqual(loader.epoch().flatMap { $0.targets.scalars(as: Int64.self) }, Array(0..<8))
    }

    @Test func mismatchedCountsThrow() {
        #expect(throws: DataError.self) {
            _ = try TensorDataset(inputs: Tensor.zeros([3, 2]), targets: Tensor.zeros([4]))
        }
    }

    @Test func gatheringInTheBackgroundGivesTheSameBatches() throws {
        let n = 1_000
        let dataset = try TensorDataset(inputs: Tensor.arange(n * 3).reshaped([n, 3]), targets: Tensor.arange(n, dtype: .int64))
        #expect(dataset.canBatchInBackground)
        var background = try DataLoader(dataset, batchSize: 7, shuffle: true, seed: 5)
        var alone = try DataLoader(dataset, batchSize: 7, shuffle: true, seed: 5)
        alone.gathersInBackground = false
        for _ in 0..<2 {
            var a = background.epoch(), b = alone.epoch()
            var batches = 0
            while let (x, y) = a.next() {
                let other = b.next()
                let (x2, y2) = try #require(other)
                #expect(x == x2 && y == y2)
                expectEqual(a.batchIndices, b.batchIndices)
                let rows: [Double] = a.batchIndices.doubles.flatMap { (i: Double) -> [Double] in [3 * i, 3 * i + 1, 3 * i + 2] }
                expectEqual(x.reshaped([-1]).doubles, rows)
                batches += 1
            }
            #expect(b.next() == nil)
            expectEqual(batches, background.batchCount)
        }
    }

    /// A data set that records the thread of each batch.
    struct RecordingDataset: Dataset {
        let base: TensorDataset
        let allowsBackground: Bool
        let threads = ThreadLog()
        var count: Int { base.count }
        var canBatchInBackground: Bool { allowsBackground }
        func batch(_ indices: Tensor) -> (inputs: Tensor, targets: Tensor) {
            threads.record()
            return base.batch(indices)
        }
    }

    final class ThreadLog: @unchecked Sendable {
        private let lock = NSLock()
        private var threads: [pthread_t] = []
        func record() { lock.withLock { threads.append(pthread_self()) } }
        var all: [pthread_t] { lock.withLock { threads } }
    }

    @Test func aDataSetThatDoesNotAllowItIsReadOnlyOnTheCallingThread() throws {
        let dataset = RecordingDataset(base: try Self.dataset(100), allowsBackground: false)
        var loader = try DataLoader(dataset, batchSize: 8, shuffle: true, seed: 1)
        #expect(loader.gathersInBackground)
        let targets = loader.epoch().flatMap { $0.targets.scalars(as: Int64.self) }
        expectEqual(targets.sorted(), Array(0..<100))
        let caller = pthread_self()
        expectEqual(dataset.threads.all.count, loader.batchCount)
        #expect(dataset.threads.all.allSatisfy { pthread_equal($0, caller) != 0 })
    }

    @Test func aDataSetThatAllowsItGivesTheSameBatchesInTheSameOrder() throws {
        let dataset = RecordingDataset(base: try Self.dataset(100), allowsBackground: true)
        var loader = try DataLoader(dataset, batchSize: 8, shuffle: true, seed: 1)
        var reference = try DataLoader(try Self.dataset(100), batchSize: 8, shuffle: true, seed: 1)
        reference.gathersInBackground = false
        let targets = loader.epoch().flatMap { $0.targets.scalars(as: Int64.self) }
        expectEqual(targets, reference.epoch().flatMap { $0.targets.scalars(as: Int64.self) })
        // Each batch gathered at least once; a second time only when the caller would otherwise
        // have waited for the companion (never for the first batch, gathered by the caller).
        let gathers = dataset.threads.all.count
        #expect(gathers >= loader.batchCount && gathers < 2 * loader.batchCount)
    }
}

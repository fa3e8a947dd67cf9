import Foundation
import NeuronaCore
import NeuronaData
import Testing
import _NeuronaTestSupport

/// A data set that draws random numbers (an augmentation) gets them from the generator the
/// loader gives each batch: the same seed gives the same batches, bit for bit, in the
/// background or not, and the shuffles are the ones a plain data set gets.
struct AugmentingDatasetTests {
    /// Inputs 0..<n with uniform noise from the batch's generator.
    struct NoisyDataset: Dataset {
        let base: TensorDataset
        var count: Int { base.count }
        var canBatchInBackground: Bool { true }
        func batch(_ indices: Tensor) -> (inputs: Tensor, targets: Tensor) { base.batch(indices) }
        func batch(_ indices: Tensor, using generator: inout RandomGenerator) -> (inputs: Tensor, targets: Tensor) {
            let (x, y) = base.batch(indices)
            return (x + Tensor.uniform(x.shape, dtype: x.dtype, using: &generator), y)
        }
    }

    static func noisy(_ n: Int) throws -> NoisyDataset {
        NoisyDataset(base: try TensorDataset(inputs: Tensor.arange(n, dtype: .float64).reshaped([n, 1]), targets: Tensor.arange(n, dtype: .int64)))
    }

    static func epochs(_ loader: inout DataLoader, _ count: Int) -> [[Double]] {
        (0..<count).map { _ in loader.epoch().flatMap { $0.inputs.doubles } }
    }

    @Test func theSameSeedGivesTheSameBatchesInTheBackgroundOrNot() throws {
        var background = try DataLoader(Self.noisy(40), batchSize: 8, shuffle: true, seed: 5)
        var caller = try DataLoader(Self.noisy(40), batchSize: 8, shuffle: true, seed: 5)
        caller.gathersInBackground = false
        let (a, b) = (Self.epochs(&background, 3), Self.epochs(&caller, 3))
        expectEqual(a, b)
        #expect(a[0] != a[1], "each epoch draws new noise")
        var other = try DataLoader(Self.noisy(40), batchSize: 8, shuffle: true, seed: 6)
        #expect(Self.epochs(&other, 1)[0] != a[0])
    }

    /// The noise changes no shuffle: the order is the one a plain data set gets from the seed,
    /// and an epoch that does not shuffle still draws new noise.
    @Test func drawsChangeNoShuffle() throws {
        var noisy = try DataLoader(Self.noisy(30), batchSize: 7, shuffle: true, seed: 2)
        var plain = try DataLoader(try TensorDataset(inputs: Tensor.zeros([30, 1]), targets: Tensor.arange(30, dtype: .int64)),
                                   batchSize: 7, shuffle: true, seed: 2)
        for _ in 0..<2 {
            let (x, y) = (noisy.epoch().map { $0 }, plain.epoch().map { $0 })
            expectEqual(x.flatMap { $0.targets.scalars(as: Int64.self) }, y.flatMap { $0.targets.scalars(as: Int64.self) })
            // Each input is its index plus noise in [0, 1).
            for batch in x {
                for (input, index) in zip(batch.inputs.doubles, batch.targets.scalars(as: Int64.self)) {
                    #expect(input >= Double(index) && input < Double(index) + 1)
                }
            }
        }
        var ordered = try DataLoader(Self.noisy(10), batchSize: 5)
        let epochs = Self.epochs(&ordered, 2)
        #expect(epochs[0] != epochs[1])
    }
}

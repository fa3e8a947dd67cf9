import NeuronaCore
import NeuronaDistributed
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers
import NeuronaTraining
import Testing

/// `DataParallel` on a world of one trains exactly as `fit` without a strategy; its shard rule
/// splits batches the same way on every rank. (Two ranks: Tests/DistributedChecks.)
@Suite struct DataParallelTests {
    func model() throws -> Model {
        let model = Model(try Sequential([Dense(units: 8, activation: .relu), Dense(units: 2, activation: .softmax)],
                                         inputShape: [4], seed: 3), seed: 5)
        model.compile(optimizer: Adam(learningRate: 0.01), loss: SparseCategoricalCrossentropy())
        return model
    }

    @Test func aWorldOfOneTrainsBitForBitLikePlainFit() throws {
        var generator = RandomGenerator(seed: 1)
        let x = Tensor.normal([50, 4], using: &generator)
        let y = Tensor((0..<50).map { Int64($0 % 2) }, shape: [50])
        let plain = try model(), parallel = try model()
        let a = try plain.fit(x: x, y: y, epochs: 3, batchSize: 8, verbose: .silent)
        let b = try parallel.fit(x: x, y: y, epochs: 3, batchSize: 8, verbose: .silent,
                                 strategy: DataParallel(try Distributed.initialize()))
        #expect(a == b.droppingSeconds(like: a))
        for (name, weight) in plain.network.weights() {
            #expect(parallel.network.weights()[name]! == weight, "\(name)")
        }
    }

    @Test func shardsAreContiguousDisjointAndCoverTheBatch() throws {
        let strategy = DataParallel(try Distributed.initialize())
        #expect(strategy.shard(examples: 32) == 0..<32)
        #expect(strategy.isPrimary)
    }
}

extension History {
    /// This history with `other`'s wall-clock seconds (the only values two runs may not share).
    func droppingSeconds(like other: History) -> History {
        var copy = self
        copy.values["seconds"] = other.values["seconds"]
        return copy
    }
}

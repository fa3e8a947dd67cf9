import NeuronaAutograd
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

    /// A replaced training step runs under the strategy too (the strategy wraps the step, not the
    /// loop): a two-loss step on a world of one gives plain fit's bits and logs both losses.
    @Test func aReplacedStepTrainsUnderTheStrategy() throws {
        final class TwoLoss: Model {
            override func trainStep(_ batch: TrainingBatch) throws -> [String: Double] {
                guard !batch.isEmpty else { return ["loss": try applyGradients(of: nil)] }
                let output = network(Variable(batch.x))
                let penalty = (output * output).mean() * 0.1
                let total = try applyGradients(of: loss!(output, batch.y) + penalty)
                updateMetrics(predictions: output.value, targets: batch.y)
                return ["loss": total, "penalty": penalty.value.item]
            }
        }
        func twoLoss() throws -> TwoLoss {
            let model = TwoLoss(try Sequential([Dense(units: 8, activation: .relu), Dense(units: 2, activation: .softmax)],
                                               inputShape: [4], seed: 3), seed: 5)
            try model.compile(optimizer: Adam(learningRate: 0.01), loss: SparseCategoricalCrossentropy(), metrics: ["accuracy"])
            return model
        }
        var generator = RandomGenerator(seed: 2)
        let x = Tensor.normal([30, 4], using: &generator)
        let y = Tensor((0..<30).map { Int64($0 % 2) }, shape: [30])
        let plain = try twoLoss(), parallel = try twoLoss()
        let a = try plain.fit(x: x, y: y, epochs: 2, batchSize: 8, verbose: 0)
        let b = try parallel.fit(x: x, y: y, epochs: 2, batchSize: 8, verbose: 0, strategy: DataParallel(try Distributed.initialize()))
        #expect(a == b.droppingSeconds(like: a))
        #expect(Set(a.values.keys) == ["loss", "penalty", "accuracy", "seconds"])
        #expect(plain.network.weights() == parallel.network.weights())
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

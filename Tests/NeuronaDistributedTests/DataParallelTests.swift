import NeuronaAutograd
import NeuronaCore
import NeuronaDistributed
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers
import NeuronaTraining
import Testing
import _NeuronaTestSupport

/// `DataParallel` on a world of one trains exactly as `fit` without a strategy; its shard rule
/// splits batches the same way on every rank. (Two ranks: Tests/DistributedChecks.)
@Suite struct DataParallelTests {
    func model() throws -> Model {
        let model = Model(try Sequential([Dense(units: 8, activation: .relu), Dense(units: 2, activation: .softmax)],
                                         inputShape: [4], seed: 3), seed: 5)
        model.compile(optimizer: Adam(learningRate: 0.01), loss: SparseCategoricalCrossentropy())
        return model
    }

    /// Either reduction on a world of one. The ordered sum with micro-shards as large as the
    /// batch makes one pass per batch, a tree of one leaf scaled by 1: plain fit's arithmetic
    /// too (50 examples in 8s: the last batch of 2 is a micro-shard of its own).
    @Test(arguments: [GradientReduction.fast, .ordered(microShard: 8)])
    func aWorldOfOneTrainsBitForBitLikePlainFit(reduction: GradientReduction) throws {
        var generator = RandomGenerator(seed: 1)
        let x = Tensor.normal([50, 4], using: &generator)
        let y = Tensor((0..<50).map { Int64($0 % 2) }, shape: [50])
        let plain = try model(), parallel = try model()
        let a = try plain.fit(x: x, y: y, epochs: 3, batchSize: 8, verbose: .silent)
        let b = try parallel.fit(x: x, y: y, epochs: 3, batchSize: 8, verbose: .silent,
                                 strategy: DataParallel(try Distributed.initialize(), reduction: reduction))
        expectEqual(a, b.droppingSeconds(like: a))
        for (name, weight) in plain.network.weights() {
            expectEqual(parallel.network.weights()[name]!, weight, "\(name)")
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
        expectEqual(a, b.droppingSeconds(like: a))
        expectEqual(Set(a.values.keys), ["loss", "penalty", "accuracy", "seconds"])
        expectEqual(plain.network.weights(), parallel.network.weights())
    }

    /// Micro-shards of 4 in batches of 16: four passes summed in the tree give the gradient of
    /// the batch's mean loss, up to rounding. Bound, as Tests/DistributedChecks derives it: plain
    /// fit's float32 weights lie `r` = max|w32 − w64| from the same training in float64; the
    /// ordered run makes as many roundings in another order, so it lies about as far, and the
    /// two differ by at most 2r (4r allowed). A wrong share (a micro-shard's gradient unscaled:
    /// 4× the step) moves weights by whole SGD steps, orders of magnitude above.
    @Test func orderedSumsTheBatchsGradient() throws {
        var generator = RandomGenerator(seed: 2)
        let x = Tensor.normal([56, 4], using: &generator)
        let y = Tensor((0..<56).map { Int64($0 % 2) }, shape: [56])
        func sgdModel() throws -> Model {
            let model = Model(try Sequential([Dense(units: 8, activation: .relu), Dense(units: 2, activation: .softmax)],
                                             inputShape: [4], seed: 3), seed: 5)
            model.compile(optimizer: SGD(learningRate: 0.5), loss: SparseCategoricalCrossentropy())
            return model
        }
        let plain = try sgdModel(), ordered = try sgdModel(), precise = try sgdModel()
        try plain.fit(x: x, y: y, epochs: 4, batchSize: 16, verbose: .silent)
        precise.network.convertParameters(to: .float64)
        try precise.fit(x: x.converted(to: .float64), y: y, epochs: 4, batchSize: 16, verbose: .silent)
        let strategy = DataParallel(try Distributed.initialize(), reduction: .ordered(microShard: 4))
        try ordered.fit(x: x, y: y, epochs: 4, batchSize: 16, verbose: .silent, strategy: strategy)
        func largestDifference(_ a: Model, _ b: Model) -> Double {
            a.network.weights().map { name, weight in
                zip(weight.doubles, b.network.weights()[name]!.doubles).map { abs($0 - $1) }.max()!
            }.max()!
        }
        let rounding = largestDifference(plain, precise)
        #expect(largestDifference(plain, ordered) <= 4 * rounding, "max |Δw| \(largestDifference(plain, ordered)), r = \(rounding)")
        expectEqual(strategy.reduction, .ordered(microShard: 4))
        expectEqual(strategy.shard(examples: 16), 0..<16)
    }

    /// The ordered sum runs the step once per micro-shard and sums one update per batch: a step
    /// with two updates is a typed error that says what to use instead.
    @Test func orderedRefusesAStepWithTwoUpdates() throws {
        final class TwoUpdates: Model {
            override func trainStep(_ batch: TrainingBatch) throws -> [String: Double] {
                let output = network(Variable(batch.x))
                try applyGradients(of: loss!(output, batch.y))
                return ["loss": try applyGradients(of: loss!(network(Variable(batch.x)), batch.y))]
            }
        }
        let model = TwoUpdates(try Sequential([Dense(units: 2, activation: .softmax)], inputShape: [4], seed: 3), seed: 5)
        model.compile(optimizer: SGD(learningRate: 0.1), loss: SparseCategoricalCrossentropy())
        let x = Tensor.zeros([16, 4]), y = Tensor((0..<16).map { Int64($0 % 2) }, shape: [16])
        do {
            try model.fit(x: x, y: y, epochs: 1, batchSize: 16, verbose: .silent,
                          strategy: DataParallel(try Distributed.initialize(), reduction: .ordered))
            Issue.record("fit trained a step with two updates under the ordered sum")
        } catch let error as DistributedError {
            #expect(error.description.hasPrefix("DataParallel(reduction: .ordered(microShard: 8)): the training step called applyGradients twice"))
            #expect(error.description.contains("use reduction: .fast"))
        }
    }

    @Test func reductionsSayWhatTheyAre() {
        expectEqual(GradientReduction.fast.description, "fast")
        expectEqual(GradientReduction.ordered.description, "ordered(microShard: 8)")
        expectEqual(GradientReduction.ordered.microShard, GradientReduction.defaultMicroShard)
        expectEqual(DataParallel(try! Distributed.initialize()).reduction, .fast)
    }

    @Test func shardsAreContiguousDisjointAndCoverTheBatch() throws {
        let strategy = DataParallel(try Distributed.initialize())
        expectEqual(strategy.shard(examples: 32), 0..<32)
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

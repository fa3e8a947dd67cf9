import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers
import NeuronaTraining
import Testing
import _NeuronaTestSupport

/// The step built in, written out with the public helpers: what a user's override starts from.
final class WrittenOutStepModel: Model {
    override func trainStep(_ batch: TrainingBatch) throws -> [String: Double] {
        let output = network(Variable(batch.x))
        let value = try applyGradients(of: loss!(output, batch.y))
        updateMetrics(predictions: output.value, targets: batch.y)
        return ["loss": value]
    }
}

/// Two losses: the compiled one plus `weight` times the mean square of the outputs (a penalty
/// pulling the logits towards 0), trained on their sum, each logged.
final class TwoLossModel: Model {
    let weight = 0.05
    override func trainStep(_ batch: TrainingBatch) throws -> [String: Double] {
        let output = network(Variable(batch.x))
        let fit = loss!(output, batch.y)
        let penalty = (output * output).mean() * weight
        let total = try applyGradients(of: fit + penalty)
        updateMetrics(predictions: output.value, targets: batch.y)
        return ["loss": total, "fit": fit.value.item, "penalty": penalty.value.item]
    }

    override func testStep(_ batch: TrainingBatch) throws -> [String: Double] {
        var logs = try super.testStep(batch)
        let output = network(Variable(batch.x))
        logs["penalty"] = ((output * output).mean() * weight).value.item
        return logs
    }
}

struct TrainStepTests {
    private func network(seed: UInt64 = 7) throws -> Sequential {
        try Sequential([Dense(units: 8, activation: .relu), Dense(units: 3)], inputShape: [4], seed: seed)
    }

    /// The built-in step and the same step written with the public helpers: the same bits in
    /// every logged value and every weight (the seam adds nothing to the arithmetic).
    @Test func aStepWrittenWithTheHelpersGivesTheBuiltInBits() throws {
        let (x, y) = blobs(100)
        let builtIn = Model(try network(), seed: 3)
        let written = WrittenOutStepModel(try network(), seed: 3)
        for model in [builtIn, written] {
            try model.compile(optimizer: Adam(learningRate: 0.01), loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
        }
        let a = try builtIn.fit(x: x, y: y, epochs: 3, batchSize: 16, validationSplit: 0.2, verbose: 0)
        let b = try written.fit(x: x, y: y, epochs: 3, batchSize: 16, validationSplit: 0.2, verbose: 0)
        for key in ["loss", "accuracy", "val_loss", "val_accuracy"] { expectEqual(a[key], b[key], "\(key)") }
        expectEqual(builtIn.network.weights(), written.network.weights())
    }

    /// A two-loss step: the weights are those of a hand-written loop on the sum, and each loss is
    /// logged as the mean over the epoch's examples (batches of 16, 16 and 8: weighted by size).
    @Test func aTwoLossStepTrainsOnTheSumAndLogsEachLoss() throws {
        let (x, y) = blobs(40)
        let model = TwoLossModel(try network(), seed: 1)
        model.compile(optimizer: SGD(learningRate: 0.1), loss: SparseCategoricalCrossentropy(fromLogits: true))
        var batchLogs: [[String: Double]] = []
        let history = try model.fit(x: x, y: y, epochs: 1, batchSize: 16, shuffle: false,
                                    callbacks: [LambdaCallback(onBatchEnd: { _, logs in batchLogs.append(logs) })], verbose: 0)

        // The same arithmetic without fit: forward, the sum of both losses, backward, SGD.
        let reference = try network()
        let sgd = SGD(learningRate: 0.1), crossEntropy = SparseCategoricalCrossentropy(fromLogits: true)
        var fits: [Double] = [], penalties: [Double] = [], sizes: [Double] = []
        for start in stride(from: 0, to: 40, by: 16) {
            let end = min(start + 16, 40)
            let output = reference(Variable(x.slice(axis: 0, start: start, end: end)))
            let fit = crossEntropy(output, y.slice(axis: 0, start: start, end: end))
            let penalty = (output * output).mean() * 0.05
            try (fit + penalty).backward()
            sgd.step(reference.namedParameters())
            sgd.zeroGrad(reference.namedParameters())
            fits.append(fit.value.item); penalties.append(penalty.value.item); sizes.append(Double(end - start))
        }
        expectEqual(model.network.weights(), reference.weights())
        #expect(batchLogs.map { $0["fit"]! } == fits && batchLogs.map { $0["penalty"]! } == penalties)
        // (16·p₁ + 16·p₂ + 8·p₃) / 40, summed in that order as fit does.
        let meanPenalty = (penalties[0] * sizes[0] + penalties[1] * sizes[1] + penalties[2] * sizes[2]) / 40
        expectEqual(history["penalty"], [meanPenalty])
        expectEqual(Set(history.values.keys), ["loss", "fit", "penalty", "seconds"])

        let scores = try model.evaluate(x: x, y: y)
        #expect(scores.names == ["loss", "penalty"] && scores["penalty"]! > 0)
    }

    /// `predict` goes through `predictStep`.
    @Test func predictUsesThePredictStep() throws {
        final class Doubled: Model {
            override func predictStep(_ x: Tensor) throws -> Tensor { try super.predictStep(x) * 2 }
        }
        let model = Doubled(try network())
        let plain = Model(model.network)
        let x = blobs(10).x
        try expectEqual(model.predict(x, batchSize: 4), plain.predict(x, batchSize: 4) * 2)
    }

    /// A NaN in a replaced step's loss is caught by the same checks as the built-in step's.
    @Test func aReplacedStepKeepsTheNaNChecks() throws {
        final class NaNAtBatch2: Model {
            var batch = 0
            override func trainStep(_ batch: TrainingBatch) throws -> [String: Double] {
                self.batch += 1
                let output = network(Variable(batch.x))
                let value = loss!(output, batch.y) * (self.batch == 2 ? Double.nan : 1)
                return ["loss": try applyGradients(of: value)]
            }
        }
        let (x, y) = blobs(48)
        let model = NaNAtBatch2(try network())
        try model.compile(optimizer: "sgd", loss: SparseCategoricalCrossentropy(fromLogits: true))
        #expect(throws: TrainingError.nonFinite(epoch: 1, batch: 2, what: "the loss")) {
            try model.fit(x: x, y: y, epochs: 1, batchSize: 16, verbose: 0, stopOnNonFinite: true)
        }
    }

    /// `fit`, `evaluate` and `predict` on a graph of two inputs throw, naming them (they used to
    /// stop the process inside the graph).
    @Test func aTwoInputGraphThrowsATrainingError() throws {
        let graph = try Graph(inputs: [.init(name: "a", shape: [2]), .init(name: "b", shape: [2])],
                              nodes: [.init(name: "sum", layer: Add(), inputs: ["a", "b"]),
                                      .init(name: "out", layer: Dense(units: 1), inputs: ["sum"])],
                              output: "out")
        let model = Model(graph)
        try model.compile(optimizer: "sgd", loss: "mse")
        let x = Tensor.zeros([4, 2]), y = Tensor.zeros([4, 1])
        let error = TrainingError.multipleInputs(names: ["a", "b"], what: "fit")
        #expect(throws: error) { try model.fit(x: x, y: y, verbose: 0) }
        #expect(throws: TrainingError.multipleInputs(names: ["a", "b"], what: "predict")) { try model.predict(x) }
        #expect(error.description.contains("fit(x: [\"a\": …, \"b\": …], …)"))
    }
}

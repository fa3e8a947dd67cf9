import NeuronaCore
import NeuronaData
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers
@testable import NeuronaTraining
import Testing
import _NeuronaTestSupport

/// NaN and infinity stopped before the optimizer writes them into the weights.
struct NonFiniteTests {
    /// Records the weights after every batch.
    final class WeightRecorder: Callback {
        var weights: [[String: Tensor]] = []
        override func onBatchEnd(_ batch: Int, logs: [String: Double]) throws { weights.append(model.network.weights()) }
    }

    /// Four examples, one per batch, the third holding a NaN.
    private func data() -> (x: Tensor, y: Tensor) {
        (Tensor([[1, 2], [0.5, -1], [.nan, 1], [2, 0]], dtype: .float64), Tensor([0, 1, 1, 0], dtype: .int64))
    }

    private func model(_ activation: ActivationFunction) throws -> Model {
        let model = Model(try Sequential([Dense(units: 4, activation: activation), Dense(units: 2)], inputShape: [2], seed: 2))
        model.compile(optimizer: SGD(learningRate: 0.1), loss: SparseCategoricalCrossentropy(fromLogits: true))
        return model
    }

    @Test(arguments: [ActivationFunction.relu, .tanh])
    func terminateOnNaNKeepsTheLastFiniteWeights(activation: ActivationFunction) throws {
        let (x, y) = data()
        let model = try model(activation)
        let recorder = WeightRecorder()
        let guardian = TerminateOnNaN(printsMessage: false)
        let history = try model.fit(x: x, y: y, epochs: 3, batchSize: 1, shuffle: false, callbacks: [recorder, guardian], verbose: .silent)
        #expect(guardian.triggered && guardian.stoppedAt?.epoch == 1 && guardian.stoppedAt?.batch == 3)
        expectEqual(recorder.weights.count, 2)
        expectEqual(model.network.weights(), recorder.weights[1])           // batch 3's update never happened
        #expect(model.network.weights().values.allSatisfy { NonFiniteCheck.isFinite($0) })
        #expect(history.epochs == [1] && history["loss"][0].isFinite)    // the mean of the two finite batches
    }

    @Test func theFitOptionThrowsNamingTheEpochAndBatch() throws {
        let (x, y) = data()
        let model = try model(.tanh)
        do {
            try model.fit(x: x, y: y, epochs: 2, batchSize: 1, shuffle: false, verbose: .silent, stopOnNonFinite: true)
            Issue.record("fit went on past a NaN")
        } catch TrainingError.nonFinite(let epoch, let batch, let what) {
            #expect(epoch == 1 && batch == 3 && what == "the loss")
            #expect("\(TrainingError.nonFinite(epoch: epoch, batch: batch, what: what))"
                    == "epoch 1, batch 3: the loss is NaN or infinite; training stopped before the update, the weights are the last finite ones")
        }
        #expect(model.network.weights().values.allSatisfy { NonFiniteCheck.isFinite($0) })
    }

    @Test func aNonFiniteGradientWithAFiniteLossIsCaught() throws {
        // An input of −inf through a ReLU that is off for it: the loss is finite, (0 − 1)², but
        // the weight's gradient is −inf·0 = NaN.
        let model = Model(try Sequential([Dense(units: 1, activation: .relu)], inputShape: [1], seed: 2))
        try model.network.loadWeights(["layers.0.weight": Tensor([[1.0]]), "layers.0.bias": Tensor([2.0])])
        model.compile(optimizer: SGD(learningRate: 0.1), loss: MeanSquaredError())
        let before = model.network.weights()
        #expect(throws: TrainingError.nonFinite(epoch: 1, batch: 1, what: "the gradient of layers.0.weight")) {
            try model.fit(x: Tensor([[-Double.infinity]]), y: Tensor([[1.0]]), verbose: .silent, stopOnNonFinite: true)
        }
        expectEqual(model.network.weights(), before)
    }

    @Test func theCheckSeesEveryNonFiniteBitPattern() {
        for dtype in [DType.float32, .float64] {
            #expect(NonFiniteCheck.isFinite(Tensor([0, -0.0, 1e-310, 3e38, -1], dtype: dtype)))
            for bad in [Double.nan, .infinity, -.infinity, -Double.nan] {
                var values = [Double](repeating: 1, count: 37)
                values[36] = bad
                #expect(!NonFiniteCheck.isFinite(Tensor(values, dtype: dtype)), "\(bad) in \(dtype)")
            }
        }
    }
}

import Foundation
import NeuronaCore
import NeuronaData
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers
import NeuronaTraining
import Testing
import _NeuronaTestSupport

/// Training that is seen to learn: the exact SGD step on a problem small enough to do by hand.
struct LearningTests {
    /// `ŷ = x·w + b` with w = [0.5, −0.25], b = 0.1, MSE, SGD with rate 0.1, one batch of two:
    /// x = [[1, 2], [3, −1]], y = [1, 0].
    ///
    /// By hand: ŷ = [0.1, 1.85], errors e = [−0.9, 1.85], loss = (0.81 + 3.4225)/2 = 2.11625;
    /// ∂L/∂w = (2/2)·xᵀe = [−0.9 + 5.55, −1.8 − 1.85] = [4.65, −3.65], ∂L/∂b = −0.9 + 1.85 = 0.95;
    /// so w ← [0.5 − 0.465, −0.25 + 0.365] = [0.035, 0.115], b ← 0.1 − 0.095 = 0.005.
    /// Epoch 2: ŷ = [0.27, −0.005], loss = (0.5329 + 0.000025)/2 = 0.2664625.
    /// Dense keeps float32 weights, so the values are compared to float32 rounding (1e-7); a
    /// wrong step (a missing factor 2, a wrong sign, no update) is off by 0.005 or more.
    @Test func fitOnADataLoaderTakesExactlyTheSGDStep() throws {
        let model = Model(try Sequential([Dense(units: 1)], inputShape: [2], seed: 1))
        try model.network.loadWeights(["layers.0.weight": Tensor([[0.5], [-0.25]]), "layers.0.bias": Tensor([0.1])])
        model.compile(optimizer: SGD(learningRate: 0.1), loss: MeanSquaredError())
        let x = Tensor([[1, 2], [3, -1]], dtype: .float64), y = Tensor([[1], [0]], dtype: .float64)
        var loader = try DataLoader(TensorDataset(inputs: x, targets: y), batchSize: 2)
        let first = try model.fit(&loader, epochs: 1, verbose: .silent)
        #expect(Swift.abs(first["loss"][0] - 2.11625) < 1e-6)
        let w = model.network.weights()
        #expect((w["layers.0.weight"]! - Tensor([[0.035], [0.115]])).abs().max().item < 1e-7)
        #expect(Swift.abs(w["layers.0.bias"]!.item - 0.005) < 1e-7)
        let second = try model.fit(&loader, epochs: 2, verbose: .silent, initialEpoch: 1)
        #expect(Swift.abs(second["loss"][0] - 0.2664625) < 1e-7)
    }

    @Test func theCSVLoggerWritesOneRowPerEpochWithTheLoggedValues() throws {
        let model = Model(try Sequential([Dense(units: 1)], inputShape: [2], seed: 1))
        try model.network.loadWeights(["layers.0.weight": Tensor([[0.5], [-0.25]]), "layers.0.bias": Tensor([0.1])])
        model.compile(optimizer: SGD(learningRate: 0.1), loss: MeanSquaredError())
        let x = Tensor([[1, 2], [3, -1]], dtype: .float64), y = Tensor([[1], [0]], dtype: .float64)
        let csv = temporaryPath("log").appendingPathExtension("csv")
        let history = try model.fit(x: x, y: y, epochs: 2, batchSize: 2, shuffle: false, callbacks: [CSVLogger(csv)], verbose: .silent)
        let rows = try String(contentsOf: csv, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.count == 3 && rows[0] == ["epoch", "loss", "seconds"])
        #expect(rows[1][0] == "1" && rows[2][0] == "2")
        // The values are the history's, written in full precision (the losses worked out above).
        #expect(Double(rows[1][1]) == history["loss"][0] && Double(rows[2][1]) == history["loss"][1])
        #expect(Swift.abs(Double(rows[1][1])! - 2.11625) < 1e-6 && Swift.abs(Double(rows[2][1])! - 0.2664625) < 1e-7)
        #expect(Double(rows[1][2]) == history["seconds"][0] && Double(rows[1][2])! >= 0)
    }
}

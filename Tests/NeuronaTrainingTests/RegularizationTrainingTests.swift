import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers
import NeuronaTraining
import Testing

/// Regularizers in training: the loss `fit` and `evaluate` report and minimize is the compiled
/// loss plus the penalties (Keras's `compute_loss`).
struct RegularizationTrainingTests {
    @Test func fitAndEvaluateAddThePenalties() throws {
        let dense = Dense(units: 1, useBias: false, kernelInitializer: .ones, kernelRegularizer: .l2(0.5))
        let model = Model(try Sequential([dense], inputShape: [2]))
        model.compile(optimizer: SGD(learningRate: 0.1), loss: MeanSquaredError())
        // x·w = 1 + 1 = 2 against target 2: no data loss; the penalty 0.5·(1 + 1) = 1.
        let x = Tensor([1.0, 1], shape: [1, 2]), y = Tensor([2.0], shape: [1, 1])
        let evaluated = try model.evaluate(x: x, y: y)
        #expect(abs(evaluated["loss"]! - 1) <= 8 * 0x1p-24)
        let history = try model.fit(x: x, y: y, epochs: 1, batchSize: 1, verbose: .silent)
        #expect(abs(history["loss"][0] - 1) <= 8 * 0x1p-24)
        // The data gradient is 0, the penalty's 2·0.5·w = 1: one SGD step takes w from 1 to 0.9.
        // float32: a few roundings of numbers near 1, each within 2⁻²⁴.
        #expect(dense.weight!.value.doubles.allSatisfy { abs($0 - 0.9) <= 8 * 0x1p-24 }, "\(dense.weight!.value.doubles)")
    }
}

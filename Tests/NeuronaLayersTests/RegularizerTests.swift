import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import Testing
import _NeuronaTestSupport

/// Weight penalties with Keras's definitions, `l1·Σ|w| + l2·Σw²`, from Swift and JSON.
struct RegularizerTests {
    /// w = [1, −2, 3]: Σ|w| = 6, Σw² = 14.
    @Test func penaltiesFollowKerassDefinitions() throws {
        let w = Variable(Tensor([1.0, -2, 3], shape: [3], dtype: .float64), requiresGrad: true)
        expectEqual(Regularizer.l1(0.5).penalty(w).value.item, 3)
        expectEqual(Regularizer.l2(0.25).penalty(w).value.item, 3.5)
        expectEqual(Regularizer.l1L2(l1: 0.5, l2: 0.25).penalty(w).value.item, 6.5)
        // Keras's defaults: L1() and L2() 0.01; the name "l1_l2" 0.01 each.
        #expect(Regularizer.l1() == .l1(0.01) && Regularizer.l2() == .l2(0.01) && Regularizer.l1L2() == .l1L2(l1: 0.01, l2: 0.01))
        // The gradient: l1·sign(w) + 2·l2·w.
        try Regularizer.l1L2(l1: 0.5, l2: 0.25).penalty(w).backward()
        expectEqual(w.grad?.doubles, [0.5 + 0.5, -0.5 - 1, 0.5 + 1.5])
    }

    /// A layer's penalty is its kernel's and its bias's; a model's, every layer's.
    @Test func aModelsRegularizationLossSumsItsLayers() throws {
        let first = Dense(units: 2, kernelRegularizer: .l2(0.5), biasRegularizer: .l1(1))
        let second = Dense(units: 1, biasInitializer: .ones, kernelRegularizer: .l1(0.1))
        let model = try Sequential([first, second, Dropout(rate: 0.1)], inputShape: [2])
        model.convertParameters(to: .float64)
        try first.loadWeights(["weight": Tensor([1.0, 2, 3, 4], shape: [2, 2]), "bias": Tensor([-1.0, 1], shape: [2])])
        try second.loadWeights(["weight": Tensor([-2.0, 2], shape: [2, 1]), "bias": Tensor([5.0], shape: [1])])
        // 0.5·(1 + 4 + 9 + 16) + 1·(1 + 1) + 0.1·(2 + 2) = 15 + 2 + 0.4.
        let loss = try #require(model.regularizationLoss())
        #expect(abs(loss.value.item - 17.4) <= 1e-12)
        #expect(try Sequential([Dense(units: 2)], inputShape: [2]).regularizationLoss() == nil)
        // Embedding's table.
        let embedding = Embedding(inputDim: 2, outputDim: 1, embeddingsRegularizer: .l2(2))
        try embedding.build(inputShape: [1], seed: 0)
        try embedding.loadWeights(["weight": Tensor([3.0, 1], shape: [2, 1])])
        expectEqual(embedding.regularizationLoss()?.value.item, 20)
    }

    @Test func jsonFormsAsKerasWritesThem() throws {
        func dense(_ regularizer: String) throws -> Dense {
            try #require(try LayerRegistry.default.make(from: #"{"type": "Dense", "units": 2, "kernel_regularizer": \#(regularizer)}"#) as? Dense)
        }
        try expectEqual(dense(#""l2""#).config.kernelRegularizer, .l2(0.01))
        try expectEqual(dense(#""L1L2""#).config.kernelRegularizer, .l1L2(l1: 0.01, l2: 0.01))
        try expectEqual(dense(#"{"name": "l1", "l1": 0.003}"#).config.kernelRegularizer, .l1(0.003))
        try expectEqual(dense(#"{"class_name": "L2", "config": {"l2": 0.0005}}"#).config.kernelRegularizer, .l2(0.0005))
        try expectEqual(dense(#"{"class_name": "L1L2", "config": {"l1": 0.0, "l2": 0.1}}"#).config.kernelRegularizer, .l1L2(l1: 0, l2: 0.1))
        let saved = try LayerRegistry.json(for: Dense(units: 2, kernelRegularizer: .l1L2(l1: 0.5, l2: 0.25), biasRegularizer: .l2(0.1)))
        #expect(saved.contains(#""kernel_regularizer" : {"#) && saved.contains(#""name" : "l1_l2""#))
        let again = try #require(try LayerRegistry.default.make(from: saved) as? Dense)
        #expect(again.config.kernelRegularizer == .l1L2(l1: 0.5, l2: 0.25) && again.config.biasRegularizer == .l2(0.1))
    }

    @Test func badRegularizersThrowWithTheirPlace() throws {
        #expect(throws: LayerError.invalidConfig(layer: "Dense", message: "kernel_regularizer: the factors must be finite numbers ≥ 0, got l1 0.0, l2 -1.0")) {
            try Dense(units: 2, kernelRegularizer: .l2(-1)).build(inputShape: [2], seed: 0)
        }
        for (json, expected) in [(#""l3""#, #"unknown regularizer "l3"; the regularizers: l1, l2, l1_l2"#),
                                 (#"{"name": "l2", "l1": 0.1, "factor": 2}"#, #"unexpected field "factor""#)] {
            do {
                _ = try LayerRegistry.default.make(from: #"{"type": "Sequential", "layers": [{"type": "Conv2D", "filters": 1, "kernel_size": 1, "bias_regularizer": \#(json)}]}"#)
                Issue.record("no error for \(json)")
            } catch let error as LayerError {
                #expect("\(error)".hasPrefix("layers[0].bias_regularizer") && "\(error)".contains(expected), "\(error)")
            }
        }
    }
}

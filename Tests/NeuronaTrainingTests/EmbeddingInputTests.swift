import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers
import NeuronaTraining
import Testing
import _NeuronaTestSupport

/// A model reading ids through an Embedding: an id out of range in `fit`, `evaluate` or
/// `predict` throws the layer's typed error before any step runs (a direct call would stop).
struct EmbeddingInputTests {
    func textClassifier() throws -> Model {
        let network = try Sequential([Embedding(inputDim: 10, outputDim: 4, maskZero: true), GlobalAveragePooling1D(),
                                      Dense(units: 2, activation: .softmax)], inputShape: [3])
        let model = Model(network)
        try model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy")
        return model
    }

    @Test func anIdOutOfRangeThrowsFromFitEvaluateAndPredict() throws {
        let model = try textClassifier()
        let x = Tensor([1.0, 2, 0, 3, 12, 0], shape: [2, 3]), y = Tensor([0.0, 1], shape: [2])
        let before = model.network.weights()
        let error = LayerError.invalidInput(layer: "layers.0 (Embedding)", message:
            "id 12 at [1, 1] of the input (shape [2, 3]) is not in 0..<10 (input_dim); input_dim counts the ids, so it must be at least 13 (the largest id + 1)")
        #expect(throws: error) { try model.fit(x: x, y: y, batchSize: 2, verbose: .silent) }
        #expect(throws: error) { try model.evaluate(x: x, y: y) }
        #expect(throws: error) { try model.predict(x) }
        expectEqual(model.network.weights(), before)
        // In range, it trains.
        _ = try model.fit(x: Tensor([1.0, 2, 0, 3, 9, 0], shape: [2, 3]), y: y, epochs: 1, batchSize: 2, verbose: .silent)
        #expect(model.network.weights() != before)
    }
}

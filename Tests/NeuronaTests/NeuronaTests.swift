import Neurona
import Testing
import _NeuronaTestSupport

/// `import Neurona` alone reaches every core module: a model is written as JSON, trained on
/// generated data and evaluated without importing anything else.
struct NeuronaTests {
    @Test func oneImportTrainsAModel() throws {
        let network = try LayerRegistry.default.make(from: """
            {"type": "Sequential", "layers": [
              {"type": "Dense", "units": 8, "activation": "tanh"},
              {"type": "Dense", "units": 2, "activation": "softmax"}]}
            """)
        _ = try network.build(inputShape: [2], seed: 1)
        let data = SyntheticDatasets.xor(count: 256, seed: 2)
        let model = Model(network, seed: 3)
        model.compile(optimizer: Adam(learningRate: 0.05), loss: SparseCategoricalCrossentropy(), metrics: [Accuracy()])
        _ = try model.fit(x: data.features, y: data.labels, epochs: 60, batchSize: 32, verbose: .silent)
        let accuracy = try model.evaluate(x: data.features, y: data.labels)["accuracy"]!
        #expect(accuracy > 0.95)
        try expectEqual(model.predict(Tensor([[0.5, -0.5], [0.5, 0.5]])).shape, [2, 2])
    }
}

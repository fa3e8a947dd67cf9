import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import Testing
import _NeuronaTestSupport

/// Models saved by the code of commit 44b8b51 (before layer configs became the single source of
/// truth), committed in `Fixtures/SavedModels`: each `<name>.json` is `LayerRegistry.json(for:)`,
/// `<name>.weights.safetensors` the weights (`Layer.weights()`, drawn at random so that biases are
/// not zeros), `<name>.expected.safetensors` a fixed input and the prediction (inference mode) that
/// code made. Today's code must load them and predict the same bits, and write the same JSON.
struct SavedModelCompatibilityTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        .appendingPathComponent("SavedModels")

    /// The descriptions the fixtures were made from: every built-in layer type, most settings
    /// away from their defaults.
    static let descriptions: [String: String] = [
        "convolutional": """
        {"type": "Sequential", "input_shape": [8, 8, 2], "layers": [
          {"type": "Conv2D", "filters": 4, "kernel_size": 3, "padding": "same", "activation": "relu"},
          {"type": "MaxPool2D", "pool_size": 2},
          {"type": "Conv2D", "filters": 3, "kernel_size": [2, 3], "use_bias": false, "kernel_initializer": "he_normal"},
          {"type": "AvgPool2D", "pool_size": 2, "strides": 1, "padding": "same"},
          {"type": "Dropout", "rate": 0.25, "seed": 7},
          {"type": "Reshape", "target_shape": [6, -1]},
          {"type": "Graph", "inputs": [{"name": "x", "shape": [6, 3]}],
           "nodes": [{"name": "a", "layer": {"type": "Dense", "units": 3, "activation": "tanh"}, "inputs": ["x"]},
                     {"name": "s", "layer": {"type": "Add"}, "inputs": ["x", "a"]},
                     {"name": "m", "layer": {"type": "Multiply"}, "inputs": ["s", "x"]},
                     {"name": "c", "layer": {"type": "Concatenate", "axis": -1}, "inputs": ["s", "m"]},
                     {"name": "act", "layer": {"type": "Activation", "activation": "leaky_relu", "alpha": 0.2}, "inputs": ["c"]}],
           "output": "act"},
          {"type": "GlobalAveragePooling1D"},
          {"type": "Dense", "units": 5, "activation": "softmax", "bias_initializer": "ones"}]}
        """,
        "pooling": """
        {"type": "Sequential", "input_shape": [5, 6, 3], "layers": [
          {"type": "Conv2D", "filters": 2, "kernel_size": 2, "strides": [1, 2], "dilation_rate": [2, 1], "activation": "sigmoid"},
          {"type": "GlobalMaxPooling2D"},
          {"type": "Dense", "units": 4, "use_bias": false, "activation": "elu"},
          {"type": "Reshape", "target_shape": [2, 2, 1]},
          {"type": "GlobalAveragePooling2D"},
          {"type": "Flatten"},
          {"type": "Dense", "units": 2}]}
        """,
    ]

    /// Writes the fixtures (run once with `NEURONA_WRITE_LAYER_FIXTURES=<folder>`).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["NEURONA_WRITE_LAYER_FIXTURES"] != nil))
    func writeFixtures() throws {
        let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["NEURONA_WRITE_LAYER_FIXTURES"]!)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, description) in Self.descriptions {
            let model = try LayerRegistry.default.make(from: description)
            var generator = RandomGenerator(seed: 2026)
            for p in model.namedParameters() + model.namedBuffers() {
                p.variable.value = Tensor.normal(p.variable.shape, standardDeviation: 0.5, dtype: p.variable.dtype, using: &generator)
            }
            try SavedModelFixture.write(model, name: name, input: Tensor.normal([3] + model.inputShape!, using: &generator), to: folder)
        }
    }

    @Test(arguments: ["convolutional", "pooling"])
    func savedModelLoadsPredictsAndEncodesTheSame(name: String) throws {
        let saved = try SavedModelFixture(name: name, in: Self.fixtures, registry: .default)
        let output = saved.output()
        expectEqual(output.shape, saved.expectedOutput.shape)
        // The same within float32 rounding: OpenBLAS's kernel sets (SSE3, AVX2, AVX-512) sum the
        // products in different orders, so the last bits depend on the machine, not on the model
        // (the bound, from a float64 evaluation: SavedModelFixture.comparison).
        let (difference, bound) = try saved.comparison(output)
        #expect(difference <= bound, "\(name): predictions differ from the saved ones by \(difference), more than rounding's \(bound)")
        try expectEqual(LayerRegistry.json(for: saved.model), saved.json, "\(name): the JSON written today differs from the saved one")
    }
}

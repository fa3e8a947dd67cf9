import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import Testing
import _NeuronaTestSupport

/// A model of every plugin layer saved by the code of commit 44b8b51 (before layer configs became
/// the single source of truth), committed in `Fixtures/SavedModels` as in
/// `SavedModelCompatibilityTests` of NeuronaLayersTests: the JSON, the weights (drawn at random)
/// and a fixed input with its prediction. Today's code must load it, predict the same values up to
/// float32 rounding and write the same JSON.
struct SavedPluginModelCompatibilityTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        .appendingPathComponent("SavedModels")

    static let description = """
    {"type": "Sequential", "input_shape": [5, 4], "layers": [
      {"type": "PositionalEncoding"},
      {"type": "MultiHeadAttention", "num_heads": 2, "key_dim": 3, "use_causal_mask": true},
      {"type": "TransformerEncoder", "num_heads": 2, "key_dim": 2, "ff_dim": 6, "dropout": 0.1},
      {"type": "LayerNormalization", "epsilon": 1e-5},
      {"type": "LSTM", "units": 4, "return_sequences": true},
      {"type": "GRU", "units": 3, "return_sequences": true},
      {"type": "SimpleRNN", "units": 4},
      {"type": "BatchNormalization", "momentum": 0.9, "epsilon": 1e-4},
      {"type": "ResidualBlock", "layers": [{"type": "Dense", "units": 4, "activation": "relu"}, {"type": "Dense", "units": 4}],
       "activation": "relu"},
      {"type": "ResidualBlock", "layers": [{"type": "Dense", "units": 3}], "shortcut": "projection"}]}
    """

    /// Writes the fixture (run once with `NEURONA_WRITE_PLUGIN_FIXTURES=<folder>`).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["NEURONA_WRITE_PLUGIN_FIXTURES"] != nil))
    func writeFixture() throws {
        let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["NEURONA_WRITE_PLUGIN_FIXTURES"]!)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let model = try pluginRegistry().make(from: Self.description)
        var generator = RandomGenerator(seed: 2026)
        for p in model.namedParameters() + model.namedBuffers() {
            var values = Tensor.normal(p.variable.shape, standardDeviation: 0.5, dtype: p.variable.dtype, using: &generator)
            if p.name.hasSuffix("running_var") { values = values.abs() + 0.5 }
            p.variable.value = values
        }
        try SavedModelFixture.write(model, name: "plugins", input: Tensor.normal([3] + model.inputShape!, using: &generator), to: folder)
    }

    @Test func savedPluginModelLoadsPredictsAndEncodesTheSame() throws {
        let saved = try SavedModelFixture(name: "plugins", in: Self.fixtures, registry: pluginRegistry())
        let output = saved.output()
        expectEqual(output.shape, saved.expectedOutput.shape)
        // Within what float32 rounding explains (SavedModelFixture.comparison says why).
        let (difference, bound) = try saved.comparison(output)
        #expect(difference <= bound, "predictions differ from the saved ones by \(difference), more than rounding's \(bound)")
        try expectEqual(LayerRegistry.json(for: saved.model), saved.json, "the JSON written today differs from the saved one")
    }
}

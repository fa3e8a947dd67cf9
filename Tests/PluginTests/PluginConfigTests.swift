import Foundation
import NeuronaAttention
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaNormalization
import NeuronaRecurrent
import NeuronaResidual
import Testing
import _NeuronaTestSupport

/// A description of every plugin layer type, settings away from their defaults.
let pluginRoundTripCases: [LayerRoundTripCase] = [
    .init(#"{"type": "ResidualBlock", "layers": [{"type": "Dense", "units": 3, "activation": "relu"}], "shortcut": "projection", "activation": "tanh"}"#, inputShape: [4]),
    .init(#"{"type": "BatchNormalization", "momentum": 0.8, "epsilon": 0.01}"#, inputShape: [3]),
    .init(#"{"type": "LayerNormalization", "epsilon": 1e-5}"#, inputShape: [2, 3]),
    .init(#"{"type": "SimpleRNN", "units": 3, "return_sequences": true}"#, inputShape: [4, 2]),
    .init(#"{"type": "LSTM", "units": 2}"#, inputShape: [3, 2]),
    .init(#"{"type": "GRU", "units": 2, "return_sequences": true}"#, inputShape: [3, 2]),
    .init(#"{"type": "MultiHeadAttention", "num_heads": 2, "key_dim": 2, "use_causal_mask": true}"#, inputShape: [3, 4]),
    .init(#"{"type": "TransformerEncoder", "num_heads": 2, "key_dim": 2, "ff_dim": 5, "dropout": 0.2}"#, inputShape: [3, 4]),
    .init(#"{"type": "PositionalEncoding"}"#, inputShape: [3, 4]),
]

struct PluginConfigTests {
    @Test func everyPluginTypeHasARoundTripCase() throws {
        let registry = try pluginRegistry()
        // Plugins register under their package (`NeuronaRecurrent>LSTM`); the cases name the plain type.
        let pluginNames = Set(registry.names.map(PluginPackage.plainName)).subtracting(LayerRegistry.default.names)
        expectEqual(Set(pluginRoundTripCases.map(\.typeName)), pluginNames)
    }

    @Test(arguments: pluginRoundTripCases)
    func configJSONConfigGivesTheSameLayer(case: LayerRoundTripCase) throws {
        let problems = try layerRoundTripProblems(`case`, registry: pluginRegistry())
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    static let invalidCases: [(type: String, json: String, swift: () -> any Layer, inputShape: [Int], message: String)] = [
        ("BatchNormalization", #"{"type": "BatchNormalization", "momentum": 1}"#, { BatchNormalization(momentum: 1) as any Layer }, [3],
         "momentum must be in [0, 1), got 1.0"),
        ("LayerNormalization", #"{"type": "LayerNormalization", "epsilon": 0}"#, { LayerNormalization(epsilon: 0) }, [3], "epsilon must be positive, got 0.0"),
        ("LSTM", #"{"type": "LSTM", "units": 0}"#, { LSTM(units: 0) }, [2, 3], "units must be positive, got 0"),
        ("MultiHeadAttention", #"{"type": "MultiHeadAttention", "num_heads": 2, "key_dim": 0}"#, { MultiHeadAttention(heads: 2, keyDim: 0) }, [2, 3],
         "key_dim must be positive, got 0"),
        ("TransformerEncoder", #"{"type": "TransformerEncoder", "num_heads": 1, "key_dim": 2, "ff_dim": 3, "dropout": 1}"#,
         { TransformerEncoder(heads: 1, keyDim: 2, ffDim: 3, dropout: 1) }, [2, 3], "dropout must be in [0, 1), got 1.0"),
        ("ResidualBlock", #"{"type": "ResidualBlock", "layers": []}"#, { ResidualBlock([]) }, [3], "layers must not be empty"),
    ]

    @Test(arguments: 0..<invalidCases.count)
    func invalidSettingsThrowTheSameErrorFromSwiftAndJSON(index: Int) throws {
        let (type, json, swift, inputShape, message) = Self.invalidCases[index]
        #expect(throws: LayerError.invalidConfig(layer: type, message: message)) { try swift().build(inputShape: inputShape, seed: 0) }
        #expect(throws: LayerError.invalidConfig(layer: type, message: message)) { try pluginRegistry().make(from: json) }
    }

    /// A bad setting in a layer nested in a block is named with its full JSON path.
    @Test func nestedErrorsNameTheirPath() {
        #expect(throws: LayerError.invalidConfig(layer: "layers[1].layers[0] (Dense)", message: "units must be positive, got 0")) {
            try pluginRegistry().make(from: #"{"type": "Sequential", "layers": [{"type": "Flatten"}, {"type": "ResidualBlock", "layers": [{"type": "Dense", "units": 0}]}]}"#)
        }
        do {
            _ = try pluginRegistry().make(from: #"{"type": "Sequential", "layers": [{"type": "ResidualBlock", "layers": [{"type": "Dense", "units": "two"}]}]}"#)
            Issue.record("accepted")
        } catch {
            expectEqual("\(error)", #"layers[0].layers[0].units: expected an integer, found "two""#)
        }
        do {
            _ = try pluginRegistry().make(from: #"{"type": "Sequential", "layers": [{"type": "ResidualBlock", "layers": [{"type": "Dens"}]}]}"#)
            Issue.record("accepted")
        } catch {
            #expect("\(error)".hasPrefix(#"layers[0].layers[0].type: unknown layer type "Dens""#), "\(error)")
        }
    }
}

import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import Testing
import _NeuronaTestSupport

/// A Sequential's JSON: Keras's `input_shape` on the first layer is the stack's input shape; on
/// another layer it is an error that says where it belongs.
struct SequentialInputShapeTests {
    static func make(_ json: String) throws -> any Layer { try LayerRegistry.default.make(from: json) }

    static func error(_ json: String) -> String {
        do {
            _ = try make(json)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    /// Lecture 002's `layer_flatten(input_shape = c(28, 28))` written in JSON: the same model,
    /// with the same weights (both built with seed 0), as the input shape given on the Sequential.
    @Test func inputShapeOnTheFirstLayerIsTheStacksInputShape() throws {
        let keras = try Self.make("""
            {"type": "Sequential", "layers": [{"type": "Flatten", "input_shape": [28, 28]},
             {"type": "Dense", "units": 128, "activation": "relu"}, {"type": "Dense", "units": 10, "activation": "softmax"}]}
            """)
        let neurona = try Self.make("""
            {"type": "Sequential", "input_shape": [28, 28], "layers": [{"type": "Flatten"},
             {"type": "Dense", "units": 128, "activation": "relu"}, {"type": "Dense", "units": 10, "activation": "softmax"}]}
            """)
        #expect(keras.inputShape == [28, 28] && keras.outputShape == [10] && keras.parameterCount == 101_770)
        expectEqual(keras.weights(), neurona.weights())
        try expectEqual(LayerRegistry.json(for: keras), LayerRegistry.json(for: neurona))
        // On a Dense first layer, and as Keras's batch_input_shape (a null batch axis first).
        let dense = try Self.make(#"{"type": "Sequential", "layers": [{"type": "Dense", "units": 10, "input_shape": [784]}]}"#)
        #expect(dense.inputShape == [784] && dense.parameterCount == 7_850)
        let batch = try Self.make(#"{"type": "Sequential", "layers": [{"type": "Dense", "units": 10, "batch_input_shape": [null, 784]}]}"#)
        expectEqual(batch.inputShape, [784])
        // Given on both, equal: accepted.
        let both = try Self.make(#"{"type": "Sequential", "input_shape": [3], "layers": [{"type": "Dense", "units": 1, "input_shape": [3]}]}"#)
        expectEqual(both.inputShape, [3])
    }

    @Test func inputShapeElsewhereSaysWhereItBelongs() {
        #expect(Self.error(#"{"type": "Sequential", "layers": [{"type": "Dense", "units": 4}, {"type": "Dense", "units": 1, "input_shape": [4]}]}"#)
                == #"layers[1].input_shape: "input_shape" belongs on the first layer of a Sequential (layers[0]) or on the Sequential itself ("input_shape": [4] beside "layers"); layer 1 takes the output of layer 0"#)
        #expect(Self.error(#"{"type": "Sequential", "input_shape": [5], "layers": [{"type": "Dense", "units": 1, "input_shape": [3]}]}"#)
                == #"layers[0].input_shape: the first layer's input_shape gives the input shape [3], the Sequential's "input_shape" gives [5]; give it once"#)
        // A layer on its own: the message lists its fields (Flatten has none) and where the key belongs.
        #expect(Self.error(#"{"type": "Flatten", "input_shape": [28, 28]}"#)
                == #"input_shape: unexpected field "input_shape" for Flatten (Flatten takes no fields besides "type"); "input_shape" belongs on the first layer of a Sequential's "layers" or on the Sequential itself ("input_shape" beside "layers")"#)
        // Other errors in the first layer keep their JSON path.
        #expect(Self.error(#"{"type": "Sequential", "layers": [{"type": "Dense", "units": "ten", "input_shape": [3]}]}"#)
                == #"layers[0].units: expected an integer, found "ten""#)
        #expect(Self.error(#"{"type": "Sequential", "layers": [{"type": "Dense", "units": 0, "input_shape": [3]}]}"#)
                .contains("units must be positive, got 0"))
        #expect(Self.error(#"{"type": "Sequential", "layers": [{"type": "Dense", "units": 2, "input_shape": ["a"]}]}"#)
                == #"layers[0].input_shape[0]: expected an integer, found "a""#)
    }

    /// A nested Sequential takes `input_shape` itself: a built model with one writes it, and
    /// that JSON still makes the same model.
    @Test func aNestedSequentialKeepsItsOwnInputShape() throws {
        let model = try Sequential([Dense(units: 4), Sequential([Dense(units: 2)])], inputShape: [3], seed: 1)
        let json = try LayerRegistry.json(for: model)
        #expect(json.contains(#""input_shape" : ["#))
        let again = try Self.make(json)
        try expectEqual(LayerRegistry.json(for: again), json)
    }
}

import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import Testing
import _NeuronaTestSupport

/// Freezing (Keras's `trainable = False`): which parameters the optimizer gets, what `summary()`
/// counts, and the flag's JSON form.
struct TrainableTests {
    /// Dense 4→3 (15 parameters) then Dense 3→2 (8).
    func network() throws -> Sequential {
        try Sequential([Dense(units: 3), Dense(units: 2)], inputShape: [4])
    }

    @Test func aFrozenLayersParametersAreNotTrainable() throws {
        let model = try network()
        expectEqual(model.trainableParameters().map(\.name), ["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"])
        model.layers[0].isTrainable = false
        expectEqual(model.trainableParameters().map(\.name), ["layers.1.weight", "layers.1.bias"])
        expectEqual(model.frozenParameters().map(\.name), ["layers.0.weight", "layers.0.bias"])
        #expect(model.trainableParameterCount == 8 && model.parameterCount == 23)
        // A frozen container freezes everything inside it, whatever its children say.
        let outer = try Sequential([try network(), Dense(units: 1)], inputShape: [4])
        outer.layers[0].isTrainable = false
        expectEqual(outer.trainableParameters().map(\.name), ["layers.1.weight", "layers.1.bias"])
        outer.isTrainable = false
        #expect(outer.trainableParameters().isEmpty && outer.frozenParameters().count == 6)
    }

    /// Keras's totals: Total = every parameter and buffer, Trainable = the unfrozen parameters,
    /// Non-trainable = frozen parameters plus buffers (15 + 0 here).
    @Test func summaryCountsFrozenParametersAsNonTrainable() throws {
        let model = try network()
        model.layers[0].isTrainable = false
        let totals = model.summary().split(separator: "\n").suffix(3).joined(separator: "\n")
        expectEqual(totals, "Total params: 23\nTrainable params: 8\nNon-trainable params: 15")
    }

    @Test func jsonSavesAndLoadsTheFlag() throws {
        let model = try network()
        model.layers[1].isTrainable = false
        let json = try LayerRegistry.json(for: model)
        #expect(json.contains(#""trainable" : false"#))
        expectEqual(json.components(separatedBy: "trainable").count, 2)   // only the frozen layer says so
        let loaded = try #require(try LayerRegistry.default.make(from: json) as? Sequential)
        expectEqual(loaded.layers.map(\.isTrainable), [true, false])
        // Keras writes "trainable": true everywhere: accepted; the top level too.
        let keras = try LayerRegistry.default.make(from: #"{"type": "Dense", "units": 2, "trainable": false}"#)
        expectEqual(keras.isTrainable, false)
        let nested = try #require(try LayerRegistry.default.make(from: """
            {"type": "Sequential", "input_shape": [3], "trainable": true,
             "layers": [{"type": "Dense", "units": 2, "trainable": true}, {"type": "Dense", "units": 1, "trainable": false}]}
            """) as? Sequential)
        #expect(nested.isTrainable && nested.layers.map(\.isTrainable) == [true, false])
        try expectEqual(LayerRegistry.json(for: nested).components(separatedBy: "trainable").count, 2)
    }

    @Test func aTrainableThatIsNotABooleanThrowsWithItsPath() throws {
        do {
            _ = try LayerRegistry.default.make(from: #"{"type": "Sequential", "layers": [{"type": "Dense", "units": 2, "trainable": "no"}]}"#)
            Issue.record("no error")
        } catch let error as LayerError {
            #expect("\(error)".hasPrefix("layers[0].trainable:"), "\(error)")
        }
        #expect(throws: LayerError.self) { try LayerRegistry.default.make(from: #"{"type": "Dense", "units": 2, "trainable": 3}"#) }
    }
}

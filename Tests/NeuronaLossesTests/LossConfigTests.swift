import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLosses
import Testing
import _NeuronaTestSupport

/// The losses on the config pattern: stored config, defaults written once (in the Swift
/// initializers), one validate for JSON and Swift, names as Keras spells them.
@Suite struct LossConfigTests {
    @Test func anInvalidSettingThrowsTheSameMessageFromSwiftAndJSON() throws {
        let message = "delta must be positive, got 0.0"
        #expect(throws: LossError.invalidConfig(loss: "huber", message: message)) { try Huber(delta: 0).validate() }
        // Training checks targets on every batch: the setting is checked there too.
        #expect(throws: LossError.invalidConfig(loss: "huber", message: message)) {
            try Huber(delta: 0).validateTargets(Tensor.zeros([2, 1]), predictionShape: [2, 1])
        }
        #expect(throws: RegistryError.invalidConfig(kind: "loss", path: "", message: "huber: \(message)")) {
            try LossRegistry.default.make(fromJSON: #"{"type": "huber", "delta": 0}"#)
        }
    }

    @Test func jsonDefaultsAreTheSwiftInitializersDefaults() throws {
        expectEqual(Huber.Config.defaults, Huber().config)
        #expect(Huber().delta == 1 && Huber().reduction == .mean)
        #expect(BinaryCrossentropy().fromLogits == false && BinaryCrossentropy().reduction == .mean)
        let loss = try #require(try LossRegistry.default.make(fromJSON: #"{"type": "huber", "reduction": "sum"}"#) as? Huber)
        #expect(loss.delta == 1 && loss.reduction == .sum)
    }

    @Test func unexpectedKeysAndWrongValuesAreNamed() throws {
        #expect(throws: RegistryError.invalidConfig(kind: "loss", path: "from_logits",
                                                    message: #"unexpected field "from_logits" for mean_squared_error (its fields: reduction)"#)) {
            try LossRegistry.default.make(fromJSON: #"{"type": "mse", "from_logits": true}"#)
        }
        do {
            _ = try LossRegistry.default.make(fromJSON: #"{"type": "binary_crossentropy", "from_logits": "yes"}"#)
            Issue.record("no error")
        } catch {
            expectEqual("\(error)", #"loss config at from_logits: expected a boolean, found "yes""#)
        }
    }

    @Test func kerasSpellingsResolve() throws {
        #expect(try LossRegistry.default.make("MSE") is MeanSquaredError)
        #expect(try LossRegistry.default.make("MeanSquaredError") is MeanSquaredError)
        #expect(try LossRegistry.default.make("SparseCategoricalCrossentropy") is SparseCategoricalCrossentropy)
        try expectEqual(LossRegistry.default.make("Huber").typeName, "huber")
    }

    /// Config → JSON → config for every registered name, with non-default settings where the loss
    /// has them: the same JSON and the same losses on fixed data.
    @Test func everyRegisteredLossRoundTrips() throws {
        for name in LossRegistry.default.names {
            for settings in [[:], ["reduction": NeuronaRegistry.JSONValue.string("sum")]] {
                let first = try LossRegistry.default.make(name, settings: settings)
                let json = try lossJSON(first)
                let second = try LossRegistry.default.make(fromJSON: json)
                try expectEqual(lossJSON(second), json, "\(name)")
                #expect(type(of: second) == type(of: first), "\(name)")
                let (predictions, targets) = data(for: first)
                expectEqual(first(predictions, targets).value.doubles, second(predictions, targets).value.doubles, "\(name)")
            }
        }
        let huber = try LossRegistry.default.make(fromJSON: try lossJSON(Huber(delta: 0.25)))
        expectEqual((huber as? Huber)?.delta, 0.25)
        let logits = try LossRegistry.default.make(fromJSON: try lossJSON(CategoricalCrossentropy(fromLogits: true)))
        expectEqual((logits as? CategoricalCrossentropy)?.fromLogits, true)
    }

    private func lossJSON(_ loss: any Loss) throws -> String {
        try typedJSON(type: loss.typeName) { try loss.encodeConfig(to: $0) }
    }

    private func data(for loss: any Loss) -> (Variable, Tensor) {
        let probabilities = Tensor([0.7, 0.2, 0.1, 0.1, 0.3, 0.6], shape: [2, 3], dtype: .float64)
        if loss is SparseCategoricalCrossentropy { return (Variable(probabilities), Tensor([0, 2], shape: [2], dtype: .int64)) }
        return (Variable(probabilities), Tensor([1, 0, 0, 0, 0, 1], shape: [2, 3], dtype: .float64))
    }
}

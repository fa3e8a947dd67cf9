import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import Testing
import _NeuronaTestSupport

@Suite struct ActivationRegistryTests {
    private func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private func decode(_ json: String) throws -> ActivationFunction {
        try JSONDecoder().decode(ActivationFunction.self, from: Data(json.utf8))
    }

    @Test func kerasSpellingsResolveAndSaveTheRegisteredName() throws {
        for spelling in ["relu", "ReLU", "Relu", "RELU"] {
            let activation = try ActivationFunction(spelling)
            expectEqual(activation, .relu)
            try expectEqual(json(activation), #""relu""#)
        }
        try expectEqual(decode(#""LeakyReLU""#).name, "leaky_relu")
        try expectEqual(decode(#"{"name": "Leaky_ReLU", "alpha": 0.1}"#), ActivationFunction("leaky_relu", alpha: 0.1))
    }

    @Test func theJSONFormsAreKept() throws {
        try expectEqual(json(decode(#""tanh""#)), #""tanh""#)
        try expectEqual(json(decode(#"{"name": "leaky_relu", "alpha": 0.1}"#)), #"{"alpha":0.1,"name":"leaky_relu"}"#)
        // A bare name with settings left out stays bare; its defaults apply (leaky_relu: alpha 0.2).
        let leaky = try decode(#""leaky_relu""#)
        try expectEqual(json(leaky), #""leaky_relu""#)
        // leaky_relu(x) = x for x ≥ 0, alpha·x below: [-2, 3] → [-0.4, 3] with 0.2, [-0.2, 3] with 0.1.
        let x = Variable(Tensor([-2, 3], shape: [2], dtype: .float64))
        expectEqual(leaky(x).value.doubles, [-0.4, 3])
        try expectEqual(ActivationFunction("leaky_relu", alpha: 0.1)(x).value.doubles, [-0.2, 3])
    }

    @Test func aStringLiteralMakesTheActivation() throws {
        let dense = Dense(units: 2, activation: "relu")
        expectEqual(dense.config.activation, .relu)
        let softmax: ActivationFunction = "Softmax"
        expectEqual(softmax, .softmax)
    }

    @Test func anUnknownStringLiteralThrowsWhenTheLayerIsBuilt() throws {
        let dense = Dense(units: 2, activation: "rleu")
        #expect(throws: LayerError.invalidConfig(
            layer: "Dense",
            message: #"activation: unknown activation "rleu"; closest registered names: elu, relu; an activation of your own must be registered first (as with Keras's register_keras_serializable): register(_:package:) on its registry"#)) {
            try dense.build(inputShape: [3], seed: 1)
        }
        let conv = Conv2D(filters: 1, kernelSize: 1, activation: "swishh")
        #expect(throws: LayerError.self) { try conv.build(inputShape: [2, 2, 1], seed: 1) }
    }

    @Test func unknownNamesInJSONSayThePathAndTheClosestNames() throws {
        do {
            _ = try LayerRegistry.default.make(from: #"{"type": "Sequential", "layers": [{"type": "Dense", "units": 3, "activation": "sigmoud"}]}"#)
            Issue.record("no error")
        } catch {
            expectEqual("\(error)", #"layers[0].activation: unknown activation "sigmoud"; closest registered names: sigmoid; an activation of your own must be registered first (as with Keras's register_keras_serializable): register(_:package:) on its registry"#)
        }
        #expect(throws: RegistryError.unknownName(kind: "activation", name: "sigmoud", closest: ["sigmoid"])) {
            try ActivationFunction("sigmoud", settings: [:])
        }
        // `ActivationFunction("sigmoud")` with one literal argument is Swift's literal coercion
        // (SE-0213): the string-literal initializer, whose error comes when the layer is built.
        #expect(throws: InvalidSetting.self) { try ActivationFunction("sigmoud").requireRegistered() }
        // A setting the activation does not take.
        #expect(throws: RegistryError.invalidConfig(kind: "activation", path: "beta",
                                                    message: #"unexpected field "beta" for elu (its fields: alpha, name)"#)) {
            try ActivationFunction("elu", settings: ["beta": 1])
        }
    }

    @Test func aRegisteredActivationIsUsableFromJSON() throws {
        // A registry of one's own: x ↦ 2x + shift (shift 0 by default), made once per value.
        let registry = ActivationRegistry()
        try registry.register("double_plus", settings: NumericSettings(["shift": 0])) { s in
            let shift = s["shift"]
            return ActivationFunction(s) { x in x * 2 + shift }
        }
        let decoder = JSONDecoder()
        decoder.userInfo[ActivationRegistry.userInfoKey(kind: "activation")] = registry
        let activation = try decoder.decode(ActivationFunction.self, from: Data(#"{"name": "DoublePlus", "shift": 1}"#.utf8))
        expectEqual(activation.name, "double_plus")
        expectEqual(activation(Variable(Tensor([1, -1], shape: [2], dtype: .float64))).value.doubles, [3, -1])
    }

    @Test func everyBuiltInActivationIsRegistered() {
        #expect(Set(ActivationRegistry.default.names).isSuperset(of: ActivationFunction.names))
        #expect(ActivationFunction.names == ["cos", "elu", "gelu", "hard_tanh", "leaky_relu", "linear", "log_softmax", "rbf",
                                                       "relu", "sigmoid", "silu", "softmax", "softplus", "swish", "tanh"])
    }
}

import CustomLayers
import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import Testing
import _NeuronaTestSupport

/// The CustomLayers plugin registers activations and an initializer by name; a Dense layer uses
/// them from JSON.
@Suite struct CustomActivationsTests {
    /// The activations and the initializer go into the default registries (JSON descriptions use
    /// them); the layers into a registry of their own, so that the default layer registry keeps
    /// only the built-ins other suites list.
    init() throws { try CustomLayersPlugin.register(into: LayerRegistry()) }

    private func apply(_ activation: ActivationFunction, _ values: [Double]) -> [Double] {
        activation(Variable(Tensor(values, shape: [values.count], dtype: .float64))).value.doubles
    }

    /// Keras 3's hard_sigmoid: 0 for x ≤ −3, 1 for x ≥ 3, x/6 + 0.5 between (by hand: −1.5 → 0.25).
    @Test func hardSigmoidIsKerasFormula() throws {
        let values = apply(ActivationFunction("hard_sigmoid"), [-4, -3, -1.5, 0, 1.5, 3, 4])
        let expected = [0, 0, 0.25, 0.5, 0.75, 1, 1]
        for (v, e) in zip(values, expected) { #expect(abs(v - e) < 1e-15) }
        expectEqual(ActivationFunction("HardSigmoid").name, "hard_sigmoid")
    }

    /// Keras 3's soft_shrink: x − t above t, x + t below −t, 0 between (t = 0.5 by default).
    @Test func softShrinkTakesItsThreshold() throws {
        expectEqual(apply(ActivationFunction("soft_shrink"), [-1, -0.5, 0, 0.25, 2]), [-0.5, 0, 0, 0, 1.5])
        let values = apply(try ActivationFunction("soft_shrink", settings: ["threshold": 0.2]), [-1, -0.1, 0, 0.1, 1])
        let expected = [-0.8, 0, 0, 0, 0.8]
        for (v, e) in zip(values, expected) { #expect(abs(v - e) < 1e-15) }
        #expect(throws: RegistryError.invalidConfig(kind: "activation", path: "",
                                                    message: "soft_shrink: threshold must be a finite number ≥ 0, got -1.0")) {
            try ActivationFunction("soft_shrink", settings: ["threshold": -1])
        }
    }

    @Test func aDenseLayerUsesThePluginsActivationAndInitializerFromJSON() throws {
        // x·W with W all 0.5 and no bias: [1, 2, −1] → 1.0 per unit, shrunk by 0.2 → 0.8.
        let json = #"{"type": "Dense", "units": 2, "use_bias": false, "activation": {"name": "soft_shrink", "threshold": 0.2}, "kernel_initializer": {"name": "constant", "value": 0.5}}"#
        let dense = try LayerRegistry.default.make(from: json)
        try dense.build(inputShape: [3], seed: 1)
        let output = dense(Variable(Tensor([1, 2, -1, 0.2, 0, 0], shape: [2, 3], dtype: .float32))).value.doubles
        #expect(zip(output, [0.8, 0.8, 0, 0]).allSatisfy { abs($0 - $1) < 1e-6 })

        // truncated_normal (Keras's TruncatedNormal): every value within two standard deviations
        // of the mean; the standard deviation of a normal truncated at ±2σ is 0.8796·σ (Keras's
        // own scale constant for its variance-scaling initializers).
        let wide = try LayerRegistry.default.make(from: #"{"type": "Dense", "units": 50, "activation": "hard_sigmoid", "kernel_initializer": {"name": "truncated_normal", "mean": 0.5, "stddev": 0.1}}"#)
        try wide.build(inputShape: [100], seed: 3)
        let weights = try #require(wide.weights()["weight"]).doubles
        #expect(weights.allSatisfy { abs($0 - 0.5) <= 0.2 + 1e-6 })
        let mean = weights.reduce(0, +) / Double(weights.count)
        let deviation = (weights.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(weights.count)).squareRoot()
        #expect(abs(mean - 0.5) < 0.005)
        #expect(abs(deviation - 0.08796) < 0.005)

        // Saved with the registered names and every setting of the initializer.
        let saved = try LayerRegistry.json(for: wide)
        #expect(saved.contains(#""activation" : "hard_sigmoid""#))
        #expect(saved.contains(#""name" : "truncated_normal""#) && saved.contains(#""stddev" : 0.1"#))
        let again = try LayerRegistry.default.make(from: saved)
        try again.build(inputShape: [100], seed: 3)
        try expectEqual(LayerRegistry.json(for: again), saved)
    }

    @Test func anAnnouncedButUnregisteredNameNamesThePlugin() throws {
        CustomLayersPlugin.announce()
        let bare = ActivationRegistry()
        try bare.registerBuiltIns()
        let hint = "it is provided by the plugin CustomLayers: import CustomLayers and call CustomLayersPlugin.register(into:) first"
        do {
            _ = try bare.make("Hard_Sigmoid")
            Issue.record("no error")
        } catch {
            expectEqual("\(error)", #"unknown activation "Hard_Sigmoid"; "# + hint)
        }
        let initializers = InitializerRegistry()
        do {
            _ = try initializers.make("truncated_normal")
            Issue.record("no error")
        } catch {
            expectEqual("\(error)", #"unknown initializer "truncated_normal"; "# + hint)
        }
    }
}

import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaRecurrent
import Testing
import _NeuronaTestSupport

/// GRU's `reset_after` form (Keras's default): two biases, the reset gate applied after the
/// recurrent kernel. Its outputs against Keras's own are in Tests/NeuronaKerasTests (the
/// `gru_reset_after` fixture); here, its equations by hand in float64, its gradients (float64,
/// central differences), and the setting's JSON.
struct GRUResetAfterTests {
    /// A reset-after GRU with every weight drawn, both biases nonzero.
    static func layer(units: Int, features: Int, steps: Int, returnSequences: Bool = false) throws -> GRU {
        let gru = GRU(units: units, returnSequences: returnSequences, resetAfter: true)
        try gru.build(inputShape: [steps, features], seed: 4)
        var weights = gru.weights()
        for (i, key) in weights.keys.sorted().enumerated() { weights[key] = normal(weights[key]!.shape, seed: UInt64(40 + i)) }
        try gru.loadWeights(weights)
        gru.convertParameters(to: .float64)
        return gru
    }

    /// One step from h₀ = 0, where h·U = 0 and the recurrent bias b′ alone is inside the reset
    /// gate: z = σ(x·W_z + b_z + b′_z), r = σ(x·W_r + b_r + b′_r), h̃ = tanh(x·W_h + b_h + r·b′_h),
    /// h₁ = (1 − z)·h̃, computed here scalar by scalar.
    @Test func oneStepFollowsKerasEquations() throws {
        let (units, features) = (3, 2)
        let gru = try Self.layer(units: units, features: features, steps: 1)
        let w = gru.weights()
        let (kernel, bias, recurrentBias) = (w["weight"]!.doubles, w["bias"]!.doubles, w["recurrent_bias"]!.doubles)
        let x = normal([1, 1, features], seed: 9)
        let output = gru(Variable(x)).value.doubles
        func sigmoid(_ v: Double) -> Double { 1 / (1 + exp(-v)) }
        for j in 0..<units {
            func projected(_ gate: Int) -> Double {
                let column = gate * units + j
                return (0..<features).reduce(bias[column]) { $0 + x.doubles[$1] * kernel[$1 * 3 * units + column] }
            }
            let z = sigmoid(projected(0) + recurrentBias[j])
            let r = sigmoid(projected(1) + recurrentBias[units + j])
            let candidate = tanh(projected(2) + r * recurrentBias[2 * units + j])
            // A few roundings of values below 10: well inside 1e-12.
            #expect(abs(output[j] - (1 - z) * candidate) <= 1e-12, "unit \(j)")
        }
    }

    @Test func gradientsWithBothBiasesNonzero() throws {
        for returnSequences in [false, true] {
            let gru = try Self.layer(units: 3, features: 2, steps: 4, returnSequences: returnSequences)
            let result = GradientChecker.check(layer: gru, input: normal([2, 4, 2], seed: 11), tolerance: 1e-5)
            #expect(result.passed, "return_sequences \(returnSequences): \(result)")
        }
    }

    /// `reset_after` defaults to false, so GRUs saved before the setting existed (no
    /// `reset_after`, no `recurrent_bias`) load and save as they were; true adds `recurrent_bias`.
    @Test func settingAndWeightsInJSON() throws {
        let registry = try pluginRegistry()
        let old = try registry.make(from: #"{"type": "GRU", "units": 2}"#)
        try old.build(inputShape: [3, 2], seed: 1)
        expectEqual(Set(old.weights().keys), ["weight", "recurrent_weight", "bias"])
        // Written as before the setting existed (Fixtures/SavedModels holds such a GRU).
        let saved = try JSONSerialization.jsonObject(with: Data(LayerRegistry.json(for: old).utf8)) as? [String: Any]
        #expect(saved?["reset_after"] == nil)
        let new = try registry.make(from: #"{"type": "GRU", "units": 2, "reset_after": true}"#)
        try new.build(inputShape: [3, 2], seed: 1)
        expectEqual(new.weights()["recurrent_bias"]?.shape, [6])
        #expect(throws: (any Error).self) { try registry.make(from: #"{"type": "LSTM", "units": 2, "reset_after": true}"#) }
    }
}

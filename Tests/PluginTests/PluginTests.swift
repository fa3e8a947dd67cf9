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

/// A registry with the built-ins and every plugin.
func pluginRegistry() throws -> LayerRegistry {
    let registry = LayerRegistry()
    try registry.registerBuiltIns()
    try ResidualPlugin.register(into: registry)
    try NormalizationPlugin.register(into: registry)
    try RecurrentPlugin.register(into: registry)
    try AttentionPlugin.register(into: registry)
    return registry
}

func normal(_ shape: [Int], seed: UInt64) -> Tensor {
    var g = RandomGenerator(seed: seed)
    return Tensor.normal(shape, dtype: .float64, using: &g)
}

struct PluginGradientTests {
    static let cases: [(String, [Int], [Int])] = [
        (#"{"type": "ResidualBlock", "layers": [{"type": "Dense", "units": 4, "activation": "tanh"}, {"type": "Dense", "units": 4}], "activation": "tanh"}"#, [4], [3, 4]),
        (#"{"type": "ResidualBlock", "layers": [{"type": "Dense", "units": 3, "activation": "tanh"}]}"#, [5], [2, 5]),
        (#"{"type": "ResidualBlock", "layers": [{"type": "Conv2D", "filters": 3, "kernel_size": 3, "padding": "same", "strides": 2}]}"#, [4, 4, 2], [2, 4, 4, 2]),
        (#"{"type": "LayerNormalization"}"#, [5], [3, 5]),
        (#"{"type": "SimpleRNN", "units": 3}"#, [4, 2], [2, 4, 2]),
        (#"{"type": "SimpleRNN", "units": 3, "return_sequences": true}"#, [3, 2], [2, 3, 2]),
        (#"{"type": "LSTM", "units": 3}"#, [4, 2], [2, 4, 2]),
        (#"{"type": "LSTM", "units": 2, "return_sequences": true}"#, [3, 2], [2, 3, 2]),
        (#"{"type": "GRU", "units": 3}"#, [4, 2], [2, 4, 2]),
        (#"{"type": "GRU", "units": 3, "reset_after": true}"#, [4, 2], [2, 4, 2]),
        (#"{"type": "GRU", "units": 2, "return_sequences": true, "reset_after": true}"#, [3, 2], [2, 3, 2]),
        (#"{"type": "MultiHeadAttention", "num_heads": 2, "key_dim": 3}"#, [4, 5], [2, 4, 5]),
        (#"{"type": "MultiHeadAttention", "num_heads": 2, "key_dim": 2, "use_causal_mask": true}"#, [3, 4], [2, 3, 4]),
        (#"{"type": "TransformerEncoder", "num_heads": 2, "key_dim": 2, "ff_dim": 6}"#, [3, 4], [2, 3, 4]),
        (#"{"type": "PositionalEncoding"}"#, [3, 4], [2, 3, 4]),
    ]

    @Test(arguments: 0..<cases.count)
    func everyPluginLayerHasCorrectGradients(_ i: Int) throws {
        let (json, shape, batch) = Self.cases[i]
        let layer = try pluginRegistry().make(from: json)
        try layer.build(inputShape: shape, seed: UInt64(i + 1))
        let result = GradientChecker.check(layer: layer, input: normal(batch, seed: UInt64(i)), tolerance: 1e-5)
        #expect(result.passed, "\(json): \(result)")
    }

    @Test func batchNormalizationGradientsInTrainingAndInference() throws {
        for training in [true, false] {
            for shape in [[4], [3, 3, 2]] {
                let bn = BatchNormalization(momentum: 0.9)
                try bn.build(inputShape: shape, seed: 0)
                bn.isTraining = training
                let result = GradientChecker.check(layer: bn, input: normal([5] + shape, seed: 3), tolerance: 1e-5)
                #expect(result.passed, "training \(training), shape \(shape): \(result)")
            }
        }
    }

    @Test func everyPluginLayerRoundTripsThroughJSON() throws {
        let registry = try pluginRegistry()
        for (json, shape, batch) in Self.cases {
            let layer = try registry.make(from: json)
            try layer.build(inputShape: shape, seed: 5)
            let text = try LayerRegistry.json(for: layer)
            let copy = try registry.make(from: text)
            try expectEqual(LayerRegistry.json(for: copy), text)
            try copy.build(inputShape: shape, seed: 99)
            try copy.loadWeights(layer.weights())
            let x = Variable(normal(batch, seed: 1).converted(to: .float32))
            #expect(layer(x).value.isIdentical(to: copy(x).value), "\(json)")
        }
    }
}

struct BatchNormalizationTests {
    @Test func trainingUsesBatchStatisticsAndUpdatesTheRunningOnes() throws {
        let bn = BatchNormalization(momentum: 0.9, epsilon: 1e-3)
        try bn.build(inputShape: [2], seed: 0)
        bn.convertParameters(to: .float64)
        bn.isTraining = true
        let x = Tensor([[1, 10], [3, 20], [5, 30]], dtype: .float64)
        let y = bn(Variable(x)).value
        // Each column: mean 0, variance var/(var + ε).
        #expect(y.mean(axes: [0]).abs().max().item < 1e-12)
        #expect(abs(y.variance(axes: [0]).doubles[0] - (8.0 / 3) / (8.0 / 3 + 1e-3)) < 1e-12)
        // running = 0.9·initial + 0.1·batch
        #expect(isClose(bn.runningMean!.value, Tensor([0.3, 2.0], dtype: .float64), absolute: 1e-12))
        #expect(isClose(bn.runningVariance!.value, Tensor([0.9 + 0.1 * 8 / 3, 0.9 + 0.1 * 200 / 3], dtype: .float64), absolute: 1e-12))
        // Inference uses the running statistics and changes nothing.
        bn.isTraining = false
        let z = bn(Variable(x)).value
        #expect(isClose(z, (x - bn.runningMean!.value) / (bn.runningVariance!.value + 1e-3).sqrt(), absolute: 1e-12))
        #expect(isClose(bn.runningMean!.value, Tensor([0.3, 2.0], dtype: .float64), absolute: 1e-12))
        // The buffers are saved with the weights and get no gradient.
        expectEqual(Set(bn.weights().keys), ["weight", "bias", "running_mean", "running_var"])
        #expect(bn.namedParameters().count == 2 && !bn.runningMean!.requiresGrad)
    }

    @Test func imagesAreNormalizedPerChannel() throws {
        let bn = BatchNormalization()
        try bn.build(inputShape: [4, 4, 3], seed: 0)
        bn.isTraining = true
        let y = bn(Variable(Tensor.normal([6, 4, 4, 3], mean: 5, standardDeviation: 2, dtype: .float32, using: &RandomGeneratorBox.shared.g))).value
        #expect(y.mean(axes: [0, 1, 2]).abs().max().item < 1e-5)
        expectEqual(bn.runningMean!.shape, [3])
    }
}

final class RandomGeneratorBox: @unchecked Sendable {
    var g = RandomGenerator(seed: 77)
    static let shared = RandomGeneratorBox()
}

struct PluginBehaviourTests {
    @Test func recurrentShapesAndStatefulness() throws {
        let lstm = LSTM(units: 5, returnSequences: true)
        try expectEqual(lstm.build(inputShape: [7, 3], seed: 1), [7, 5])
        expectEqual(lstm(Variable(Tensor.zeros([2, 7, 3]))).shape, [2, 7, 5])
        #expect(lstm.weights()["bias"]!.doubles[5..<10].allSatisfy { $0 == 1 })   // forget gate starts at 1
        let gru = GRU(units: 4)
        try expectEqual(gru.build(inputShape: [6, 2], seed: 1), [4])
        // The last state depends on the first step: gradients flow through time.
        let x = Variable(normal([1, 6, 2], seed: 2).converted(to: .float32), requiresGrad: true)
        try gru(x).sum().backward()
        #expect(x.grad![0, 0].abs().sum().item > 0)
    }

    @Test func attentionMasksAndCausality() throws {
        // With a mask that hides every key but the first, each query returns the first value.
        let q = Variable(normal([1, 3, 4], seed: 1)), k = Variable(normal([1, 3, 4], seed: 2)), v = Variable(normal([1, 3, 4], seed: 3))
        let onlyFirst = Tensor([true, false, false], shape: [1, 3])
        let out = scaledDotProductAttention(query: q, key: k, value: v, mask: onlyFirst)
        for i in 0..<3 { #expect(isClose(out.value[0, i], v.value[0, 0], absolute: 1e-12)) }
        expectEqual(causalMask(3).scalars(as: Bool.self), [true, false, false, true, true, false, true, true, true])
        // A causal layer's first output cannot depend on later steps.
        let mha = MultiHeadAttention(heads: 2, keyDim: 2, causal: true)
        try mha.build(inputShape: [4, 3], seed: 1)
        let x = Variable(normal([1, 4, 3], seed: 4).converted(to: .float32), requiresGrad: true)
        try mha(x)[0, 0].sum().backward()
        expectEqual(x.grad![0, 1...].abs().max().item, 0)
        #expect(x.grad![0, 0].abs().max().item > 0)
        expectEqual(PositionalEncoding.table(steps: 2, width: 4).doubles, [0, 1, 0, 1, sin(1.0), cos(1.0), sin(0.01), cos(0.01)])
    }

    @Test func residualBlockShortcuts() throws {
        let identity = ResidualBlock([Dense(units: 4)])
        try identity.build(inputShape: [4], seed: 1)
        #expect(identity.projection == nil)
        expectEqual(identity.namedParameters().map(\.name), ["layers.0.weight", "layers.0.bias"])
        let projected = ResidualBlock([Dense(units: 6)])
        try projected.build(inputShape: [4], seed: 1)
        expectEqual(projected.namedParameters().map(\.name).last, "shortcut.weight")
        #expect(throws: LayerError.self) { try ResidualBlock([Dense(units: 6)], shortcut: .identity).build(inputShape: [4], seed: 1) }
    }

    @Test func registrationIsExplicitIdempotentAndNamesThePlugin() throws {
        let registry = LayerRegistry()
        try registry.registerBuiltIns()
        // An application announces every plugin it links, so that forgetting to register one
        // still names it.
        NormalizationPlugin.announce()
        do {
            _ = try registry.make(from: #"{"type": "Sequential", "layers": [{"type": "BatchNormalization"}]}"#)
            Issue.record("an unregistered plugin type was accepted")
        } catch {
            expectEqual("\(error)", #"layers[0].type: unknown layer type "BatchNormalization"; it is provided by the plugin NeuronaNormalization: import NeuronaNormalization and call NormalizationPlugin.register(into:) first"#)
        }
        try NormalizationPlugin.register(into: registry)
        try NormalizationPlugin.register(into: registry)
        expectEqual(registry.names.filter { $0 == "NeuronaNormalization>BatchNormalization" }.count, 1)
        #expect(try registry.make(from: #"{"type": "BatchNormalization", "momentum": 0.9}"#) is BatchNormalization)
    }
}

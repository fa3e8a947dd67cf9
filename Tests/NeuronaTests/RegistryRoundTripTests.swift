import Foundation
import Neurona
import Testing
import _NeuronaTestSupport

/// The round trip every registered name of every kind goes through (config → JSON → config →
/// same JSON and same outputs), and the behaviours the one registry design gives every kind.
/// Layers' round trip over every registered type is `everyBuiltInLayerRoundTrips` (NeuronaLayersTests)
/// and the plugins' `PluginConfigTests`; their JSON is checked here for names too.
@Suite struct RegistryRoundTripTests {
    private static func encode(type: String, _ write: @escaping (Encoder) throws -> Void) throws -> String {
        try typedJSON(type: type, write)
    }

    private static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func everyOptimizerRoundTripsAndStepsTheSame() throws {
        for name in OptimizerRegistry.default.names {
            let first = try OptimizerRegistry.default.make(name, settings: ["learning_rate": .double(0.05)])
            let json = try Self.encode(type: first.typeName) { try first.encodeConfig(to: $0) }
            let second = try OptimizerRegistry.default.make(fromJSON: json)
            try expectEqual(Self.encode(type: second.typeName) { try second.encodeConfig(to: $0) }, json, "\(name)")
            var results: [[Double]] = []
            for optimizer in [first, second] {
                let p = Variable(Tensor([1, -2, 3], shape: [3], dtype: .float64), requiresGrad: true)
                for _ in 0..<3 {
                    p.grad = Tensor([0.5, -1, 2], shape: [3], dtype: .float64)
                    optimizer.step([NamedParameter("w", p)])
                }
                results.append(p.value.doubles)
            }
            expectEqual(results[0], results[1], "\(name)")
        }
    }

    @Test func everyLossRoundTripsAndComputesTheSame() throws {
        let predictions = Variable(Tensor([0.7, 0.2, 0.1, 0.1, 0.3, 0.6], shape: [2, 3], dtype: .float64))
        for name in LossRegistry.default.names {
            let first = try LossRegistry.default.make(name)
            let json = try Self.encode(type: first.typeName) { try first.encodeConfig(to: $0) }
            let second = try LossRegistry.default.make(fromJSON: json)
            try expectEqual(Self.encode(type: second.typeName) { try second.encodeConfig(to: $0) }, json, "\(name)")
            let targets = first is SparseCategoricalCrossentropy ? Tensor([0, 2], shape: [2], dtype: .int64)
                : Tensor([1, 0, 0, 0, 0, 1], shape: [2, 3], dtype: .float64)
            expectEqual(first(predictions, targets).value.doubles, second(predictions, targets).value.doubles, "\(name)")
        }
    }

    @Test func everyActivationRoundTripsAndComputesTheSame() throws {
        let x = Variable(Tensor([-2, -0.5, 0, 0.5, 2, 3], shape: [2, 3], dtype: .float64))
        for name in ActivationRegistry.default.names {
            let first = try ActivationFunction(name)
            let json = try Self.json(first)
            let second = try JSONDecoder().decode(ActivationFunction.self, from: Data(json.utf8))
            expectEqual(second, first, "\(name)")
            try expectEqual(Self.json(second), json, "\(name)")
            expectEqual(first(x).value.doubles, second(x).value.doubles, "\(name)")
        }
    }

    @Test func everyInitializerRoundTripsAndDrawsTheSame() throws {
        for name in InitializerRegistry.default.names {
            let first = try Initializer(name)
            let json = try Self.json(first)
            let second = try JSONDecoder().decode(Initializer.self, from: Data(json.utf8))
            expectEqual(second, first, "\(name)")
            try expectEqual(Self.json(second), json, "\(name)")
            var (g1, g2) = (RandomGenerator(seed: 9), RandomGenerator(seed: 9))
            #expect(first.make([4, 3], fanIn: 4, fanOut: 3, generator: &g1).doubles
                    == second.make([4, 3], fanIn: 4, fanOut: 3, generator: &g2).doubles, "\(name)")
        }
    }

    @Test func everyMetricResolvesItsKerasSpellingsToTheSameMetric() throws {
        // One probability and one 0/1 target per example: data every metric takes.
        let predictions = Tensor([0.9, 0.2, 0.6], shape: [3, 1])
        let targets = Tensor([1, 0, 0], shape: [3, 1])
        for name in MetricRegistry.default.names {
            let first = try MetricRegistry.default.make(name)
            let second = try MetricRegistry.default.make(fromJSON: #"{"type": "\#(name.uppercased())", "name": "\#(first.name)"}"#)
            #expect(type(of: first) == type(of: second) && first.name == second.name, "\(name)")
            first.update(predictions: predictions, targets: targets)
            second.update(predictions: predictions, targets: targets)
            #expect(first.result() == second.result() || (first.result().isNaN && second.result().isNaN), "\(name)")
        }
    }

    /// The same behaviours for every kind: Keras's spellings resolve (except layer types, exact
    /// as Keras's `class_name`), an unknown name lists the closest names.
    @Test func everyKindResolvesKerasSpellingsAndListsClosestNames() throws {
        try expectEqual(OptimizerRegistry.default.make("Adam").typeName, "adam")
        try expectEqual(OptimizerRegistry.default.make("SGD").typeName, "sgd")
        try expectEqual(OptimizerRegistry.default.make("RMSprop").typeName, "rmsprop")
        try expectEqual(LossRegistry.default.make("MSE").typeName, "mean_squared_error")
        try expectEqual(MetricRegistry.default.make("Accuracy").name, "accuracy")
        expectEqual(ActivationFunction("ReLU"), .relu)
        try expectEqual(Initializer("GlorotUniform"), .glorotUniform)
        let errors: [(String, () throws -> Any)] = [
            (#"unknown optimizer "adamm"; closest registered names: adam, adamw; an optimizer of your own must be registered first (as with Keras's register_keras_serializable): register(_:package:) on its registry"#, { try OptimizerRegistry.default.make("adamm") }),
            (#"unknown loss "msee"; closest registered names: mse, mae; a loss of your own must be registered first (as with Keras's register_keras_serializable): register(_:package:) on its registry"#, { try LossRegistry.default.make("msee") }),
            (#"unknown metric "acuracy"; closest registered names: accuracy; a metric of your own must be registered first (as with Keras's register_keras_serializable): register(_:package:) on its registry"#, { try MetricRegistry.default.make("acuracy") }),
            (#"unknown activation "rleu"; closest registered names: elu, relu; an activation of your own must be registered first (as with Keras's register_keras_serializable): register(_:package:) on its registry"#, { try ActivationFunction("rleu", settings: [:]) }),
            (#"unknown initializer "zeroes"; closest registered names: zeros; an initializer of your own must be registered first (as with Keras's register_keras_serializable): register(_:package:) on its registry"#, { try Initializer("zeroes") }),
            (#"type: unknown layer type "dense"; closest registered names: Dense; a layer type of your own must be registered first (as with Keras's register_keras_serializable): register(_:package:) on its registry"#, { try LayerRegistry.default.make(from: #"{"type": "dense", "units": 1}"#) }),
        ]
        for (expected, make) in errors {
            do { _ = try make(); Issue.record("no error for \(expected)") } catch { expectEqual("\(error)", expected) }
        }
    }

    /// A name a plugin announced but nobody registered names the plugin and its entry point, for
    /// every kind (here an optimizer, looked up with another case).
    @Test func anUnknownOptimizerNamesTheAnnouncingPlugin() throws {
        // What the plugin's `announce()` does: register into a registry of its own, which records the name.
        try OptimizerRegistry().register(SGD.self, package: PluginPackage("AcmeOptimizers", entryPoint: "AcmeOptimizers.register(into:)"),
                                         as: ["lion"])
        do {
            _ = try OptimizerRegistry.default.make(fromJSON: #"{"type": "Lion", "learning_rate": 0.001}"#)
            Issue.record("no error")
        } catch {
            expectEqual("\(error)", #"type: unknown optimizer "Lion"; it is provided by the plugin AcmeOptimizers: import AcmeOptimizers and call AcmeOptimizers.register(into:) first"#)
        }
    }

    /// A model compiled with Keras's spellings saves the registered names.
    @Test func savedJSONKeepsTheCanonicalNames() throws {
        let network = try LayerRegistry.default.make(from: #"{"type": "Dense", "units": 2, "activation": "ReLU", "kernel_initializer": "GlorotUniform"}"#)
        let saved = try LayerRegistry.json(for: network)
        #expect(saved.contains(#""activation" : "relu""#) && saved.contains(#""kernel_initializer" : "glorot_uniform""#))
    }
}

import Foundation
import Neurona
import Testing
import _NeuronaTestSupport

/// Every kind registers through the one path (`register(_:package:…)` into the one generic
/// factory), so every kind passes the same checks: registered under a package, it is made by its
/// plain and its namespaced name; its JSON names it plainly and makes it again; a typo gets the
/// closest names and how to register one; another registrant of the same name is a typed error
/// naming both. Each kind goes into a registry of its own, so the default ones are untouched.
@Suite struct RegistrationPathTests {
    static let acme = PluginPackage("Acme", entryPoint: "AcmePlugin.register()")

    /// The checks, for a registry whose `register` (called twice: harmless) puts `name` under
    /// ``acme``, and whose `registerOther` tries to put something else there.
    private func expectOnePath<Product>(_ registry: Registry<Product>, name: String, typo: String,
                                        register: () throws -> Void, registerOther: () throws -> Void,
                                        json: (Product) throws -> String,
                                        sourceLocation: SourceLocation = #_sourceLocation) throws {
        try register()
        try register()
        expectEqual(registry.names, ["Acme>\(name)"], sourceLocation: sourceLocation)
        let plain = try registry.make(name)
        let namespaced = try registry.make("Acme>\(name)")
        let text = try json(plain)
        try expectEqual(json(namespaced), text, sourceLocation: sourceLocation)
        try expectEqual(json(registry.make(fromJSON: text)), text, sourceLocation: sourceLocation)
        #expect(!text.contains("Acme>"), "saved JSON names the plain name", sourceLocation: sourceLocation)
        let article = "aeiou".contains(registry.kind.first!) ? "an" : "a"
        #expect(throws: RegistryError.unknownName(kind: registry.kind, name: typo, closest: [name]), sourceLocation: sourceLocation) {
            try registry.make(typo)
        }
        do { _ = try registry.make(typo) } catch {
            #expect("\(error)" == #"unknown \#(registry.kind) "\#(typo)"; closest registered names: \#(name); \#(article) \#(registry.kind) of your own must be registered first (as with Keras's register_keras_serializable): register(_:package:) on its registry"#,
                    sourceLocation: sourceLocation)
        }
        do {
            try registerOther()
            Issue.record("a second registrant was accepted", sourceLocation: sourceLocation)
        } catch RegistryError.duplicateName(let kind, let duplicate, let registrant, let existing) {
            #expect(kind == registry.kind && duplicate == "Acme>\(name)" && registrant != existing, sourceLocation: sourceLocation)
        }
        expectEqual(PluginCatalog.plugin(providing: name, kind: registry.kind)?.plugin, "Acme", sourceLocation: sourceLocation)
    }

    private static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func layers() throws {
        let registry = LayerRegistry()
        try expectOnePath(registry, name: "Flatten", typo: "Flaten",
                          register: { try registry.register(Flatten.self, package: Self.acme) },
                          registerOther: { try registry.register(Dropout.self, package: Self.acme, as: ["Flatten"]) },
                          json: { try LayerRegistry.json(for: $0) })
        // A layer with required settings is made from JSON, by its namespaced name too.
        try registry.register(Dense.self, package: Self.acme)
        let dense = try registry.make(from: #"{"type": "Acme>Dense", "units": 3}"#)
        #expect(try LayerRegistry.json(for: dense).contains(#""type" : "Dense""#))
    }

    @Test func losses() throws {
        let registry = LossRegistry()
        try expectOnePath(registry, name: "huber", typo: "hubre",
                          register: { try registry.register(Huber.self, package: Self.acme, as: ["huber"]) },
                          registerOther: { try registry.register(MeanSquaredError.self, package: Self.acme, as: ["huber"]) },
                          json: { loss in try typedJSON(type: loss.typeName) { try loss.encodeConfig(to: $0) } })
    }

    @Test func optimizers() throws {
        let registry = OptimizerRegistry()
        try expectOnePath(registry, name: "adam", typo: "adma",
                          register: { try registry.register(Adam.self, package: Self.acme) },
                          registerOther: { try registry.register(SGD.self, package: Self.acme, as: ["adam"]) },
                          json: { optimizer in try typedJSON(type: optimizer.typeName) { try optimizer.encodeConfig(to: $0) } })
    }

    @Test func metrics() throws {
        let registry = MetricRegistry()
        func register(k: Int) throws {
            try registry.register("top_2", package: Self.acme, settings: MetricSettings()) { s in TopKAccuracy(k: k, name: s.shownName) }
        }
        try expectOnePath(registry, name: "top_2", typo: "top_3",
                          register: { try register(k: 2) },
                          registerOther: { try registry.register("top_2", package: Self.acme, settings: MetricSettings()) { _ in Accuracy() } },
                          json: { metric in #"{"name": "\#(metric.name)", "type": "top_2"}"# })
        try expectEqual(registry.make("Acme>top_2").name, "top_2")
    }

    @Test func activations() throws {
        let registry = ActivationRegistry()
        func register() throws {
            try registry.register("shifted_relu", package: Self.acme, settings: NumericSettings(["shift": 1])) { s in
                let shift = s["shift"]
                return ActivationFunction(s) { ($0 - shift).relu() }
            }
        }
        let decoder = JSONDecoder()
        decoder.userInfo[registry.userInfoKey] = registry
        try expectOnePath(registry, name: "shifted_relu", typo: "shifted_rleu",
                          register: register,
                          registerOther: { try registry.register("shifted_relu", package: Self.acme, settings: NumericSettings()) {
                              ActivationFunction($0) { $0 } } },
                          json: { try Self.json($0) })
        let given = try decoder.decode(ActivationFunction.self, from: Data(#"{"name": "Acme>shifted_relu", "shift": 2}"#.utf8))
        try expectEqual(Self.json(given), #"{"name":"shifted_relu","shift":2}"#)
        // max(x − 2, 0) at x = 3 and x = 1, by hand.
        expectEqual(given(Variable(Tensor([3, 1], shape: [2], dtype: .float64))).value.doubles, [1, 0])
    }

    @Test func initializers() throws {
        let registry = InitializerRegistry()
        func register() throws {
            try registry.register("filled", package: Self.acme, settings: NumericSettings(["value": 2])) { s in
                let value = s["value"]
                return Initializer(s) { shape, _, _, dtype, _ in Tensor.full(shape, value: value, dtype: dtype) }
            }
        }
        try expectOnePath(registry, name: "filled", typo: "filed",
                          register: register,
                          registerOther: { try registry.register("filled", package: Self.acme, settings: NumericSettings()) { s in
                              Initializer(s) { shape, _, _, dtype, _ in Tensor.zeros(shape, dtype: dtype) } } },
                          json: { try Self.json($0) })
        var generator = RandomGenerator(seed: 1)
        try expectEqual(registry.make("filled").make([2], fanIn: 1, fanOut: 1, generator: &generator).doubles, [2, 2])
    }

    /// A custom op is only a name on the tape: the same package and name give the same op, and
    /// two packages' ops of the same name are two ops.
    @Test func customOps() {
        let acme = DifferentiableOp.register("square", package: "Acme")
        expectEqual(acme.rawValue, "Acme>square")
        expectEqual(DifferentiableOp.register("square", package: "Acme"), acme)
        #expect(DifferentiableOp.register("square", package: "Globex") != acme)
        expectEqual(DifferentiableOp.registered.filter { $0 == acme }.count, 1)
    }
}

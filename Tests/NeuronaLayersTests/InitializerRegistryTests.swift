import Foundation
import NeuronaCore
import NeuronaLayers
import Testing
import _NeuronaTestSupport

@Suite struct InitializerRegistryTests {
    private func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    private func decode(_ json: String) throws -> Initializer {
        try JSONDecoder().decode(Initializer.self, from: Data(json.utf8))
    }

    @Test func theJSONFormsAreKept() throws {
        try expectEqual(json(Initializer.glorotUniform), #""glorot_uniform""#)
        try expectEqual(json(Initializer.constant(0.1)), #"{"name":"constant","value":0.1}"#)
        try expectEqual(json(Initializer.randomUniform(min: -1, max: 2)), #"{"max":2,"min":-1,"name":"random_uniform"}"#)
        try expectEqual(json(Initializer.randomNormal(mean: 0, standardDeviation: 0.5)), #"{"mean":0,"name":"random_normal","stddev":0.5}"#)
        // Settings left out take Keras's defaults, and are saved (random_normal: mean 0, stddev 0.05).
        try expectEqual(decode(#"{"name": "random_normal", "mean": 1}"#), .randomNormal(mean: 1, standardDeviation: 0.05))
        try expectEqual(decode(#""constant""#), .constant(0))
    }

    @Test func kerasSpellingsResolve() throws {
        try expectEqual(decode(#""GlorotUniform""#), .glorotUniform)
        try expectEqual(decode(#""He_Normal""#), .heNormal)
        try expectEqual(Initializer("Zeros"), .zeros)
    }

    @Test func unknownNamesListTheClosestNames() throws {
        #expect(throws: RegistryError.unknownName(kind: "initializer", name: "glorot_uniformm", closest: ["glorot_uniform", "glorot_normal", "lecun_uniform"])) {
            try Initializer("glorot_uniformm")
        }
        do {
            _ = try LayerRegistry.default.make(from: #"{"type": "Dense", "units": 2, "kernel_initializer": "he_unifrom"}"#)
            Issue.record("no error")
        } catch {
            #expect("\(error)".hasPrefix(#"kernel_initializer: unknown initializer "he_unifrom"; closest registered names: he_uniform"#))
        }
    }

    @Test func aRegisteredInitializerDrawsWithItsSettings() throws {
        let registry = InitializerRegistry()
        try registry.register("arange", settings: NumericSettings(["start": 0])) { s in
            let start = s["start"]
            return Initializer(s) { shape, _, _, dtype, _ in
                Tensor((0..<shape.reduce(1, *)).map { start + Double($0) }, shape: shape, dtype: dtype)
            }
        }
        let initializer = try registry.make("arange", settings: ["start": .double(5)])
        var generator = RandomGenerator(seed: 1)
        expectEqual(initializer.make([3], fanIn: 1, fanOut: 1, generator: &generator).doubles, [5, 6, 7])
        expectEqual(initializer.settings, ["start": 5])
    }

    @Test func everyBuiltInInitializerIsRegistered() {
        #expect(Set(InitializerRegistry.default.names).isSuperset(of: Initializer.names))
        #expect(Initializer.names == ["constant", "glorot_normal", "glorot_uniform", "he_normal", "he_uniform", "lecun_normal",
                                                      "lecun_uniform", "ones", "random_normal", "random_uniform", "zeros"])
    }
}

import CustomLayers
import Foundation
import Lessons
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import Testing
import _NeuronaTestSupport

/// The plugin lessons (issue 7) and the third-party layer.
struct PluginLessonTests {
    @Test func residualBlocksKeepTheGradientAlive() throws {
        let r = try ResidualLesson.run(TrainingLessonTests.options(epochs: 15))
        let plain = r.numbers("plain_grad_norms")!, residual = r.numbers("residual_grad_norms")!
        // One norm per hidden layer, each of its Dense kernel (not batch norm's scale, also
        // called `weight`): the names say which parameter each norm measured.
        func names(_ key: String) -> [String] {
            guard case .array(let items)? = r.figures[key] else { return [] }
            return items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
        }
        expectEqual(names("plain_grad_norm_parameters"), (0..<20).map { "layers.\($0).weight" })
        expectEqual(names("residual_grad_norm_parameters"), ["layers.0.weight"] + (1..<20).map { "layers.\($0).layers.0.weight" })
        #expect(plain.count == 20 && residual.count == 20)
        // The plain net's gradient shrinks at every layer toward the input (σ' ≤ 1/4; measured
        // 4e-2 at layer 19, 1.4e-14 at layer 0), so its first layer's is many orders of magnitude below its last.
        #expect(zip(plain.dropFirst(), plain).allSatisfy { $0 > $1 }, "\(plain)")
        #expect(plain.first! < plain.last! * 1e-6)
        // The residual net's stays within two orders of magnitude at every layer (measured 0.08 to 0.87).
        #expect(residual.allSatisfy { $0 > residual.max()! * 1e-2 }, "\(residual)")
        #expect(r.number("residual_accuracy")! > 0.9)
        #expect(r.number("residual_accuracy")! > r.number("plain_accuracy")! + 0.2)
    }

    @Test func threeTopologiesFromJSON() throws {
        let r = try ArchitecturesLesson.run(TrainingLessonTests.options(epochs: 8))
        // Parameter counts by hand from the JSON files, and the accuracy each task reaches after 8
        // epochs (measured: moons 1.0, digits 0.86, sums 0.985; chance: 0.5, 0.1, 0.5).
        let expected: [String: (parameters: Double, accuracy: Double)] = [
            // Dense 2→32, Maxout 32→16×3, Dense 16→2.
            "sequential": (Double(2 * 32 + 32 + 32 * 48 + 48 + 16 * 2 + 2), 0.95),
            // 1×1 (1→8), 1×1 reduce (1→4), 3×3 (4→8), 5×5 (4→8), pool projection 1×1 (1→8), Dense 32→10.
            "inception": (Double((8 + 8) + (4 + 4) + (9 * 4 * 8 + 8) + (25 * 4 * 8 + 8) + (8 + 8) + (32 * 10 + 10)), 0.8),
            // LSTM(16) on 1 feature: 4 gates × (16·(1 + 16) + 16); Dense 16→1.
            "recurrent": (Double(4 * (16 * 17 + 16) + 17), 0.93),
        ]
        for (name, want) in expected {
            guard case .object(let figures)? = r.figures[name], case .number(let parameters)? = figures["parameters"],
                  case .number(let accuracy)? = figures["test_accuracy"] else {
                Issue.record("no figures for \(name)")
                continue
            }
            expectEqual(parameters, want.parameters, "\(name)")
            #expect(accuracy >= want.accuracy, "\(name): \(accuracy)")
        }
    }

    @Test func sequenceModelsLearnTheRunningSum() throws {
        let r = try SequenceLesson.run(TrainingLessonTests.options(epochs: 10, trainLimit: 600))
        for name in ["lstm", "transformer"] {
            guard case .object(let figures)? = r.figures[name], case .number(let r2)? = figures["final_metric"] else {
                Issue.record("no figures for \(name)")
                continue
            }
            #expect(r2 > 0.8, "\(name): R² \(r2)")
        }
    }

    @Test func theThirdPartyMaxoutLayerWorksFromJSON() throws {
        let registry = LayerRegistry()
        try registry.registerBuiltIns()
        #expect(throws: LayerError.self) { try registry.make(from: #"{"type": "Maxout", "units": 2}"#) }
        try CustomLayersPlugin.register(into: registry)
        let layer = try registry.make(from: #"{"type": "Maxout", "units": 2, "pieces": 3}"#)
        try layer.build(inputShape: [4], seed: 1)
        try layer.loadWeights(["weight": Tensor((0..<24).map { Double($0 % 5) - 2 }, shape: [4, 6]), "bias": Tensor.zeros([6])])
        let x = Tensor([[1, 0, 0, 0]])
        // Row 0 of the weight: [-2, -1, 0, 1, 2, -2] → units (−2, −1, 0) and (1, 2, −2): maxima 0 and 2.
        expectEqual(layer(Variable(x)).value.doubles, [0, 2])
        var g = RandomGenerator(seed: 2)
        #expect(GradientChecker.check(layer: layer, input: Tensor.normal([3, 4], dtype: .float64, using: &g)).passed)
        let json = try LayerRegistry.json(for: layer)
        try expectEqual(LayerRegistry.json(for: registry.make(from: json)), json)
    }

    @Test func anUnregisteredThirdPartyLayerNamesItsPluginAsNeuronasOwnDo() throws {
        // The core names no plugin: the hint comes from the plugin's own announcement.
        CustomLayersPlugin.announce()
        let registry = LayerRegistry()
        try registry.registerBuiltIns()
        for name in ["Maxout", "Softsign"] {
            do {
                _ = try registry.make(from: #"{"type": "Sequential", "layers": [{"type": "\#(name)", "units": 2}]}"#)
                Issue.record("an unregistered \(name) was accepted")
            } catch {
                expectEqual("\(error)", #"layers[0].type: unknown layer type "\#(name)"; it is provided by the plugin CustomLayers: import CustomLayers and call CustomLayersPlugin.register(into:) first"#)
            }
        }
    }
}

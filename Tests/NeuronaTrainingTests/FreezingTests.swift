import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaTraining
import Testing
import _NeuronaTestSupport

/// `isTrainable = false` in training: `fit` leaves a frozen layer's weights exactly as they
/// were and trains the rest; a checkpoint keeps the flag.
struct FreezingTests {
    @Test func fitLeavesFrozenLayersUntouched() throws {
        let (x, y) = blobs(60)
        let model = try classifier()
        model.network.allLayers().first { $0.path == "layers.0" }!.layer.isTrainable = false
        let before = model.network.weights()
        _ = try model.fit(x: x, y: y, epochs: 1, batchSize: 20, verbose: .silent)
        let after = model.network.weights()
        for (name, value) in before {
            if name.hasPrefix("layers.0.") {
                expectEqual(after[name]!, value, "\(name) moved")
            } else {
                #expect(after[name]! != value, "\(name) did not train")
            }
        }
        #expect(model.parameters.allSatisfy { !$0.name.hasPrefix("layers.0.") })
    }

    @Test func aCheckpointKeepsTheFlag() throws {
        let model = try classifier()
        model.layers[1].isTrainable = false
        let folder = temporaryPath("checkpoint")
        defer { try? FileManager.default.removeItem(at: folder) }
        try model.save(to: folder)
        let loaded = try Model.load(from: folder)
        expectEqual(loaded.layers.map(\.isTrainable), model.layers.map(\.isTrainable))
        expectEqual(loaded.parameters.map(\.name), model.parameters.map(\.name))
    }
}

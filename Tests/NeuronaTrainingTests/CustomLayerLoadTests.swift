import Foundation
import NeuronaCore
import NeuronaLayers
import NeuronaTraining
import Testing
import _NeuronaTestSupport

/// Loading a model whose layer type nobody registered says how to register it (Keras's answer
/// is `custom_objects`).
struct CustomLayerLoadTests {
    @Test func anUnregisteredLayerTypeNamesTheFix() throws {
        let folder = temporaryPath("checkpoint")
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = Model(try Sequential([Dense(units: 2)], inputShape: [3], seed: 1))
        try model.compile(optimizer: "sgd", loss: "mse")
        try model.save(to: folder)
        // As if the network held a layer of the user's own, `Scaler`, not registered in this process.
        let file = folder.appendingPathComponent("model.json")
        let text = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "\"Dense\"", with: "\"Scaler\"")
        try Data(text.utf8).write(to: file)
        do {
            _ = try Model.load(from: folder)
            Issue.record("loaded a model with an unknown layer type")
        } catch let error as TrainingError {
            let message = "\(error)"
            #expect(message.contains("unknown layer type \"Scaler\""))
            #expect(message.contains(#"LayerRegistry.default.register(Scaler.self, package: "MyPackage")"#))
            #expect(message.contains("custom_objects"))
        }
    }
}

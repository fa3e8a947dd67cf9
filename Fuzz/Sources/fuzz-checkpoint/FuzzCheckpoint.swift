import Foundation
import FuzzSupport
import NeuronaCore
import NeuronaLayers
import NeuronaTraining

/// A saved checkpoint of a small model (the one the seed corpus's `model.json` describes),
/// written once: each run replaces one of its JSON files.
let checkpoint: URL = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("neurona-fuzz-checkpoint-\(getpid())")
    let network = try! LayerRegistry.default.make(from: #"""
        {"type": "Sequential", "input_shape": [4], "layers": [
          {"type": "Dense", "units": 16, "activation": "relu"}, {"type": "Dropout", "rate": 0.3},
          {"type": "Dense", "units": 3, "activation": "softmax"}]}
        """#)
    let model = Model(network)
    try! model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
    try! model.save(to: folder)
    return folder
}()

/// The first byte picks the checkpoint's JSON file (`model.json` or `training.json`) of a
/// compiled model's checkpoint, the rest replaces it, and `Model.load(from:)` must load it or
/// throw, never crash.
@_cdecl("fuzz_checkpoint_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv) { data in
        guard let first = data.first else { return }
        let file = checkpoint.appendingPathComponent(first % 2 == 0 ? "model.json" : "training.json")
        let original = try! Data(contentsOf: file)
        try! data.dropFirst().write(to: file)
        _ = try? Model.load(from: checkpoint)
        try! original.write(to: file)
    }
}

import Foundation
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

/// libFuzzer's entry point: the first byte picks the checkpoint's JSON file (`model.json` or
/// `training.json`) of a compiled model's checkpoint, the rest replaces it, and `Model.load(from:)` must load it or throw.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCheckpoint(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let name = bytes[0] % 2 == 0 ? "model.json" : "training.json"
    let file = checkpoint.appendingPathComponent(name)
    let original = try! Data(contentsOf: file)
    try! Data(bytes: bytes + 1, count: count - 1).write(to: file)
    _ = try? Model.load(from: checkpoint)
    try! original.write(to: file)
    return 0
}

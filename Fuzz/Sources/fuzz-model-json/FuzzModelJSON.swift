import Foundation
import NeuronaLayers

/// libFuzzer's entry point: the input as a model's JSON description through
/// `LayerRegistry.make(from:)`. Any input must give a layer or a `LayerError`, never a crash.
/// Layers are made but not built (building allocates what the description asks for, which
/// the parameter-count limit of the layer settings guards).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModelJSON(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    _ = try? LayerRegistry.default.make(from: data)
    return 0
}

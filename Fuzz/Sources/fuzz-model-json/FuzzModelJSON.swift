import Foundation
import FuzzSupport
import NeuronaLayers

/// The input as a model's JSON description through `LayerRegistry.make(from:)`: a layer or a
/// `LayerError`, never a crash. (A description with an input shape is built as it is made,
/// which allocates what it asks for: the layer settings' parameter-count limit guards that.)
@_cdecl("fuzz_model_json_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv) { data in
        _ = try? LayerRegistry.default.make(from: data)
    }
}

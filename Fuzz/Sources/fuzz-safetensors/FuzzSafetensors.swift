import Foundation
import NeuronaCore

/// libFuzzer's entry point: the input as a safetensors file through `Safetensors.decode`.
/// Any input must give tensors or a `SafetensorsError`, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSafetensors(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    if let contents = try? Safetensors.decode(data, file: "fuzz.safetensors") {
        // What was read must write back and read again to the same tensors.
        let again = try? Safetensors.decode(Safetensors.encode(contents.tensors, metadata: contents.metadata))
        precondition(again?.tensors.keys.sorted() == contents.tensors.keys.sorted(), "safetensors: round trip lost tensors")
    }
    return 0
}

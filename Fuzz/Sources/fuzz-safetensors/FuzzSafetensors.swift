import Foundation
import FuzzSupport
import NeuronaCore

/// The input as a safetensors file through `Safetensors.decode`: tensors or a
/// `SafetensorsError`, never a crash; what was read writes back and reads again.
@_cdecl("fuzz_safetensors_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv) { data in
        guard let contents = try? Safetensors.decode(data, file: "fuzz.safetensors") else { return }
        let again = try? Safetensors.decode(Safetensors.encode(contents.tensors, metadata: contents.metadata))
        precondition(again?.tensors.keys.sorted() == contents.tensors.keys.sorted(), "safetensors: round trip lost tensors")
    }
}

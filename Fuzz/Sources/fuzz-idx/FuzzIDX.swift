import Foundation
import NeuronaData

/// libFuzzer's entry point: plain IDX bytes through `IDXReader.parse`. Any input must give
/// contents or a `DataError`, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDX(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    if let contents = try? IDXReader.parse(data, file: "fuzz.idx") {
        // Reading the elements the shape promises must stay inside the data.
        let elements = contents.shape.reduce(1, *)
        precondition(contents.data.count - contents.elementOffset >= elements, "IDX: shape promises more bytes than there are")
    }
    return 0
}

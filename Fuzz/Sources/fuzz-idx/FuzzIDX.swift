import Foundation
import FuzzSupport
import NeuronaData

/// Plain IDX bytes through `IDXReader.parse`: any input gives contents or a `DataError`, never
/// a crash, and accepted contents hold every element their shape promises.
@_cdecl("fuzz_idx_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv) { data in
        guard let contents = try? IDXReader.parse(data, file: "fuzz.idx") else { return }
        let elements = contents.shape.reduce(1, *)
        precondition(contents.data.count - contents.elementOffset >= elements, "IDX: shape promises more bytes than there are")
    }
}

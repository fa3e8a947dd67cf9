import Foundation
import FuzzSupport
import NeuronaCore
import NeuronaKeras
import NeuronaTraining

/// The input as a `.keras` file through `Model.load(kerasData:)`: its zip archive, `config.json`
/// and `model.weights.h5` (HDF5) give a model or a `KerasError`, never a crash or another error.
@_cdecl("fuzz_keras_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv) { data in
        do {
            _ = try Model.load(kerasData: data, file: "fuzz.keras")
        } catch is KerasError {
        } catch {
            preconditionFailure("keras: an error that is not a KerasError: \(error)")
        }
    }
}

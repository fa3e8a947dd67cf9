import Foundation
import FuzzSupport
import NeuronaCore
import NeuronaKeras
import NeuronaTraining
import ZIPFoundation

/// The input through `Model.load(kerasData:)`, as one of two things:
/// - an HDF5 file (it starts with HDF5's signature): `model.weights.h5` of a `.keras` archive made
///   here around it, with the config of a small Sequential (Dense, Dropout, Dense; Fuzz/Corpus/keras
///   has its weights), so that mutations reach the HDF5 reader (inside a real archive, the
///   entries' CRC-32 stops them first);
/// - anything else: a whole `.keras` file (the zip, `config.json`, `model.weights.h5`).
/// Either gives a model or a `KerasError`, never a crash or another error.
@_cdecl("fuzz_keras_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv) { data in
        let keras = data.starts(with: hdf5Signature) ? archive(weights: data) : data
        do {
            _ = try Model.load(kerasData: keras, file: "fuzz.keras")
        } catch is KerasError {
        } catch {
            preconditionFailure("keras: an error that is not a KerasError: \(error)")
        }
    }
}

let hdf5Signature = Data([0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A])

let config = Data("""
{"class_name": "Sequential", "config": {"layers": [
  {"class_name": "InputLayer", "config": {"batch_shape": [null, 5]}},
  {"class_name": "Dense", "config": {"units": 4, "activation": "relu"}},
  {"class_name": "Dropout", "config": {"rate": 0.3}},
  {"class_name": "Dense", "config": {"units": 3, "activation": "softmax"}}]}}
""".utf8)

/// A `.keras` archive of `config` and `weights`.
func archive(weights: Data) -> Data {
    do {
        let zip = try Archive(data: Data(), accessMode: .create)
        for (name, bytes) in [("config.json", config), ("model.weights.h5", weights)] {
            try zip.addEntry(with: name, type: .file, uncompressedSize: Int64(bytes.count)) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return zip.data ?? Data()
    } catch {
        preconditionFailure("keras: cannot make the archive around the weights: \(error)")
    }
}

import Foundation
import FuzzSupport
import NeuronaLayers
import NeuronaPyTorch
import ZIPFoundation

/// A small network the read state_dicts are loaded into (non-strictly: whatever fits); libFuzzer
/// runs one input at a time, hence `nonisolated(unsafe)`.
nonisolated(unsafe) let network: any Layer = try! Sequential([Dense(units: 8, activation: .relu), Dense(units: 3)], inputShape: [4])

/// The first byte picks what the rest is:
/// - even: a whole checkpoint file (zip, safetensors or anything) through `PyTorchStateDict.decode`;
/// - odd: a `data.pkl`, wrapped in a valid `torch.save` archive (so that the zip's checksums
///   pass and the restricted unpickler and the tensor rebuild see the mutations) beside a
///   storages `data/0` to `data/3` of 64 floats each.
/// Either must give a state_dict or a typed error, never crash; what is read is loaded into
/// `network` with `strict: false`, which must not crash either.
@_cdecl("fuzz_pytorch_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv) { data in
        guard let first = data.first else { return }
        let rest = data.dropFirst()
        let file = first % 2 == 0 ? Data(rest) : archive(pickle: Data(rest))
        guard let stateDict = try? PyTorchStateDict.decode(file, file: "fuzz.pt") else { return }
        _ = try? network.loadWeights(pytorch: stateDict, strict: false)
    }
}

/// A `torch.save`-shaped zip holding `pickle` as `archive/data.pkl`.
func archive(pickle: Data) -> Data {
    let zip = try! Archive(accessMode: .create)
    // 64 float32 elements: every storage, data/0 to data/3.
    let storages = (0..<4).map { ("archive/data/\($0)", Data((0..<256).map { UInt8($0) })) }
    for (path, contents) in [("archive/data.pkl", pickle), ("archive/byteorder", Data("little".utf8))] + storages {
        try! zip.addEntry(with: path, type: .file, uncompressedSize: Int64(contents.count), compressionMethod: .none) { position, size in
            contents.subdata(in: Int(position)..<(Int(position) + size))
        }
    }
    return zip.data!
}

import Foundation
import NeuronaData

/// libFuzzer's entry point: the input as a gzip file (through `Gzip.decompress`, with a 64 MB
/// limit so that a decompression bomb is refused rather than exhausting memory), then as IDX.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIDXGzip(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    guard let inflated = try? Gzip.decompress(data, file: "fuzz.idx.gz", sizeLimit: 64 << 20) else { return 0 }
    _ = try? IDXReader.parse(inflated, file: "fuzz.idx.gz")
    return 0
}

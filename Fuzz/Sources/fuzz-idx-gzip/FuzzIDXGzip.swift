import Foundation
import FuzzSupport
import NeuronaData

/// The input as a gzip file (through `Gzip.decompress`, with a 64 MB limit, so that a
/// decompression bomb is refused rather than exhausting memory), then its contents as IDX.
@_cdecl("fuzz_idx_gzip_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv) { data in
        guard let inflated = try? Gzip.decompress(data, file: "fuzz.idx.gz", sizeLimit: 64 << 20) else { return }
        _ = try? IDXReader.parse(inflated, file: "fuzz.idx.gz")
    }
}

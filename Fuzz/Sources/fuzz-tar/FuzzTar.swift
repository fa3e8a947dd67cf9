import Foundation
import FuzzSupport
import NeuronaData

/// Tar bytes through `TarArchive.regularFiles` (CIFAR-10's archive reader): any input gives
/// entries or a `DataError`, never a crash, and the entries' contents fit in the input.
@_cdecl("fuzz_tar_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runLibFuzzer(argc, argv) { data in
        guard let entries = try? TarArchive.regularFiles(in: data, file: "fuzz.tar") else { return }
        precondition(entries.reduce(0) { $0 + $1.contents.count } <= data.count, "tar: entries hold more bytes than the archive")
    }
}

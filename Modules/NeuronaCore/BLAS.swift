import CLAPACK
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Settings of the BLAS library under Neurona (OpenBLAS): which kernels it runs and how many
/// threads a matrix product may use.
///
/// Small products (a batch-32 dense layer) run faster on one thread than on two: the threads'
/// hand-off costs more than the work. Products below ``parallelThreshold`` multiply-adds run on
/// one thread; larger ones on up to ``maximumThreads``.
public enum BLAS {
    /// The most threads a matrix product may use (default: every core, or the environment
    /// variable `NEURONA_BLAS_THREADS`).
    nonisolated(unsafe) public static var maximumThreads: Int = {
        if let text = getenv("NEURONA_BLAS_THREADS"), let n = Int(String(cString: text)), n > 0 { return n }
        return Int(openblas_get_num_threads())
    }()

    /// Products with fewer multiply-adds (M·N·K) than this run on one thread.
    nonisolated(unsafe) public static var parallelThreshold = 1 << 22

    /// The thread count last given to OpenBLAS. Products run on any thread, and the count is the
    /// library's, one for the process: an atomic keeps two threads' products from a data race on
    /// it. Two threads wanting different counts at once may leave OpenBLAS with the other's count
    /// until the next change.
    private static let currentThreads = Atomic<Int>(-1)

    /// The name of the kernel set OpenBLAS picked (`Haswell`, `SkylakeX`, ...). Set the
    /// environment variable `OPENBLAS_CORETYPE` before the process starts to choose another.
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// Sets OpenBLAS's thread count for a product of `multiplyAdds` (M·N·K), calling into the
    /// library only when the count changes.
    @usableFromInline
    static func prepare(multiplyAdds: Int) {
        let wanted = multiplyAdds < parallelThreshold ? 1 : Swift.max(1, maximumThreads)
        if currentThreads.load(ordering: .relaxed) != wanted {
            currentThreads.store(wanted, ordering: .relaxed)
            openblas_set_num_threads(Int32(wanted))
        }
    }
}

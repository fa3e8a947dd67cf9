internal import CNeuronaKernels

/// What the CPU offers the hand-vectorized C kernels in CNeuronaKernels (Adam's update, small
/// matrix products, max pooling), detected once at run time: the package passes no `-m` flags,
/// so each kernel is compiled for several instruction sets and picks one by this level.
package enum CPUFeatures {
    /// 3 for AVX-512, 2 for AVX2 + FMA, 1 for SSE2 only.
    package static let vectorLevel: Int32 = neurona_simd_level()

    /// The instruction set a kernel compiled for `level` uses, for test and benchmark reports:
    /// `"AVX-512"`, `"AVX2"`, `"SSE2"`, or `"portable"` (no x86-64 kernels).
    static func name(level: Int32) -> String {
        switch level {
        case 3...: return "AVX-512"
        case 2: return "AVX2"
        case 1: return "SSE2"
        default: return "portable"
        }
    }
}

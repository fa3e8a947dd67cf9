import CLAPACK

/// What the CPU offers the hand-vectorized kernels in the CLAPACK shim (Adam's update, small
/// matrix products, max pooling), detected once at run time: the package passes no `-m` flags,
/// so each kernel is compiled for several instruction sets and picks one by this level.
public enum CPUFeatures {
    /// 3 for AVX-512, 2 for AVX2 + FMA, 1 for SSE2 only.
    public static let vectorLevel = neurona_simd_level()
}

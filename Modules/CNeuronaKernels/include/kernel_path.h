// The code paths of Neurona's C kernels. Each kernel file answers, for a vector level (from
// `neurona_simd_level`, or lower when forced), which path its dispatcher runs, through a
// `neurona_<kernel>_path` function that the dispatcher itself switches on: the rule is written
// once, and NeuronaCore's `KernelPaths` reports it.
#ifndef NEURONA_KERNEL_PATH_H
#define NEURONA_KERNEL_PATH_H

typedef enum {
    NEURONA_PATH_PORTABLE = 0,   // plain C loops, any CPU
    NEURONA_PATH_SSE2 = 1,       // SSE2 intrinsics (every x86-64 CPU)
    NEURONA_PATH_AVX2 = 2,       // AVX2 + FMA intrinsics
    NEURONA_PATH_AVX512 = 3,     // AVX-512 intrinsics
} neurona_path;

/// The rule of the kernels written for AVX-512 and AVX2 + FMA only (small products, direct
/// convolution): the widest the level allows, PORTABLE below AVX2 and off x86-64.
static inline neurona_path neurona_avx_only_path(int level) {
#if defined(__x86_64__)
    return level >= 3 ? NEURONA_PATH_AVX512 : level == 2 ? NEURONA_PATH_AVX2 : NEURONA_PATH_PORTABLE;
#else
    (void)level;
    return NEURONA_PATH_PORTABLE;
#endif
}

#endif

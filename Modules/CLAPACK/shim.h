// CLAPACK: the C side of Neurona, from Debian's OpenBLAS (cblas.h) and LAPACKE (lapacke.h).
#ifndef NEURONA_CLAPACK_SHIM_H
#define NEURONA_CLAPACK_SHIM_H

#include <cblas.h>
#include <lapacke.h>

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
#endif
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif

/// Keeps glibc from returning large freed blocks to the kernel (and faulting their pages in
/// again on the next allocation): blocks up to `mmap_threshold` bytes come from the heap.
static inline void neurona_configure_heap(int mmap_threshold, int trim_threshold) {
#if defined(M_MMAP_THRESHOLD)
    mallopt(M_MMAP_THRESHOLD, mmap_threshold);
    mallopt(M_TRIM_THRESHOLD, trim_threshold);
#else
    (void)mmap_threshold; (void)trim_threshold;
#endif
}

/// Sets flush-to-zero and denormals-are-zero (MXCSR bits 0x8040) on the calling thread.
/// Subnormal floats (Adam's decaying moments, for instance) make every operation on them many
/// times slower; flushing them to zero costs no accuracy that training can see.
static inline void neurona_set_flush_denormals(int enabled) {
#if defined(__x86_64__) || defined(__i386__)
    unsigned int csr = _mm_getcsr();
    if (enabled) { csr |= 0x8040u; } else { csr &= ~0x8040u; }
    _mm_setcsr(csr);
#else
    (void)enabled;
#endif
}

#if defined(__x86_64__)
#include <immintrin.h>

// Adam's update for float32, vectorized by hand: Swift lowers SIMD square roots to one libm call
// per lane, and the package may not pass -mavx flags, so the wide versions are compiled per
// function (target attributes) and chosen at run time from the CPU's features.
//   m ← b1·m + (1 − b1)·g;  v ← b2·v + (1 − b2)·g²;  x ← x − c1·m / (eps + √(c2·v))

__attribute__((target("avx512f")))
static inline void neurona_adam_f32_avx512(float *x, const float *g, float *m, float *v, long n,
                                           float b1, float b2, float c1, float c2, float eps) {
    long i = 0;
    const __m512 vb1 = _mm512_set1_ps(b1), vb2 = _mm512_set1_ps(b2), ob1 = _mm512_set1_ps(1 - b1),
                 ob2 = _mm512_set1_ps(1 - b2), vc1 = _mm512_set1_ps(c1), vc2 = _mm512_set1_ps(c2), ve = _mm512_set1_ps(eps);
    for (; i + 16 <= n; i += 16) {
        __m512 gv = _mm512_loadu_ps(g + i);
        __m512 mv = _mm512_fmadd_ps(vb1, _mm512_loadu_ps(m + i), _mm512_mul_ps(ob1, gv));
        __m512 vv = _mm512_fmadd_ps(vb2, _mm512_loadu_ps(v + i), _mm512_mul_ps(ob2, _mm512_mul_ps(gv, gv)));
        __m512 step = _mm512_div_ps(_mm512_mul_ps(vc1, mv), _mm512_add_ps(ve, _mm512_sqrt_ps(_mm512_mul_ps(vv, vc2))));
        _mm512_storeu_ps(m + i, mv);
        _mm512_storeu_ps(v + i, vv);
        _mm512_storeu_ps(x + i, _mm512_sub_ps(_mm512_loadu_ps(x + i), step));
    }
    for (; i < n; i++) {
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        x[i] -= c1 * m[i] / (eps + __builtin_sqrtf(v[i] * c2));
    }
}

__attribute__((target("avx2,fma")))
static inline void neurona_adam_f32_avx2(float *x, const float *g, float *m, float *v, long n,
                                         float b1, float b2, float c1, float c2, float eps) {
    long i = 0;
    const __m256 vb1 = _mm256_set1_ps(b1), vb2 = _mm256_set1_ps(b2), ob1 = _mm256_set1_ps(1 - b1),
                 ob2 = _mm256_set1_ps(1 - b2), vc1 = _mm256_set1_ps(c1), vc2 = _mm256_set1_ps(c2), ve = _mm256_set1_ps(eps);
    for (; i + 8 <= n; i += 8) {
        __m256 gv = _mm256_loadu_ps(g + i);
        __m256 mv = _mm256_fmadd_ps(vb1, _mm256_loadu_ps(m + i), _mm256_mul_ps(ob1, gv));
        __m256 vv = _mm256_fmadd_ps(vb2, _mm256_loadu_ps(v + i), _mm256_mul_ps(ob2, _mm256_mul_ps(gv, gv)));
        __m256 step = _mm256_div_ps(_mm256_mul_ps(vc1, mv), _mm256_add_ps(ve, _mm256_sqrt_ps(_mm256_mul_ps(vv, vc2))));
        _mm256_storeu_ps(m + i, mv);
        _mm256_storeu_ps(v + i, vv);
        _mm256_storeu_ps(x + i, _mm256_sub_ps(_mm256_loadu_ps(x + i), step));
    }
    for (; i < n; i++) {
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        x[i] -= c1 * m[i] / (eps + __builtin_sqrtf(v[i] * c2));
    }
}

static inline void neurona_adam_f32_sse2(float *x, const float *g, float *m, float *v, long n,
                                         float b1, float b2, float c1, float c2, float eps) {
    long i = 0;
    const __m128 vb1 = _mm_set1_ps(b1), vb2 = _mm_set1_ps(b2), ob1 = _mm_set1_ps(1 - b1),
                 ob2 = _mm_set1_ps(1 - b2), vc1 = _mm_set1_ps(c1), vc2 = _mm_set1_ps(c2), ve = _mm_set1_ps(eps);
    for (; i + 4 <= n; i += 4) {
        __m128 gv = _mm_loadu_ps(g + i);
        __m128 mv = _mm_add_ps(_mm_mul_ps(vb1, _mm_loadu_ps(m + i)), _mm_mul_ps(ob1, gv));
        __m128 vv = _mm_add_ps(_mm_mul_ps(vb2, _mm_loadu_ps(v + i)), _mm_mul_ps(ob2, _mm_mul_ps(gv, gv)));
        __m128 step = _mm_div_ps(_mm_mul_ps(vc1, mv), _mm_add_ps(ve, _mm_sqrt_ps(_mm_mul_ps(vv, vc2))));
        _mm_storeu_ps(m + i, mv);
        _mm_storeu_ps(v + i, vv);
        _mm_storeu_ps(x + i, _mm_sub_ps(_mm_loadu_ps(x + i), step));
    }
    for (; i < n; i++) {
        m[i] = b1 * m[i] + (1 - b1) * g[i];
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
        x[i] -= c1 * m[i] / (eps + __builtin_sqrtf(v[i] * c2));
    }
}


/// Adam's float32 update with the kernel for `level` (from `neurona_simd_level`).
static inline void neurona_adam_f32(int level, float *x, const float *g, float *m, float *v, long n,
                                    float b1, float b2, float c1, float c2, float eps) {
    if (level >= 3) neurona_adam_f32_avx512(x, g, m, v, n, b1, b2, c1, c2, eps);
    else if (level == 2) neurona_adam_f32_avx2(x, g, m, v, n, b1, b2, c1, c2, eps);
    else neurona_adam_f32_sse2(x, g, m, v, n, b1, b2, c1, c2, eps);
}

#include "small_gemm.h"
#endif

/// The widest hand-vectorized kernels this CPU runs: 3 for AVX-512, 2 for AVX2 + FMA, 1 for SSE2.
static inline int neurona_simd_level(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return 3;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return 2;
    return 1;
#else
    return 0;
#endif
}

#include "max_pool.h"

/// Whether flush-to-zero and denormals-are-zero are both set on the calling thread.
static inline int neurona_flush_denormals_enabled(void) {
#if defined(__x86_64__) || defined(__i386__)
    return (_mm_getcsr() & 0x8040u) == 0x8040u;
#else
    return 0;
#endif
}

#endif

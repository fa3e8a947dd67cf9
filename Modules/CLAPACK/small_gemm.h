// Matrix products with one tiny dimension, where OpenBLAS spends its time packing instead of
// multiplying: a first convolution layer is a [N·OH·OW × 9]·[9 × F] product (k = 9), and its
// kernel gradient is the [9 × N·OH·OW]·[N·OH·OW × F] product back (a 9 × F result).
//
// Float32, row-major. AVX-512 and AVX2 + FMA versions, compiled per function (target
// attributes: the package passes no -m flags) and chosen by `neurona_simd_level`. Callers
// use OpenBLAS on CPUs without AVX2.

#ifndef NEURONA_SMALL_GEMM_H
#define NEURONA_SMALL_GEMM_H

#if defined(__x86_64__)
#include <immintrin.h>

// ---- C[m×n] = A[m×k]·B[k×n] + start, for small k ---------------------------------------------
// `start` is C itself when `accumulate`, else the row vector `bias` (or zero when NULL).
// Four rows at a time share each load of B; columns go in blocks of 16 (8), the last masked.

__attribute__((target("avx512f")))
static inline void neurona_sgemm_small_k_avx512(long m, long n, long k, const float *a, long lda,
                                                const float *b, long ldb, const float *bias,
                                                float *c, long ldc, int accumulate) {
    for (long j = 0; j < n; j += 16) {
        const __mmask16 mask = n - j >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (n - j)) - 1);
        const __m512 start = bias ? _mm512_maskz_loadu_ps(mask, bias + j) : _mm512_setzero_ps();
        long i = 0;
        for (; i + 4 <= m; i += 4) {
            float *c0 = c + i * ldc + j;
            __m512 acc0, acc1, acc2, acc3;
            if (accumulate) {
                acc0 = _mm512_maskz_loadu_ps(mask, c0);
                acc1 = _mm512_maskz_loadu_ps(mask, c0 + ldc);
                acc2 = _mm512_maskz_loadu_ps(mask, c0 + 2 * ldc);
                acc3 = _mm512_maskz_loadu_ps(mask, c0 + 3 * ldc);
            } else {
                acc0 = acc1 = acc2 = acc3 = start;
            }
            const float *a0 = a + i * lda;
            for (long p = 0; p < k; p++) {
                const __m512 bv = _mm512_maskz_loadu_ps(mask, b + p * ldb + j);
                acc0 = _mm512_fmadd_ps(_mm512_set1_ps(a0[p]), bv, acc0);
                acc1 = _mm512_fmadd_ps(_mm512_set1_ps(a0[lda + p]), bv, acc1);
                acc2 = _mm512_fmadd_ps(_mm512_set1_ps(a0[2 * lda + p]), bv, acc2);
                acc3 = _mm512_fmadd_ps(_mm512_set1_ps(a0[3 * lda + p]), bv, acc3);
            }
            _mm512_mask_storeu_ps(c0, mask, acc0);
            _mm512_mask_storeu_ps(c0 + ldc, mask, acc1);
            _mm512_mask_storeu_ps(c0 + 2 * ldc, mask, acc2);
            _mm512_mask_storeu_ps(c0 + 3 * ldc, mask, acc3);
        }
        for (; i < m; i++) {
            float *c0 = c + i * ldc + j;
            __m512 acc = accumulate ? _mm512_maskz_loadu_ps(mask, c0) : start;
            for (long p = 0; p < k; p++) {
                acc = _mm512_fmadd_ps(_mm512_set1_ps(a[i * lda + p]), _mm512_maskz_loadu_ps(mask, b + p * ldb + j), acc);
            }
            _mm512_mask_storeu_ps(c0, mask, acc);
        }
    }
}

// The AVX2 tail mask: lanes below `count` set.
__attribute__((target("avx2,fma")))
static inline __m256i neurona_mask8(long count) {
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(count > 8 ? 8 : count)), lanes);
}

__attribute__((target("avx2,fma")))
static inline void neurona_sgemm_small_k_avx2(long m, long n, long k, const float *a, long lda,
                                              const float *b, long ldb, const float *bias,
                                              float *c, long ldc, int accumulate) {
    for (long j = 0; j < n; j += 8) {
        const __m256i mask = neurona_mask8(n - j);
        const __m256 start = bias ? _mm256_maskload_ps(bias + j, mask) : _mm256_setzero_ps();
        long i = 0;
        for (; i + 4 <= m; i += 4) {
            float *c0 = c + i * ldc + j;
            __m256 acc0, acc1, acc2, acc3;
            if (accumulate) {
                acc0 = _mm256_maskload_ps(c0, mask);
                acc1 = _mm256_maskload_ps(c0 + ldc, mask);
                acc2 = _mm256_maskload_ps(c0 + 2 * ldc, mask);
                acc3 = _mm256_maskload_ps(c0 + 3 * ldc, mask);
            } else {
                acc0 = acc1 = acc2 = acc3 = start;
            }
            const float *a0 = a + i * lda;
            for (long p = 0; p < k; p++) {
                const __m256 bv = _mm256_maskload_ps(b + p * ldb + j, mask);
                acc0 = _mm256_fmadd_ps(_mm256_set1_ps(a0[p]), bv, acc0);
                acc1 = _mm256_fmadd_ps(_mm256_set1_ps(a0[lda + p]), bv, acc1);
                acc2 = _mm256_fmadd_ps(_mm256_set1_ps(a0[2 * lda + p]), bv, acc2);
                acc3 = _mm256_fmadd_ps(_mm256_set1_ps(a0[3 * lda + p]), bv, acc3);
            }
            _mm256_maskstore_ps(c0, mask, acc0);
            _mm256_maskstore_ps(c0 + ldc, mask, acc1);
            _mm256_maskstore_ps(c0 + 2 * ldc, mask, acc2);
            _mm256_maskstore_ps(c0 + 3 * ldc, mask, acc3);
        }
        for (; i < m; i++) {
            float *c0 = c + i * ldc + j;
            __m256 acc = accumulate ? _mm256_maskload_ps(c0, mask) : start;
            for (long p = 0; p < k; p++) {
                acc = _mm256_fmadd_ps(_mm256_set1_ps(a[i * lda + p]), _mm256_maskload_ps(b + p * ldb + j, mask), acc);
            }
            _mm256_maskstore_ps(c0, mask, acc);
        }
    }
}

// ---- C[k×n] = A[rows×k]ᵀ·B[rows×n], for small k --------------------------------------------
// The sum runs over the (many) rows; k ≤ 16 accumulators of one column block stay in registers.
// `c` is overwritten.

#define NEURONA_SMALL_K_MAX 16

// One column block for a k known at compile time: the caller's switch makes `k` a constant, so
// the loops unroll and the accumulators live in registers.
#define NEURONA_AT_B_BLOCK(VEC, ZERO, LOAD, FMA, SET1, STORE)                                     \
    VEC acc[NEURONA_SMALL_K_MAX];                                                               \
    for (long p = 0; p < k; p++) acc[p] = ZERO;                                                 \
    for (long r = 0; r < rows; r++) {                                                           \
        const VEC bv = LOAD(b + r * ldb + j);                                                   \
        const float *ar = a + r * lda;                                                          \
        for (long p = 0; p < k; p++) acc[p] = FMA(SET1(ar[p]), bv, acc[p]);                     \
    }                                                                                           \
    for (long p = 0; p < k; p++) STORE(c + p * ldc + j, acc[p]);

__attribute__((target("avx512f"), always_inline))
static inline void neurona_at_b_block_avx512(const long k, long rows, long j, __mmask16 mask, const float *a, long lda,
                                             const float *b, long ldb, float *c, long ldc) {
#define LOAD512(ptr) _mm512_maskz_loadu_ps(mask, ptr)
#define STORE512(ptr, v) _mm512_mask_storeu_ps(ptr, mask, v)
    NEURONA_AT_B_BLOCK(__m512, _mm512_setzero_ps(), LOAD512, _mm512_fmadd_ps, _mm512_set1_ps, STORE512)
#undef LOAD512
#undef STORE512
}

__attribute__((target("avx2,fma"), always_inline))
static inline void neurona_at_b_block_avx2(const long k, long rows, long j, __m256i mask, const float *a, long lda,
                                           const float *b, long ldb, float *c, long ldc) {
#define LOAD256(ptr) _mm256_maskload_ps(ptr, mask)
#define STORE256(ptr, v) _mm256_maskstore_ps(ptr, mask, v)
    NEURONA_AT_B_BLOCK(__m256, _mm256_setzero_ps(), LOAD256, _mm256_fmadd_ps, _mm256_set1_ps, STORE256)
#undef LOAD256
#undef STORE256
}

#define NEURONA_K_CASES(CALL) \
    case 1: CALL(1); break; case 2: CALL(2); break; case 3: CALL(3); break; case 4: CALL(4); break;         \
    case 5: CALL(5); break; case 6: CALL(6); break; case 7: CALL(7); break; case 8: CALL(8); break;         \
    case 9: CALL(9); break; case 10: CALL(10); break; case 11: CALL(11); break; case 12: CALL(12); break;   \
    case 13: CALL(13); break; case 14: CALL(14); break; case 15: CALL(15); break; case 16: CALL(16); break;

__attribute__((target("avx512f")))
static inline void neurona_sgemm_at_b_small_avx512(long rows, long k, long n, const float *a, long lda,
                                                   const float *b, long ldb, float *c, long ldc) {
    for (long j = 0; j < n; j += 16) {
        const __mmask16 mask = n - j >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (n - j)) - 1);
#define CALL512(K) neurona_at_b_block_avx512(K, rows, j, mask, a, lda, b, ldb, c, ldc)
        switch (k) { NEURONA_K_CASES(CALL512) default: break; }
#undef CALL512
    }
}

__attribute__((target("avx2,fma")))
static inline void neurona_sgemm_at_b_small_avx2(long rows, long k, long n, const float *a, long lda,
                                                 const float *b, long ldb, float *c, long ldc) {
    for (long j = 0; j < n; j += 8) {
        const __m256i mask = neurona_mask8(n - j);
#define CALL256(K) neurona_at_b_block_avx2(K, rows, j, mask, a, lda, b, ldb, c, ldc)
        switch (k) { NEURONA_K_CASES(CALL256) default: break; }
#undef CALL256
    }
}

/// `C = A·B + start` with the kernel for `level` (3: AVX-512, 2: AVX2); see above.
static inline void neurona_sgemm_small_k(int level, long m, long n, long k, const float *a, long lda,
                                         const float *b, long ldb, const float *bias, float *c, long ldc, int accumulate) {
    if (level >= 3) neurona_sgemm_small_k_avx512(m, n, k, a, lda, b, ldb, bias, c, ldc, accumulate);
    else neurona_sgemm_small_k_avx2(m, n, k, a, lda, b, ldb, bias, c, ldc, accumulate);
}

/// `C = Aᵀ·B` (k ≤ NEURONA_SMALL_K_MAX) with the kernel for `level` (3: AVX-512, 2: AVX2).
static inline void neurona_sgemm_at_b_small(int level, long rows, long k, long n, const float *a, long lda,
                                            const float *b, long ldb, float *c, long ldc) {
    if (level >= 3) neurona_sgemm_at_b_small_avx512(rows, k, n, a, lda, b, ldb, c, ldc);
    else neurona_sgemm_at_b_small_avx2(rows, k, n, a, lda, b, ldb, c, ldc);
}

#endif // __x86_64__
#endif // NEURONA_SMALL_GEMM_H

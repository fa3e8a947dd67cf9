// Matrix products with one tiny dimension (declared in small_gemm.h). Float32, row-major.
// AVX-512 and AVX2 + FMA versions, compiled per function (target attributes: the package passes
// no -m flags) and chosen by the caller's `level` (from `neurona_simd_level`).

#include "small_gemm.h"

#if defined(__x86_64__)
#include <immintrin.h>

// ---- C[m×n] = A[m×k]·B[k×n] + start, for small k ---------------------------------------------
// `start` is C itself when `accumulate`, else the row vector `bias` (or zero when NULL).
// Four rows at a time share each load of B; columns go in blocks of 16 (8), the last masked.
// One body serves both instruction sets: LOAD and STORE are masked by the block's `mask`.
#define NEURONA_SMALL_K_BODY(WIDTH, MASK_TYPE, MASK_FOR, VEC, ZERO, LOAD, STORE, FMA, SET1)      \
    for (long j = 0; j < n; j += WIDTH) {                                                       \
        const MASK_TYPE mask = MASK_FOR(n - j);                                                 \
        const VEC start = bias ? LOAD(bias + j) : ZERO;                                         \
        long i = 0;                                                                             \
        for (; i + 4 <= m; i += 4) {                                                            \
            float *c0 = c + i * ldc + j;                                                        \
            VEC acc0 = start, acc1 = start, acc2 = start, acc3 = start;                         \
            if (accumulate) {                                                                   \
                acc0 = LOAD(c0); acc1 = LOAD(c0 + ldc);                                         \
                acc2 = LOAD(c0 + 2 * ldc); acc3 = LOAD(c0 + 3 * ldc);                           \
            }                                                                                   \
            const float *a0 = a + i * lda;                                                      \
            for (long p = 0; p < k; p++) {                                                      \
                const VEC bv = LOAD(b + p * ldb + j);                                           \
                acc0 = FMA(SET1(a0[p]), bv, acc0);                                              \
                acc1 = FMA(SET1(a0[lda + p]), bv, acc1);                                        \
                acc2 = FMA(SET1(a0[2 * lda + p]), bv, acc2);                                    \
                acc3 = FMA(SET1(a0[3 * lda + p]), bv, acc3);                                    \
            }                                                                                   \
            STORE(c0, acc0); STORE(c0 + ldc, acc1);                                             \
            STORE(c0 + 2 * ldc, acc2); STORE(c0 + 3 * ldc, acc3);                               \
        }                                                                                       \
        for (; i < m; i++) {                                                                    \
            float *c0 = c + i * ldc + j;                                                        \
            VEC acc = accumulate ? LOAD(c0) : start;                                            \
            for (long p = 0; p < k; p++) acc = FMA(SET1(a[i * lda + p]), LOAD(b + p * ldb + j), acc); \
            STORE(c0, acc);                                                                     \
        }                                                                                       \
    }

// The AVX-512 tail mask: lanes below `count` set.
#define NEURONA_MASK16(count) ((count) >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (count)) - 1))

// The AVX2 tail mask: lanes below `count` set.
__attribute__((target("avx2,fma")))
static inline __m256i mask8(long count) {
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(count > 8 ? 8 : count)), lanes);
}

#define NEURONA_LOAD512(ptr) _mm512_maskz_loadu_ps(mask, ptr)
#define NEURONA_STORE512(ptr, v) _mm512_mask_storeu_ps(ptr, mask, v)
#define NEURONA_LOAD256(ptr) _mm256_maskload_ps(ptr, mask)
#define NEURONA_STORE256(ptr, v) _mm256_maskstore_ps(ptr, mask, v)

__attribute__((target("avx512f")))
static void sgemm_small_k_avx512(long m, long n, long k, const float *a, long lda,
                                 const float *b, long ldb, const float *bias,
                                                float *c, long ldc, int accumulate) {
    NEURONA_SMALL_K_BODY(16, __mmask16, NEURONA_MASK16, __m512, _mm512_setzero_ps(), NEURONA_LOAD512, NEURONA_STORE512,
                         _mm512_fmadd_ps, _mm512_set1_ps)
}

__attribute__((target("avx2,fma")))
static void sgemm_small_k_avx2(long m, long n, long k, const float *a, long lda,
                               const float *b, long ldb, const float *bias,
                                              float *c, long ldc, int accumulate) {
    NEURONA_SMALL_K_BODY(8, __m256i, mask8, __m256, _mm256_setzero_ps(), NEURONA_LOAD256, NEURONA_STORE256,
                         _mm256_fmadd_ps, _mm256_set1_ps)
}

// ---- C[k×n] = A[rows×k]ᵀ·B[rows×n], for small k --------------------------------------------
// The sum runs over the (many) rows; k ≤ 16 accumulators of one column block stay in registers.
// `c` is overwritten.

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
static inline void at_b_block_avx512(const long k, long rows, long j, __mmask16 mask, const float *a, long lda,
                                     const float *b, long ldb, float *c, long ldc) {
    NEURONA_AT_B_BLOCK(__m512, _mm512_setzero_ps(), NEURONA_LOAD512, _mm512_fmadd_ps, _mm512_set1_ps, NEURONA_STORE512)
}

__attribute__((target("avx2,fma"), always_inline))
static inline void at_b_block_avx2(const long k, long rows, long j, __m256i mask, const float *a, long lda,
                                   const float *b, long ldb, float *c, long ldc) {
    NEURONA_AT_B_BLOCK(__m256, _mm256_setzero_ps(), NEURONA_LOAD256, _mm256_fmadd_ps, _mm256_set1_ps, NEURONA_STORE256)
}

#define NEURONA_K_CASES(CALL) \
    case 1: CALL(1); break; case 2: CALL(2); break; case 3: CALL(3); break; case 4: CALL(4); break;         \
    case 5: CALL(5); break; case 6: CALL(6); break; case 7: CALL(7); break; case 8: CALL(8); break;         \
    case 9: CALL(9); break; case 10: CALL(10); break; case 11: CALL(11); break; case 12: CALL(12); break;   \
    case 13: CALL(13); break; case 14: CALL(14); break; case 15: CALL(15); break; case 16: CALL(16); break;

__attribute__((target("avx512f")))
static void sgemm_at_b_small_avx512(long rows, long k, long n, const float *a, long lda,
                                    const float *b, long ldb, float *c, long ldc) {
    for (long j = 0; j < n; j += 16) {
        const __mmask16 mask = NEURONA_MASK16(n - j);
#define CALL512(K) at_b_block_avx512(K, rows, j, mask, a, lda, b, ldb, c, ldc)
        switch (k) { NEURONA_K_CASES(CALL512) default: break; }
#undef CALL512
    }
}

__attribute__((target("avx2,fma")))
static void sgemm_at_b_small_avx2(long rows, long k, long n, const float *a, long lda,
                                  const float *b, long ldb, float *c, long ldc) {
    for (long j = 0; j < n; j += 8) {
        const __m256i mask = mask8(n - j);
#define CALL256(K) at_b_block_avx2(K, rows, j, mask, a, lda, b, ldb, c, ldc)
        switch (k) { NEURONA_K_CASES(CALL256) default: break; }
#undef CALL256
    }
}

/// `C = A·B + start` with the kernel for `level` (3: AVX-512, 2: AVX2); see above.
void neurona_sgemm_small_k(int level, long m, long n, long k, const float *a, long lda,
                           const float *b, long ldb, const float *bias, float *c, long ldc, int accumulate) {
    if (neurona_sgemm_small_path(level) == NEURONA_PATH_AVX512) sgemm_small_k_avx512(m, n, k, a, lda, b, ldb, bias, c, ldc, accumulate);
    else sgemm_small_k_avx2(m, n, k, a, lda, b, ldb, bias, c, ldc, accumulate);
}

/// `C = Aᵀ·B` (k ≤ NEURONA_SMALL_K_MAX) with the kernel for `level` (3: AVX-512, 2: AVX2).
void neurona_sgemm_at_b_small(int level, long rows, long k, long n, const float *a, long lda,
                              const float *b, long ldb, float *c, long ldc) {
    if (neurona_sgemm_small_path(level) == NEURONA_PATH_AVX512) sgemm_at_b_small_avx512(rows, k, n, a, lda, b, ldb, c, ldc);
    else sgemm_at_b_small_avx2(rows, k, n, a, lda, b, ldb, c, ldc);
}

#endif // __x86_64__

neurona_path neurona_sgemm_small_path(int level) { return neurona_avx_only_path(level); }

// Matrix products with one tiny dimension (small_gemm.c), where OpenBLAS spends its time packing
// instead of multiplying: a first convolution layer is a [N·OH·OW × 9]·[9 × F] product (k = 9),
// and its kernel gradient the [9 × N·OH·OW]·[N·OH·OW × F] product back (a 9 × F result).
//
// Float32, row-major, x86-64 only: AVX-512 (`level` 3) and AVX2 + FMA (`level` 2) versions.
// Callers use OpenBLAS on CPUs without AVX2.
#ifndef NEURONA_SMALL_GEMM_H
#define NEURONA_SMALL_GEMM_H

#include "kernel_path.h"

/// The largest `k` of `neurona_sgemm_small_k` and of `neurona_sgemm_at_b_small`.
#define NEURONA_SMALL_K_MAX 16

/// The path both products run at `level`: AVX-512 or AVX2 on x86-64 at level 2 or more;
/// PORTABLE means these kernels are not used (the caller multiplies with OpenBLAS).
neurona_path neurona_sgemm_small_path(int level);

#if defined(__x86_64__)
/// C[m×n] = A[m×k]·B[k×n] + start, with the kernel for `level` (3: AVX-512, 2: AVX2).
/// `start` is C itself when `accumulate`, else the row vector `bias` (or zero when NULL).
void neurona_sgemm_small_k(int level, long m, long n, long k, const float *a, long lda,
                           const float *b, long ldb, const float *bias, float *c, long ldc, int accumulate);

/// C[k×n] = A[rows×k]ᵀ·B[rows×n] (k ≤ NEURONA_SMALL_K_MAX; `c` is overwritten), with the kernel
/// for `level` (3: AVX-512, 2: AVX2). The sum runs over the rows in order.
void neurona_sgemm_at_b_small(int level, long rows, long k, long n, const float *a, long lda,
                              const float *b, long ldb, float *c, long ldc);
#endif

#endif

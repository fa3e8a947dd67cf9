// Adam's update for float32, vectorized by hand (adam.c).
#ifndef NEURONA_ADAM_H
#define NEURONA_ADAM_H

#include "kernel_path.h"

/// One Adam step over `n` elements, in place, with the kernel for `level` (from
/// `neurona_simd_level`; 3: AVX-512, 2: AVX2 + FMA, otherwise SSE2 on x86-64, plain C elsewhere):
///   m ← b1·m + (1 − b1)·g;  v ← b2·v + (1 − b2)·g²;  x ← x − c1·m / (eps + √(c2·v))
/// where the caller folds the bias corrections into c1 = α / (1 − b1ᵗ) and c2 = 1 / (1 − b2ᵗ).
/// The path `neurona_adam_f32` runs at `level`: AVX-512, AVX2, SSE2 on x86-64; portable elsewhere.
neurona_path neurona_adam_f32_path(int level);

void neurona_adam_f32(int level, float *x, const float *g, float *m, float *v, long n,
                      float b1, float b2, float c1, float c2, float eps);

#endif

// Adam's update for float32, vectorized by hand: Swift lowers SIMD square roots to one libm call
// per lane, and the package passes no -m flags, so the wide versions are compiled per function
// (target attributes) and chosen at run time from the CPU's features (`neurona_simd_level`).
//   m ← b1·m + (1 − b1)·g;  v ← b2·v + (1 − b2)·g²;  x ← x − c1·m / (eps + √(c2·v))

#include "adam.h"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

// The element-by-element update, for the tail after the last full vector (and the whole array
// off x86-64). Inlined into each kernel, so that it is compiled for that kernel's instruction set.
#define NEURONA_ADAM_TAIL                                                  \
    for (; i < n; i++) {                                                   \
        m[i] = b1 * m[i] + (1 - b1) * g[i];                                \
        v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];                         \
        x[i] -= c1 * m[i] / (eps + __builtin_sqrtf(v[i] * c2));            \
    }

#if defined(__x86_64__)
__attribute__((target("avx512f")))
static void adam_f32_avx512(float *x, const float *g, float *m, float *v, long n,
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
    NEURONA_ADAM_TAIL
}

__attribute__((target("avx2,fma")))
static void adam_f32_avx2(float *x, const float *g, float *m, float *v, long n,
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
    NEURONA_ADAM_TAIL
}

static void adam_f32_sse2(float *x, const float *g, float *m, float *v, long n,
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
    NEURONA_ADAM_TAIL
}
#endif

neurona_path neurona_adam_f32_path(int level) {
#if defined(__x86_64__)
    return level >= 3 ? NEURONA_PATH_AVX512 : level == 2 ? NEURONA_PATH_AVX2 : NEURONA_PATH_SSE2;
#else
    (void)level;
    return NEURONA_PATH_PORTABLE;
#endif
}

void neurona_adam_f32(int level, float *x, const float *g, float *m, float *v, long n,
                      float b1, float b2, float c1, float c2, float eps) {
    switch (neurona_adam_f32_path(level)) {
#if defined(__x86_64__)
    case NEURONA_PATH_AVX512: adam_f32_avx512(x, g, m, v, n, b1, b2, c1, c2, eps); return;
    case NEURONA_PATH_AVX2: adam_f32_avx2(x, g, m, v, n, b1, b2, c1, c2, eps); return;
    case NEURONA_PATH_SSE2: adam_f32_sse2(x, g, m, v, n, b1, b2, c1, c2, eps); return;
#endif
    default: {
        long i = 0;
        NEURONA_ADAM_TAIL
    }
    }
}

// Max pooling over float32 NHWC images (declared in max_pool.h). Written with intrinsics: an
// AVX-512 version that keeps each block of 16 channels in registers across the window (compiled
// for AVX-512 by its target attribute, chosen by the caller's `level`), and an SSE2 one. Its
// backward pass, one image at a time: AVX-512 for windows that tile the image, else plain C.

#include "max_pool.h"

#include <stddef.h>
#include <string.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

// The pixels (flat, in units of c) of output position (image, oy, ox)'s window that lie inside
// the image, in window order. Returns how many.
static inline long window_cells(int *cells, long image, long oy, long ox, long in_h, long in_w,
                                long k_h, long k_w, long s_h, long s_w, long d_h, long d_w,
                                long pad_t, long pad_l) {
    long count = 0;
    for (long ky = 0; ky < k_h; ky++) {
        long y = oy * s_h + ky * d_h - pad_t;
        if (y < 0 || y >= in_h) continue;
        for (long kx = 0; kx < k_w; kx++) {
            long x = ox * s_w + kx * d_w - pad_l;
            if (x < 0 || x >= in_w) continue;
            cells[count++] = (int)((image * in_h + y) * in_w + x);
        }
    }
    return count;
}

#if defined(__x86_64__)
__attribute__((target("avx512f")))
static void maxpool_f32_avx512(const float *src, float *values, long long *indices,
                               long n0, long n1, long in_h, long in_w, long c,
                               long out_h, long out_w, long k_h, long k_w, long s_h, long s_w,
                               long d_h, long d_w, long pad_t, long pad_l, int *cells) {
    const __m512i lane = _mm512_setr_epi64(0, 1, 2, 3, 4, 5, 6, 7);
    const __m512i channels = _mm512_set1_epi64(c);
    for (long image = n0; image < n1; image++) {
        for (long oy = 0; oy < out_h; oy++) {
            for (long ox = 0; ox < out_w; ox++) {
                long count = window_cells(cells, image, oy, ox, in_h, in_w, k_h, k_w, s_h, s_w, d_h, d_w, pad_t, pad_l);
                long out = ((image * out_h + oy) * out_w + ox) * c;
                for (long k = 0; k < c; k += 16) {
                    const __mmask16 mask = c - k >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (c - k)) - 1);
                    __m512 best = _mm512_maskz_loadu_ps(mask, src + (long)cells[0] * c + k);
                    __m512i winner = _mm512_set1_epi32(cells[0]);
                    for (long j = 1; j < count; j++) {
                        const __m512 v = _mm512_maskz_loadu_ps(mask, src + (long)cells[j] * c + k);
                        const __mmask16 better = _mm512_mask_cmp_ps_mask(mask, v, best, _CMP_GT_OQ);
                        best = _mm512_mask_mov_ps(best, better, v);
                        winner = _mm512_mask_mov_epi32(winner, better, _mm512_set1_epi32(cells[j]));
                    }
                    _mm512_mask_storeu_ps(values + out + k, mask, best);
                    // index = pixel·c + channel, in 64 bits, eight lanes at a time.
                    const __m512i first = _mm512_add_epi64(_mm512_set1_epi64(k), lane);
                    const __m512i low = _mm512_cvtepi32_epi64(_mm512_castsi512_si256(winner));
                    const __m512i high = _mm512_cvtepi32_epi64(_mm512_extracti64x4_epi64(winner, 1));
                    _mm512_mask_storeu_epi64(indices + out + k, (__mmask8)mask,
                                             _mm512_add_epi64(_mm512_mul_epi32(low, channels), first));
                    _mm512_mask_storeu_epi64(indices + out + k + 8, (__mmask8)(mask >> 8),
                                             _mm512_add_epi64(_mm512_mul_epi32(high, channels),
                                                              _mm512_add_epi64(first, _mm512_set1_epi64(8))));
                }
            }
        }
    }
}
#endif

// `best_value` and `best_pixel` are scratch space of c elements.
static void maxpool_f32_sse2(const float *src, float *values, long long *indices,
                             long n0, long n1, long in_h, long in_w, long c,
                             long out_h, long out_w, long k_h, long k_w, long s_h, long s_w,
                             long d_h, long d_w, long pad_t, long pad_l, int *cells,
                             float *best_value, int *best_pixel) {
    for (long image = n0; image < n1; image++) {
        for (long oy = 0; oy < out_h; oy++) {
            for (long ox = 0; ox < out_w; ox++) {
                long count = window_cells(cells, image, oy, ox, in_h, in_w, k_h, k_w, s_h, s_w, d_h, d_w, pad_t, pad_l);
                const float *p0 = src + (long)cells[0] * c;
                for (long k = 0; k < c; k++) { best_value[k] = p0[k]; best_pixel[k] = cells[0]; }
                for (long j = 1; j < count; j++) {
                    const int pixel = cells[j];
                    const float *p = src + (long)pixel * c;
                    long k = 0;
#if defined(__x86_64__)
                    const __m128i pv = _mm_set1_epi32(pixel);
                    for (; k + 4 <= c; k += 4) {
                        __m128 v = _mm_loadu_ps(p + k), b = _mm_loadu_ps(best_value + k);
                        __m128 m = _mm_cmpgt_ps(v, b);
                        _mm_storeu_ps(best_value + k, _mm_or_ps(_mm_and_ps(m, v), _mm_andnot_ps(m, b)));
                        __m128i mi = _mm_castps_si128(m), bp = _mm_loadu_si128((const __m128i *)(best_pixel + k));
                        _mm_storeu_si128((__m128i *)(best_pixel + k), _mm_or_si128(_mm_and_si128(mi, pv), _mm_andnot_si128(mi, bp)));
                    }
#endif
                    for (; k < c; k++) {
                        if (p[k] > best_value[k]) { best_value[k] = p[k]; best_pixel[k] = pixel; }
                    }
                }
                long out = ((image * out_h + oy) * out_w + ox) * c;
                for (long k = 0; k < c; k++) {
                    values[out + k] = best_value[k];
                    indices[out + k] = (long long)best_pixel[k] * c + k;
                }
            }
        }
    }
}

neurona_path neurona_maxpool_f32_path(int level) {
#if defined(__x86_64__)
    return level >= 3 ? NEURONA_PATH_AVX512 : NEURONA_PATH_SSE2;
#else
    (void)level;
    return NEURONA_PATH_PORTABLE;
#endif
}

void neurona_maxpool_f32(int level, const float *src, float *values, long long *indices,
                         long n0, long n1, long in_h, long in_w, long c,
                         long out_h, long out_w, long k_h, long k_w, long s_h, long s_w,
                         long d_h, long d_w, long pad_t, long pad_l, int *cells,
                         float *best_value, int *best_pixel) {
#if defined(__x86_64__)
    if (neurona_maxpool_f32_path(level) == NEURONA_PATH_AVX512) {
        maxpool_f32_avx512(src, values, indices, n0, n1, in_h, in_w, c, out_h, out_w, k_h, k_w, s_h, s_w,
                           d_h, d_w, pad_t, pad_l, cells);
        return;
    }
#else
    (void)level;
#endif
    maxpool_f32_sse2(src, values, indices, n0, n1, in_h, in_w, c, out_h, out_w, k_h, k_w, s_h, s_w,
                     d_h, d_w, pad_t, pad_l, cells, best_value, best_pixel);
}

// The backward pass, any windows: each image's gradient is built while it sits in the cache:
// zeros, then each window's gradient added at its winner in output order. Returns -1, or the
// position of the first winner outside its image.
static long maxpool_backward_scatter(const float *dy, const long long *winners, float *dx,
                                     long n0, long n1, long image_size, long pooled_size) {
    for (long image = n0; image < n1; image++) {
        const long long first = (long long)image * image_size, end = first + image_size;
        memset(dx + first, 0, (size_t)image_size * sizeof(float));
        const float *g = dy + image * pooled_size;
        const long long *w = winners + image * pooled_size;
        for (long i = 0; i < pooled_size; i++) {
            const long long j = w[i];
            if (j < first || j >= end) return image * pooled_size + i;
            dx[j] += g[i];
        }
    }
    return -1;
}

#if defined(__x86_64__)
// The backward pass when the windows tile the image (k_h×k_w windows, strides k_h and k_w, no
// dilation or padding): every pixel lies in at most one window, so each is written once, in
// order: its window's gradient where it won, else zero (as are the rows and columns past the
// last window). Sixteen channels at a time: their winners compared with the pixel's indices.
// Returns -1, or the position of the first output whose winner is not a cell of its window.
__attribute__((target("avx512f")))
static long maxpool_backward_tiles_avx512(const float *dy, const long long *winners, float *dx,
                                          long n0, long n1, long in_h, long in_w, long c,
                                          long out_h, long out_w, long k_h, long k_w) {
    const __m512i lane = _mm512_setr_epi64(0, 1, 2, 3, 4, 5, 6, 7), eight = _mm512_set1_epi64(8);
    for (long image = n0; image < n1; image++) {
        float *picture = dx + image * in_h * in_w * c;
        for (long oy = 0; oy < out_h; oy++) {
            for (long ox = 0; ox < out_w; ox++) {
                const long out = ((image * out_h + oy) * out_w + ox) * c;
                for (long k = 0; k < c; k += 16) {
                    const __mmask16 mask = c - k >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << (c - k)) - 1);
                    const __m512i low = _mm512_maskz_loadu_epi64((__mmask8)mask, winners + out + k);
                    const __m512i high = _mm512_maskz_loadu_epi64((__mmask8)(mask >> 8), winners + out + k + 8);
                    const __m512 gradient = _mm512_maskz_loadu_ps(mask, dy + out + k);
                    __mmask16 found = 0;
                    for (long ky = 0; ky < k_h; ky++) {
                        const long y = oy * k_h + ky;
                        for (long kx = 0; kx < k_w; kx++) {
                            const long pixel = (image * in_h + y) * in_w + ox * k_w + kx;
                            const __m512i first = _mm512_add_epi64(_mm512_set1_epi64(pixel * c + k), lane);
                            const __mmask16 won = (__mmask16)(_mm512_cmpeq_epi64_mask(low, first)
                                | ((unsigned)_mm512_cmpeq_epi64_mask(high, _mm512_add_epi64(first, eight)) << 8));
                            found |= won;
                            _mm512_mask_storeu_ps(picture + ((y * in_w) + ox * k_w + kx) * c + k, mask,
                                                  _mm512_maskz_mov_ps(won, gradient));
                        }
                    }
                    if ((found & mask) != mask) return out + k + __builtin_ctz((unsigned)(~found & mask));
                }
            }
            // The columns past the last window, in this window row.
            for (long y = oy * k_h; y < (oy + 1) * k_h; y++) {
                const long used = out_w * k_w;
                memset(picture + (y * in_w + used) * c, 0, (size_t)((in_w - used) * c) * sizeof(float));
            }
        }
        // The rows past the last window.
        const long used = out_h * k_h;
        memset(picture + used * in_w * c, 0, (size_t)((in_h - used) * in_w * c) * sizeof(float));
    }
    return -1;
}
#endif

neurona_path neurona_maxpool_backward_f32_path(int level, int tiles) {
#if defined(__x86_64__)
    return level >= 3 && tiles ? NEURONA_PATH_AVX512 : NEURONA_PATH_PORTABLE;
#else
    (void)level; (void)tiles;
    return NEURONA_PATH_PORTABLE;
#endif
}

long neurona_maxpool_backward_f32(int level, const float *dy, const long long *winners, float *dx,
                                  long n0, long n1, long in_h, long in_w, long c,
                                  long out_h, long out_w, long k_h, long k_w, int tiles) {
#if defined(__x86_64__)
    if (neurona_maxpool_backward_f32_path(level, tiles) == NEURONA_PATH_AVX512) {
        return maxpool_backward_tiles_avx512(dy, winners, dx, n0, n1, in_h, in_w, c, out_h, out_w, k_h, k_w);
    }
#else
    (void)level; (void)k_h; (void)k_w; (void)tiles;
#endif
    return maxpool_backward_scatter(dy, winners, dx, n0, n1, in_h * in_w * c, out_h * out_w * c);
}

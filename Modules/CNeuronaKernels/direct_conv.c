// Direct 2-D convolution of float32 NHWC images with few channels (declared in direct_conv.h).
//
// With one input channel and 32 filters, each output pixel's 32 values are two vectors of 16
// (four of 8 in AVX2, which takes 16 filters at a time): the forward pass broadcasts one input
// value and multiplies it into a block of up to 12 (6) output pixels' accumulators at once;
// the kernel gradient keeps a block of up to 12 (6) kernel cells' accumulators in registers,
// loads each output pixel's gradient once and multiplies it by every cell's input value.
// AVX-512 and AVX2 + FMA versions share one body per pass (macros over the vector operations,
// compiled per function by target attributes: the package passes no -m flags), chosen by the
// caller's `level`; the portable version is plain C loops in the same order.

#include "direct_conv.h"

#include <stdio.h>
#include <stdlib.h>
#if defined(__x86_64__)
#include <immintrin.h>
#endif

// The positions k ∈ [0, count) for which first + k·step lies in [0, size): [*lo, *hi).
static inline void inside_range(long first, long step, long count, long size, long *lo, long *hi) {
    long l = first >= 0 ? 0 : (-first + step - 1) / step;
    long h = first >= size ? 0 : (size - 1 - first) / step + 1;
    if (h > count) h = count;
    if (h < l) h = l;
    *lo = l;
    *hi = h;
}

// The output columns whose whole window row lies inside the image: [*lo, *hi).
static inline void interior_columns(const neurona_conv_window *w, long *lo, long *hi) {
    inside_range(-w->pad_l, w->s_w, w->out_w, w->in_w - (w->k_w - 1) * w->d_w, lo, hi);
}

// Offsets of each kernel cell t = (ky·k_w + kx)·c + ch from its window's first pixel, and the
// cell's row and column within the window; `cells` holds 3·k_h·k_w·c longs.
static void cell_offsets(const neurona_conv_window *w, long *cells) {
    const long count = w->k_h * w->k_w * w->c;
    long t = 0;
    for (long ky = 0; ky < w->k_h; ky++)
        for (long kx = 0; kx < w->k_w; kx++)
            for (long ch = 0; ch < w->c; ch++, t++) {
                cells[t] = (ky * w->d_h * w->in_w + kx * w->d_w) * w->c + ch;
                cells[count + t] = ky * w->d_h;
                cells[2 * count + t] = kx * w->d_w;
            }
}

// A new table of cell_offsets (freed by the caller). Running out of memory for it (a few
// kilobytes) stops the process with a message rather than computing without it.
static long *new_cell_offsets(const neurona_conv_window *w) {
    long *cells = malloc(3 * (size_t)(w->k_h * w->k_w * w->c) * sizeof(long));
    if (cells == NULL) {
        fprintf(stderr, "direct convolution: out of memory for the cell offsets of a %ld×%ld×%ld window\n",
                (long)w->k_h, (long)w->k_w, (long)w->c);
        abort();
    }
    cell_offsets(w, cells);
    return cells;
}

// ---- Portable ----------------------------------------------------------------------------

static void conv_portable(const neurona_conv_window *w, const float *x, const float *kernel,
                          const float *bias, float *y, long row0, long row1, int relu) {
    const long c = w->c, f = w->f;
    for (long row = row0; row < row1; row++) {
        const long n = row / w->out_h, oy = row % w->out_h;
        const long top = oy * w->s_h - w->pad_t;
        long kyl, kyh;
        inside_range(top, w->d_h, w->k_h, w->in_h, &kyl, &kyh);
        for (long ox = 0; ox < w->out_w; ox++) {
            const long left = ox * w->s_w - w->pad_l;
            long kxl, kxh;
            inside_range(left, w->d_w, w->k_w, w->in_w, &kxl, &kxh);
            float *out = y + (row * w->out_w + ox) * f;
            for (long j = 0; j < f; j++) out[j] = bias ? bias[j] : 0.0f;
            for (long ky = kyl; ky < kyh; ky++)
                for (long kx = kxl; kx < kxh; kx++) {
                    const float *pixel = x + ((n * w->in_h + top + ky * w->d_h) * w->in_w + left + kx * w->d_w) * c;
                    const float *weights = kernel + (ky * w->k_w + kx) * c * f;
                    for (long ch = 0; ch < c; ch++)
                        for (long j = 0; j < f; j++) out[j] += pixel[ch] * weights[ch * f + j];
                }
            if (relu)
                for (long j = 0; j < f; j++) out[j] = out[j] < 0.0f ? 0.0f : out[j];   // NaN stays NaN
        }
    }
}

static void kernel_gradient_portable(const neurona_conv_window *w, const float *x, const float *dy,
                                     float *dk, long n0, long n1) {
    const long c = w->c, f = w->f;
    for (long i = 0; i < w->k_h * w->k_w * c * f; i++) dk[i] = 0.0f;
    for (long n = n0; n < n1; n++)
        for (long oy = 0; oy < w->out_h; oy++) {
            const long top = oy * w->s_h - w->pad_t;
            long kyl, kyh;
            inside_range(top, w->d_h, w->k_h, w->in_h, &kyl, &kyh);
            for (long ox = 0; ox < w->out_w; ox++) {
                const long left = ox * w->s_w - w->pad_l;
                long kxl, kxh;
                inside_range(left, w->d_w, w->k_w, w->in_w, &kxl, &kxh);
                const float *g = dy + ((n * w->out_h + oy) * w->out_w + ox) * f;
                for (long ky = kyl; ky < kyh; ky++)
                    for (long kx = kxl; kx < kxh; kx++) {
                        const float *pixel = x + ((n * w->in_h + top + ky * w->d_h) * w->in_w + left + kx * w->d_w) * c;
                        float *sums = dk + (ky * w->k_w + kx) * c * f;
                        for (long ch = 0; ch < c; ch++)
                            for (long j = 0; j < f; j++) sums[ch * f + j] += pixel[ch] * g[j];
                    }
            }
        }
}

#if defined(__x86_64__)

// Fully unrolls the loop that follows (over a block's pixels or cells), so its accumulators stay
// in registers.
#define NEURONA_UNROLL _Pragma("unroll")

// ---- Vector bodies, shared by AVX-512 and AVX2 ---------------------------------------------
// VEC, MASK, W (lanes), LOAD(ptr, mask), STORE(ptr, mask, v), FMA, SET1, ZERO and RELU are the
// instruction set's; each block covers 2·W filters (the second vector's mask is empty when
// f ≤ W). Blocks of pixels (taps) have a size P (T) known at compile time after inlining, so
// the accumulator arrays live in registers.

// Output pixels ox … ox + P − 1 of one row, for the cells ky ∈ [kyl, kyh), kx ∈ [kxl, kxh).
// `at` is the input offset of the first pixel's window origin (possibly outside the image: only
// cells inside are read), `step` the offset between neighbouring pixels' windows. When the whole
// window is inside, one loop runs over the cells t (their kernel rows are consecutive, their
// input offsets in `offsets`); otherwise loops over the rows and columns inside.
#define NEURONA_CONV_PIXELS_BODY(VEC, W, LOAD, STORE, FMA, SET1, ZERO, RELU)                     \
    VEC acc0[NEURONA_MAX_BLOCK], acc1[NEURONA_MAX_BLOCK];                                         \
    const VEC start0 = bias ? LOAD(bias, m0) : ZERO, start1 = bias ? LOAD(bias + W, m1) : ZERO;  \
    NEURONA_UNROLL for (int p = 0; p < P; p++) { acc0[p] = start0; acc1[p] = start1; }          \
    if (kyl == 0 && kyh == w->k_h && kxl == 0 && kxh == w->k_w) {                               \
        const float *origin = x + at, *weights = kernel;                                        \
        const long cells = w->k_h * w->k_w * w->c;                                              \
        for (long t = 0; t < cells; t++, weights += w->f) {                                     \
            const VEC k0 = LOAD(weights, m0), k1 = LOAD(weights + W, m1);                       \
            const float *pixel = origin + offsets[t];                                           \
            NEURONA_UNROLL for (int p = 0; p < P; p++) {                                        \
                const VEC v = SET1(pixel[p * step]);                                            \
                acc0[p] = FMA(v, k0, acc0[p]);                                                  \
                acc1[p] = FMA(v, k1, acc1[p]);                                                  \
            }                                                                                   \
        }                                                                                       \
    } else {                                                                                    \
        for (long ky = kyl; ky < kyh; ky++)                                                     \
            for (long kx = kxl; kx < kxh; kx++) {                                               \
                const float *weights = kernel + (ky * w->k_w + kx) * w->c * w->f;                \
                const float *pixel = x + (at + (ky * w->d_h * w->in_w + kx * w->d_w) * w->c);     \
                for (long ch = 0; ch < w->c; ch++) {                                            \
                    const VEC k0 = LOAD(weights + ch * w->f, m0), k1 = LOAD(weights + ch * w->f + W, m1); \
                    NEURONA_UNROLL for (int p = 0; p < P; p++) {                                \
                        const VEC v = SET1(pixel[p * step + ch]);                               \
                        acc0[p] = FMA(v, k0, acc0[p]);                                          \
                        acc1[p] = FMA(v, k1, acc1[p]);                                          \
                    }                                                                           \
                }                                                                               \
            }                                                                                   \
    }                                                                                           \
    NEURONA_UNROLL for (int p = 0; p < P; p++) {                                                \
        if (relu) { acc0[p] = RELU(acc0[p]); acc1[p] = RELU(acc1[p]); }                         \
        STORE(y + p * w->f, m0, acc0[p]);                                                       \
        STORE(y + p * w->f + W, m1, acc1[p]);                                                   \
    }

// The rows' driver: interior columns go in blocks of up to NEURONA_MAX_BLOCK pixels (PIXELS is
// the switch that calls the block function with a constant size; neighbouring windows one input
// value apart, as in a one-channel stride-1 convolution, get their own constant step), the
// columns whose window crosses the padding one at a time with their own cell range.
#define NEURONA_CONV_ROWS_BODY(W, MASK, MASK_FOR, PIXELS)                                       \
    long lo, hi;                                                                                \
    interior_columns(w, &lo, &hi);                                                              \
    const long step = w->s_w * w->c;                                                            \
    long *offsets = new_cell_offsets(w);                                                        \
    for (long row = row0; row < row1; row++) {                                                  \
        const long n = row / w->out_h, oy = row % w->out_h;                                     \
        const long top = oy * w->s_h - w->pad_t;                                                \
        long kyl, kyh;                                                                          \
        inside_range(top, w->d_h, w->k_h, w->in_h, &kyl, &kyh);                                 \
        const long row_at = (n * w->in_h + top) * w->in_w * w->c;                               \
        for (long j = 0; j < w->f; j += 2 * W) {                                                \
            const MASK m0 = MASK_FOR(w->f - j), m1 = MASK_FOR(w->f - j - W);                    \
            const float *b = bias ? bias + j : 0;                                               \
            long ox = 0;                                                                        \
            while (ox < w->out_w) {                                                             \
                const long left = ox * w->s_w - w->pad_l;                                       \
                float *out = y + (row * w->out_w + ox) * w->f + j;                              \
                if (ox < lo || ox >= hi) {                                                      \
                    long kxl, kxh;                                                              \
                    inside_range(left, w->d_w, w->k_w, w->in_w, &kxl, &kxh);                    \
                    PIXELS(1, w, x, row_at + left * w->c, step, offsets, kernel + j, b, out, m0, m1, \
                           kyl, kyh, kxl, kxh, relu);                                           \
                    ox += 1;                                                                    \
                } else {                                                                        \
                    const long count = hi - ox < NEURONA_MAX_BLOCK ? hi - ox : NEURONA_MAX_BLOCK; \
                    if (step == 1) {                                                            \
                        PIXELS(count, w, x, row_at + left * w->c, 1, offsets, kernel + j, b, out, m0, m1, \
                               kyl, kyh, 0, w->k_w, relu);                                      \
                    } else {                                                                    \
                        PIXELS(count, w, x, row_at + left * w->c, step, offsets, kernel + j, b, out, m0, m1, \
                               kyl, kyh, 0, w->k_w, relu);                                      \
                    }                                                                           \
                    ox += count;                                                                \
                }                                                                               \
            }                                                                                   \
        }                                                                                       \
    }                                                                                           \
    free(offsets);

// Kernel cells t0 … t0 + T − 1 (their offsets, rows and columns in `offsets`, `cell_y`,
// `cell_x`) of one block of filters, summed over images n0 ..< n1: pixels whose whole window is
// inside the image read the cells directly, the others check each cell.
#define NEURONA_KERNEL_GRADIENT_BODY(VEC, W, LOAD, STORE, FMA, SET1, ZERO)                       \
    VEC acc0[NEURONA_MAX_BLOCK], acc1[NEURONA_MAX_BLOCK];                                         \
    NEURONA_UNROLL for (int t = 0; t < T; t++) { acc0[t] = ZERO; acc1[t] = ZERO; }                             \
    for (long n = n0; n < n1; n++)                                                              \
        for (long oy = 0; oy < w->out_h; oy++) {                                                \
            const long top = oy * w->s_h - w->pad_t;                                            \
            const int rows_inside = top >= 0 && top + (w->k_h - 1) * w->d_h < w->in_h;          \
            const long row_at = (n * w->in_h + top) * w->in_w * w->c;                           \
            const float *g = dy + (n * w->out_h + oy) * w->out_w * w->f;                        \
            for (long ox = 0; ox < w->out_w; ox++, g += w->f) {                                 \
                const VEC g0 = LOAD(g, m0), g1 = LOAD(g + W, m1);                               \
                const long left = ox * w->s_w - w->pad_l;                                       \
                const long origin = row_at + left * w->c;                                       \
                if (rows_inside && ox >= lo && ox < hi) {                                       \
                    NEURONA_UNROLL for (int t = 0; t < T; t++) {                                               \
                        const VEC v = SET1(x[origin + offsets[t]]);                                 \
                        acc0[t] = FMA(v, g0, acc0[t]);                                          \
                        acc1[t] = FMA(v, g1, acc1[t]);                                          \
                    }                                                                           \
                } else {                                                                        \
                    NEURONA_UNROLL for (int t = 0; t < T; t++) {                                               \
                        const long yy = top + cell_y[t], xx = left + cell_x[t];                 \
                        if (yy < 0 || yy >= w->in_h || xx < 0 || xx >= w->in_w) continue;       \
                        const VEC v = SET1(x[origin + offsets[t]]);                                 \
                        acc0[t] = FMA(v, g0, acc0[t]);                                          \
                        acc1[t] = FMA(v, g1, acc1[t]);                                          \
                    }                                                                           \
                }                                                                               \
            }                                                                                   \
        }                                                                                       \
    NEURONA_UNROLL for (int t = 0; t < T; t++) {                                                               \
        STORE(dk + t * w->f, m0, acc0[t]);                                                      \
        STORE(dk + t * w->f + W, m1, acc1[t]);                                                  \
    }

// The kernel gradient's driver: filters in blocks of 2·W, cells in equal blocks of at most
// NEURONA_MAX_BLOCK (CELLS is the switch that calls the block function with a constant size).
#define NEURONA_KERNEL_GRADIENT_DRIVER_BODY(W, MASK, MASK_FOR, CELLS)                           \
    const long count = w->k_h * w->k_w * w->c;                                                  \
    long *cells = new_cell_offsets(w);                                                          \
    long lo, hi;                                                                                \
    interior_columns(w, &lo, &hi);                                                              \
    const long blocks = (count + NEURONA_MAX_BLOCK - 1) / NEURONA_MAX_BLOCK;                    \
    const long size = (count + blocks - 1) / blocks;                                            \
    for (long j = 0; j < w->f; j += 2 * W) {                                                    \
        const MASK m0 = MASK_FOR(w->f - j), m1 = MASK_FOR(w->f - j - W);                        \
        for (long t0 = 0; t0 < count; t0 += size) {                                             \
            const long t = count - t0 < size ? count - t0 : size;                               \
            CELLS(t, w, x, dy + j, dk + t0 * w->f + j, n0, n1, m0, m1, cells + t0,              \
                  cells + count + t0, cells + 2 * count + t0, lo, hi);                          \
        }                                                                                       \
    }                                                                                           \
    free(cells);

// The cases of a switch calling FN(size, args…) with each constant size 1 … 6 and 7 … 12.
#define NEURONA_SIZES_1_TO_6(FN, ...)                                                        \
    case 1: FN(1, __VA_ARGS__); break;                                                          \
    case 2: FN(2, __VA_ARGS__); break;                                                          \
    case 3: FN(3, __VA_ARGS__); break;                                                          \
    case 4: FN(4, __VA_ARGS__); break;                                                          \
    case 5: FN(5, __VA_ARGS__); break;                                                          \
    case 6: FN(6, __VA_ARGS__); break;
#define NEURONA_SIZES_7_TO_12(FN, ...)                                                       \
    case 7: FN(7, __VA_ARGS__); break;                                                          \
    case 8: FN(8, __VA_ARGS__); break;                                                          \
    case 9: FN(9, __VA_ARGS__); break;                                                          \
    case 10: FN(10, __VA_ARGS__); break;                                                        \
    case 11: FN(11, __VA_ARGS__); break;                                                        \
    case 12: FN(12, __VA_ARGS__); break;

// ---- AVX-512: 32 filters, 12 pixels or cells per block (24 accumulators) -------------------

#define NEURONA_MAX_BLOCK 12
#define NEURONA_MASK16(count) \
    ((count) >= 16 ? (__mmask16)0xFFFF : (count) <= 0 ? (__mmask16)0 : (__mmask16)((1u << (count)) - 1))
#define NEURONA_LOAD512(ptr, mask) _mm512_maskz_loadu_ps(mask, ptr)
#define NEURONA_STORE512(ptr, mask, v) _mm512_mask_storeu_ps(ptr, mask, v)
// max(0, v): MAXPS returns its second operand when either is NaN, so NaN passes through.
#define NEURONA_RELU512(v) _mm512_max_ps(_mm512_setzero_ps(), v)

__attribute__((always_inline, target("avx512f")))
static inline void conv_pixels_avx512(const int P, const neurona_conv_window *w, const float *x, long at, long step,
                                      const long *offsets,
                                      const float *kernel, const float *bias, float *y, __mmask16 m0, __mmask16 m1,
                                      long kyl, long kyh, long kxl, long kxh, int relu) {
    NEURONA_CONV_PIXELS_BODY(__m512, 16, NEURONA_LOAD512, NEURONA_STORE512, _mm512_fmadd_ps, _mm512_set1_ps,
                             _mm512_setzero_ps(), NEURONA_RELU512)
}

#define NEURONA_PIXELS512(P, ...) conv_pixels_avx512(P, __VA_ARGS__)
#define NEURONA_PIXEL_SWITCH512(count, ...)                                                     \
    switch (count) {                                                                            \
        NEURONA_SIZES_1_TO_6(NEURONA_PIXELS512, __VA_ARGS__)                             \
        NEURONA_SIZES_7_TO_12(NEURONA_PIXELS512, __VA_ARGS__)                            \
    }

__attribute__((target("avx512f")))
static void conv_avx512(const neurona_conv_window *w, const float *x, const float *kernel,
                        const float *bias, float *y, long row0, long row1, int relu) {
    NEURONA_CONV_ROWS_BODY(16, __mmask16, NEURONA_MASK16, NEURONA_PIXEL_SWITCH512)
}

__attribute__((always_inline, target("avx512f")))
static inline void kernel_cells_avx512(const int T, const neurona_conv_window *w, const float *x, const float *dy,
                                       float *dk, long n0, long n1, __mmask16 m0, __mmask16 m1,
                                       const long *offsets, const long *cell_y, const long *cell_x, long lo, long hi) {
    NEURONA_KERNEL_GRADIENT_BODY(__m512, 16, NEURONA_LOAD512, NEURONA_STORE512, _mm512_fmadd_ps, _mm512_set1_ps,
                                 _mm512_setzero_ps())
}

#define NEURONA_CELLS512(T, ...) kernel_cells_avx512(T, __VA_ARGS__)
#define NEURONA_CELL_SWITCH512(count, ...)                                                      \
    switch (count) {                                                                            \
        NEURONA_SIZES_1_TO_6(NEURONA_CELLS512, __VA_ARGS__)                              \
        NEURONA_SIZES_7_TO_12(NEURONA_CELLS512, __VA_ARGS__)                             \
    }

__attribute__((target("avx512f")))
static void kernel_gradient_avx512(const neurona_conv_window *w, const float *x, const float *dy,
                                   float *dk, long n0, long n1) {
    NEURONA_KERNEL_GRADIENT_DRIVER_BODY(16, __mmask16, NEURONA_MASK16, NEURONA_CELL_SWITCH512)
}

#undef NEURONA_MAX_BLOCK

// ---- AVX2 + FMA: 16 filters, 6 pixels or cells per block (12 accumulators) -----------------

#define NEURONA_MAX_BLOCK 6

// The AVX2 tail mask: lanes below `count` set, and whether that is all of them (masked stores
// are slow on some CPUs: full vectors use plain loads and stores).
typedef struct { __m256i lanes; int full; } neurona_mask8;

__attribute__((target("avx2,fma")))
static inline neurona_mask8 direct_conv_mask8(long count) {
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    const neurona_mask8 mask = {
        _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(count > 8 ? 8 : count < 0 ? 0 : count)), lanes), count >= 8};
    return mask;
}
#define NEURONA_LOAD256(ptr, mask) ((mask).full ? _mm256_loadu_ps(ptr) : _mm256_maskload_ps(ptr, (mask).lanes))
#define NEURONA_STORE256(ptr, mask, v) \
    do { if ((mask).full) _mm256_storeu_ps(ptr, v); else _mm256_maskstore_ps(ptr, (mask).lanes, v); } while (0)
#define NEURONA_RELU256(v) _mm256_max_ps(_mm256_setzero_ps(), v)

__attribute__((always_inline, target("avx2,fma")))
static inline void conv_pixels_avx2(const int P, const neurona_conv_window *w, const float *x, long at, long step,
                                    const long *offsets,
                                    const float *kernel, const float *bias, float *y, neurona_mask8 m0, neurona_mask8 m1,
                                    long kyl, long kyh, long kxl, long kxh, int relu) {
    NEURONA_CONV_PIXELS_BODY(__m256, 8, NEURONA_LOAD256, NEURONA_STORE256, _mm256_fmadd_ps, _mm256_set1_ps,
                             _mm256_setzero_ps(), NEURONA_RELU256)
}

#define NEURONA_PIXELS256(P, ...) conv_pixels_avx2(P, __VA_ARGS__)
#define NEURONA_PIXEL_SWITCH256(count, ...)                                                     \
    switch (count) { NEURONA_SIZES_1_TO_6(NEURONA_PIXELS256, __VA_ARGS__) }

__attribute__((target("avx2,fma")))
static void conv_avx2(const neurona_conv_window *w, const float *x, const float *kernel,
                      const float *bias, float *y, long row0, long row1, int relu) {
    NEURONA_CONV_ROWS_BODY(8, neurona_mask8, direct_conv_mask8, NEURONA_PIXEL_SWITCH256)
}

__attribute__((always_inline, target("avx2,fma")))
static inline void kernel_cells_avx2(const int T, const neurona_conv_window *w, const float *x, const float *dy,
                                     float *dk, long n0, long n1, neurona_mask8 m0, neurona_mask8 m1,
                                     const long *offsets, const long *cell_y, const long *cell_x, long lo, long hi) {
    NEURONA_KERNEL_GRADIENT_BODY(__m256, 8, NEURONA_LOAD256, NEURONA_STORE256, _mm256_fmadd_ps, _mm256_set1_ps,
                                 _mm256_setzero_ps())
}

#define NEURONA_CELLS256(T, ...) kernel_cells_avx2(T, __VA_ARGS__)
#define NEURONA_CELL_SWITCH256(count, ...)                                                      \
    switch (count) { NEURONA_SIZES_1_TO_6(NEURONA_CELLS256, __VA_ARGS__) }

__attribute__((target("avx2,fma")))
static void kernel_gradient_avx2(const neurona_conv_window *w, const float *x, const float *dy,
                                 float *dk, long n0, long n1) {
    NEURONA_KERNEL_GRADIENT_DRIVER_BODY(8, neurona_mask8, direct_conv_mask8, NEURONA_CELL_SWITCH256)
}

#undef NEURONA_MAX_BLOCK

#endif  // __x86_64__

neurona_path neurona_direct_conv_path(int level) { return neurona_avx_only_path(level); }

void neurona_direct_conv_f32(int level, const neurona_conv_window *w, const float *x,
                             const float *kernel, const float *bias, float *y,
                             long row0, long row1, int relu) {
    switch (neurona_direct_conv_path(level)) {
#if defined(__x86_64__)
    case NEURONA_PATH_AVX512: conv_avx512(w, x, kernel, bias, y, row0, row1, relu); return;
    case NEURONA_PATH_AVX2: conv_avx2(w, x, kernel, bias, y, row0, row1, relu); return;
#endif
    default: break;
    }
    conv_portable(w, x, kernel, bias, y, row0, row1, relu);
}

void neurona_direct_conv_kernel_gradient_f32(int level, const neurona_conv_window *w, const float *x,
                                             const float *dy, float *dk, long n0, long n1) {
    switch (neurona_direct_conv_path(level)) {
#if defined(__x86_64__)
    case NEURONA_PATH_AVX512: kernel_gradient_avx512(w, x, dy, dk, n0, n1); return;
    case NEURONA_PATH_AVX2: kernel_gradient_avx2(w, x, dy, dk, n0, n1); return;
#endif
    default: break;
    }
    kernel_gradient_portable(w, x, dy, dk, n0, n1);
}

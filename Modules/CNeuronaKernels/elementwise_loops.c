// Plain loops of NeuronaCore's training steps (declared in elementwise_loops.h), one body per
// operation written once for both float types. No intrinsics: the compiler vectorizes them in
// optimized builds. Floating-point contraction is off so that `1 − y·y` is never fused into one
// rounding: the results are the separate operations' roundings, as in Swift.

#pragma STDC FP_CONTRACT OFF

#include "elementwise_loops.h"

#include <math.h>

// One row of `a OP b`, with a loop of its own for each pattern of steps so that each vectorizes.
#define ARITHMETIC_ROW(T, OP)                                                                 \
    if (a_step == 1 && b_step == 1) {                                                         \
        for (long j = 0; j < width; j++) z[j] = x[j] OP y[j];                                 \
    } else if (a_step == 1 && b_step == 0) {                                                  \
        T v = y[0];                                                                           \
        for (long j = 0; j < width; j++) z[j] = x[j] OP v;                                    \
    } else if (a_step == 0 && b_step == 1) {                                                  \
        T v = x[0];                                                                           \
        for (long j = 0; j < width; j++) z[j] = v OP y[j];                                    \
    } else {                                                                                  \
        for (long j = 0; j < width; j++) z[j] = x[j * a_step] OP y[j * b_step];               \
    }

#define ARITHMETIC(T, NAME)                                                                   \
    void NAME(neurona_arithmetic op, const T *a, long a_row, long a_step,                     \
              const T *b, long b_row, long b_step, T *out, long rows, long width) {           \
        for (long r = 0; r < rows; r++) {                                                     \
            const T *x = a + r * a_row, *y = b + r * b_row;                                   \
            T *z = out + r * width;                                                           \
            switch (op) {                                                                     \
            case NEURONA_ADD: ARITHMETIC_ROW(T, +) break;                                     \
            case NEURONA_SUBTRACT: ARITHMETIC_ROW(T, -) break;                                \
            case NEURONA_MULTIPLY: ARITHMETIC_ROW(T, *) break;                                \
            case NEURONA_DIVIDE: ARITHMETIC_ROW(T, /) break;                                  \
            }                                                                                 \
        }                                                                                     \
    }

ARITHMETIC(float, neurona_arithmetic_f32)
ARITHMETIC(double, neurona_arithmetic_f64)

#define MAP(T, NAME, EXP, LOG, TANH)                                                          \
    void NAME(neurona_map kind, const T *x, T *y, long n) {                                   \
        switch (kind) {                                                                       \
        case NEURONA_MAP_RELU:                                                                \
            for (long i = 0; i < n; i++) y[i] = x[i] <= (T)0 ? (T)0 : x[i];                   \
            break;                                                                            \
        case NEURONA_MAP_EXP:                                                                 \
            for (long i = 0; i < n; i++) y[i] = EXP(x[i]);                                    \
            break;                                                                            \
        case NEURONA_MAP_LOG:                                                                 \
            for (long i = 0; i < n; i++) y[i] = LOG(x[i]);                                    \
            break;                                                                            \
        case NEURONA_MAP_TANH:                                                                \
            for (long i = 0; i < n; i++) y[i] = TANH(x[i]);                                   \
            break;                                                                            \
        case NEURONA_MAP_SIGMOID:                                                             \
            for (long i = 0; i < n; i++) {                                                    \
                T v = x[i];                                                                   \
                if (v >= (T)0) {                                                              \
                    y[i] = (T)1 / ((T)1 + EXP(-v));                                           \
                } else {                                                                      \
                    T e = EXP(v);                                                             \
                    y[i] = e / ((T)1 + e);                                                    \
                }                                                                             \
            }                                                                                 \
            break;                                                                            \
        }                                                                                     \
    }

MAP(float, neurona_map_f32, expf, logf, tanhf)
MAP(double, neurona_map_f64, exp, log, tanh)

#define ACTIVATION_GRADIENT(T, NAME)                                                          \
    void NAME(neurona_gradient_kind kind, const T *g, const T *s, T *out, long n, T low, T high) { \
        switch (kind) {                                                                       \
        case NEURONA_GRADIENT_SIGMOID:                                                        \
            for (long i = 0; i < n; i++) {                                                    \
                T gy = g[i] * s[i];                                                           \
                out[i] = gy * ((T)1 - s[i]);                                                  \
            }                                                                                 \
            break;                                                                            \
        case NEURONA_GRADIENT_TANH:                                                           \
            for (long i = 0; i < n; i++) {                                                    \
                T yy = s[i] * s[i];                                                           \
                out[i] = g[i] * ((T)1 - yy);                                                  \
            }                                                                                 \
            break;                                                                            \
        case NEURONA_GRADIENT_RELU:                                                           \
            for (long i = 0; i < n; i++) out[i] = g[i] * (s[i] <= (T)0 ? (T)0 : (T)1);        \
            break;                                                                            \
        case NEURONA_GRADIENT_CLIP:                                                           \
            for (long i = 0; i < n; i++) out[i] = g[i] * (s[i] > low && s[i] < high ? (T)1 : (T)0); \
            break;                                                                            \
        }                                                                                     \
    }

ACTIVATION_GRADIENT(float, neurona_activation_gradient_f32)
ACTIVATION_GRADIENT(double, neurona_activation_gradient_f64)

#define COLUMN_SUMS(T, NAME)                                                                  \
    void NAME(const T *src, long rows, long columns, T *dst) {                                \
        if (rows == 0) {                                                                      \
            for (long j = 0; j < columns; j++) dst[j] = 0;                                    \
            return;                                                                           \
        }                                                                                     \
        for (long j = 0; j < columns; j++) dst[j] = src[j];                                   \
        for (long r = 1; r < rows; r++) {                                                     \
            const T *row = src + r * columns;                                                 \
            for (long j = 0; j < columns; j++) dst[j] += row[j];                              \
        }                                                                                     \
    }

COLUMN_SUMS(float, neurona_column_sums_f32)
COLUMN_SUMS(double, neurona_column_sums_f64)

#define PAIRWISE_SUM(T, NAME)                                                                 \
    T NAME(const T *p, long n) {                                                              \
        if (n > 128) {                                                                        \
            long half = (n / 2) & ~7L;                                                        \
            return NAME(p, half) + NAME(p + half, n - half);                                  \
        }                                                                                     \
        T s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;                     \
        long i = 0;                                                                           \
        for (; i + 8 <= n; i += 8) {                                                          \
            s0 += p[i]; s1 += p[i + 1]; s2 += p[i + 2]; s3 += p[i + 3];                       \
            s4 += p[i + 4]; s5 += p[i + 5]; s6 += p[i + 6]; s7 += p[i + 7];                   \
        }                                                                                     \
        T s = ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));                              \
        for (; i < n; i++) s += p[i];                                                         \
        return s;                                                                             \
    }

PAIRWISE_SUM(float, neurona_pairwise_sum_f32)
PAIRWISE_SUM(double, neurona_pairwise_sum_f64)

#define ADD_STRIDED_RUNS(T, NAME)                                                             \
    void NAME(const T *src, T *dst, long width, long count, long src_step, long dst_step) {   \
        for (long r = 0; r < count; r++) {                                                   \
            for (long k = 0; k < width; k++) dst[k] += src[k];                                \
            src += src_step;                                                                  \
            dst += dst_step;                                                                  \
        }                                                                                     \
    }

ADD_STRIDED_RUNS(float, neurona_add_strided_runs_f32)
ADD_STRIDED_RUNS(double, neurona_add_strided_runs_f64)

// Each row's extreme value in one pass of selects (no branch per element to mispredict on a
// classifier's short rows), then its first index; `poison` (each `v · 0` summed) turns NaN when
// the row holds a NaN or an infinity, and such a row is scanned again by the branching loop,
// where the first NaN wins.
#define ROW_EXTREMUM(T, NAME, BETTER)                                                         \
    static void NAME(const T *src, T *dst, long long *idx, long rows, long n) {               \
        for (long r = 0; r < rows; r++) {                                                     \
            const T *row = src + r * n;                                                       \
            T best = row[0], poison = best * 0;                                               \
            for (long k = 1; k < n; k++) {                                                    \
                T v = row[k];                                                                 \
                poison += v * 0;                                                              \
                best = BETTER(v, best) ? v : best;                                            \
            }                                                                                 \
            long at = 0;                                                                      \
            if (poison != poison) {                                                           \
                best = row[0];                                                                \
                if (best == best) {                                                           \
                    for (long k = 1; k < n; k++) {                                            \
                        T v = row[k];                                                         \
                        if (v != v) { best = v; at = k; break; }                              \
                        if (BETTER(v, best)) { best = v; at = k; }                            \
                    }                                                                         \
                }                                                                             \
            } else {                                                                          \
                while (at < n - 1 && row[at] != best) at++;                                   \
            }                                                                                 \
            dst[r] = row[at];                                                                 \
            idx[r] = at;                                                                      \
        }                                                                                     \
    }

#define GREATER(a, b) ((a) > (b))
#define LESS(a, b) ((a) < (b))
ROW_EXTREMUM(float, row_max_f32, GREATER)
ROW_EXTREMUM(float, row_min_f32, LESS)
ROW_EXTREMUM(double, row_max_f64, GREATER)
ROW_EXTREMUM(double, row_min_f64, LESS)

void neurona_row_extremum_f32(const float *src, float *dst, long long *idx, long rows, long n, int largest) {
    if (largest) row_max_f32(src, dst, idx, rows, n); else row_min_f32(src, dst, idx, rows, n);
}

void neurona_row_extremum_f64(const double *src, double *dst, long long *idx, long rows, long n, int largest) {
    if (largest) row_max_f64(src, dst, idx, rows, n); else row_min_f64(src, dst, idx, rows, n);
}

void neurona_bytes_to_float32(const unsigned char *src, float *dst, long n) {
    for (long i = 0; i < n; i++) dst[i] = (float)src[i];
}

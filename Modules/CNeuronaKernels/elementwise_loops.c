// Plain loops of NeuronaCore's training steps (declared in elementwise_loops.h), one body per
// operation written once for both float types. No intrinsics: the compiler vectorizes them in
// optimized builds. Floating-point contraction is off so that `1 − y·y` is never fused into one
// rounding: the results are the separate operations' roundings, as in Swift.

#pragma STDC FP_CONTRACT OFF

#include "elementwise_loops.h"

#define RELU(T, NAME)                                                                         \
    void NAME(const T *x, T *y, long n) {                                                     \
        for (long i = 0; i < n; i++) y[i] = x[i] <= (T)0 ? (T)0 : x[i];                       \
    }

RELU(float, neurona_relu_f32)
RELU(double, neurona_relu_f64)

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
        for (long j = 0; j < columns; j++) dst[j] = 0;                                        \
        for (long r = 0; r < rows; r++) {                                                     \
            const T *row = src + r * columns;                                                 \
            for (long j = 0; j < columns; j++) dst[j] += row[j];                              \
        }                                                                                     \
    }

COLUMN_SUMS(float, neurona_column_sums_f32)
COLUMN_SUMS(double, neurona_column_sums_f64)

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

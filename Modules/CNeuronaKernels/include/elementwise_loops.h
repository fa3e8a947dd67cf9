// Plain loops of NeuronaCore's training steps, float32 and float64 (elementwise_loops.c): relu,
// activations' gradients, the column sums of a matrix, and strided runs added onto an image.
// In Swift they were generic loops, which a debug build runs through protocol calls per element
// (ten times slower than these, compiled optimized by the Makefile's debug flags); in a release
// build both compile to the same vector loops. Each computes what its Swift caller documents,
// in the same order, so the bits do not depend on the build.
#ifndef NEURONA_ELEMENTWISE_LOOPS_H
#define NEURONA_ELEMENTWISE_LOOPS_H

/// `y[i] = x[i] ≤ 0 ? 0 : x[i]` for `i < n` (`x` may be `y`): relu, NaN passing through and
/// -0 becoming +0.
void neurona_relu_f32(const float *x, float *y, long n);
void neurona_relu_f64(const double *x, double *y, long n);

/// Which activation's backward `neurona_activation_gradient_*` computes (NeuronaCore's
/// `ElementwiseGradient`).
typedef enum {
    NEURONA_GRADIENT_SIGMOID = 0,   // g·y·(1 − y), y the sigmoid's output
    NEURONA_GRADIENT_TANH = 1,      // g·(1 − y·y), y the tanh's output
    NEURONA_GRADIENT_RELU = 2,      // g·(x ≤ 0 ? 0 : 1), x the relu's input (or output)
    NEURONA_GRADIENT_CLIP = 3,      // g·(low < x < high ? 1 : 0), x the clip's input
} neurona_gradient_kind;

/// `out[i]` for `i < n` from the gradient flowing in `g` and the saved tensor `s` (the
/// activation's output for sigmoid and tanh, its input for relu and clip); `low` and `high` are
/// the clip's bounds (ignored otherwise).
void neurona_activation_gradient_f32(neurona_gradient_kind kind, const float *g, const float *s, float *out,
                                     long n, float low, float high);
void neurona_activation_gradient_f64(neurona_gradient_kind kind, const double *g, const double *s, double *out,
                                     long n, double low, double high);

/// `dst[j]` = the sum over rows of `src[r·columns + j]` (a row-major `rows × columns` matrix),
/// added row by row from the first.
void neurona_column_sums_f32(const float *src, long rows, long columns, float *dst);
void neurona_column_sums_f64(const double *src, long rows, long columns, double *dst);

/// `count` times: `width` values of `src` added onto `dst`, then `src` advanced by `src_step`
/// and `dst` by `dst_step` (col2im's run of one window cell along an output row).
void neurona_add_strided_runs_f32(const float *src, float *dst, long width, long count, long src_step, long dst_step);
void neurona_add_strided_runs_f64(const double *src, double *dst, long width, long count, long src_step, long dst_step);

#endif

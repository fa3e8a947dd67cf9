// Plain loops of NeuronaCore's training steps, float32 and float64 (elementwise_loops.c): the four
// arithmetic operations, relu, exp, log, tanh and sigmoid, activations' gradients, sums (a
// matrix's columns, a run pairwise), strided runs added onto an image, rows' extremes (argmax),
// and bytes widened to floats.
// In Swift they were generic loops, which a debug build runs through protocol calls per element
// (ten times slower than these, compiled optimized by the Makefile's debug flags); in a release
// build both compile to the same vector loops. Each computes what its Swift caller documents,
// in the same order, so the bits do not depend on the build.
#ifndef NEURONA_ELEMENTWISE_LOOPS_H
#define NEURONA_ELEMENTWISE_LOOPS_H

/// Which operation `neurona_arithmetic_*` computes (NeuronaCore's `BinaryOp`).
typedef enum {
    NEURONA_ADD = 0,
    NEURONA_SUBTRACT = 1,
    NEURONA_MULTIPLY = 2,
    NEURONA_DIVIDE = 3,
} neurona_arithmetic;

/// `out[r·width + j] = a[r·a_row + j·a_step] op b[r·b_row + j·b_step]` for `r < rows`,
/// `j < width`: two same-shape operands (steps 1), one of them a single value (its steps 0), or
/// one a row repeated over the other's rows (its row step 0). `out` may be `a` or `b`.
void neurona_arithmetic_f32(neurona_arithmetic op, const float *a, long a_row, long a_step,
                            const float *b, long b_row, long b_step, float *out, long rows, long width);
void neurona_arithmetic_f64(neurona_arithmetic op, const double *a, long a_row, long a_step,
                            const double *b, long b_row, long b_step, double *out, long rows, long width);

/// Which function `neurona_map_*` applies (NeuronaCore's `UnaryOp`); exp, log and tanh through
/// the C library's `expf`/`exp`, `logf`/`log` and `tanhf`/`tanh`: the functions swift-numerics'
/// `exp`, `log` and `tanh` call.
typedef enum {
    NEURONA_MAP_EXP = 0,
    NEURONA_MAP_LOG = 1,
    NEURONA_MAP_TANH = 2,
    NEURONA_MAP_SIGMOID = 3,   // x ≥ 0 ? 1 / (1 + exp(−x)) : exp(x) / (1 + exp(x)), no overflow
    NEURONA_MAP_RELU = 4,      // x ≤ 0 ? 0 : x: NaN passes through, −0 becomes +0
} neurona_map;

/// `y[i] = f(x[i])` for `i < n` (`x` may be `y`), f the function `kind` names.
void neurona_map_f32(neurona_map kind, const float *x, float *y, long n);
void neurona_map_f64(neurona_map kind, const double *x, double *y, long n);

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

/// `dst[j]` = the sum over rows of `src[r·columns + j]` (a row-major `rows × columns` matrix):
/// the first row, then each next row added in turn (zeros when `rows` is 0).
void neurona_column_sums_f32(const float *src, long rows, long columns, float *dst);
void neurona_column_sums_f64(const double *src, long rows, long columns, double *dst);

/// The sum of `p[0..<n]`, pairwise as NumPy's: runs of at most 128 in eight interleaved sums
/// (`p[i]` into sum `i mod 8`, each from 0, combined as ((s0+s1)+(s2+s3))+((s4+s5)+(s6+s7)), the
/// tail added after), longer runs split at a multiple of 8 near the middle. The error grows with
/// log n, not n.
float neurona_pairwise_sum_f32(const float *p, long n);
double neurona_pairwise_sum_f64(const double *p, long n);

/// `count` times: `width` values of `src` added onto `dst`, then `src` advanced by `src_step`
/// and `dst` by `dst_step` (col2im's run of one window cell along an output row).
void neurona_add_strided_runs_f32(const float *src, float *dst, long width, long count, long src_step, long dst_step);
void neurona_add_strided_runs_f64(const double *src, double *dst, long width, long count, long src_step, long dst_step);

/// For each of `rows` contiguous rows of `n ≥ 1` values: its largest (`largest` non-zero) or
/// smallest value into `dst[r]` and that value's first index into `idx[r]`; a row holding a NaN
/// gives its first NaN (a classifier's argmax, `Tensor.max` over the last axis).
void neurona_row_extremum_f32(const float *src, float *dst, long long *idx, long rows, long n, int largest);
void neurona_row_extremum_f64(const double *src, double *dst, long long *idx, long rows, long n, int largest);

/// `dst[i] = src[i]` for `i < n`: unsigned bytes (an image file's pixels) as floats, 0–255.
void neurona_bytes_to_float32(const unsigned char *src, float *dst, long n);

#endif

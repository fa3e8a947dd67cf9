// Max pooling over float32 NHWC images and its backward pass (max_pool.c).
#ifndef NEURONA_MAX_POOL_H
#define NEURONA_MAX_POOL_H

#include "kernel_path.h"

/// The path `neurona_maxpool_f32` runs at `level`: AVX-512, else SSE2 on x86-64; portable elsewhere.
neurona_path neurona_maxpool_f32_path(int level);

/// The path `neurona_maxpool_backward_f32` runs at `level`: AVX-512 when the windows tile the image
/// (`tiles` ≠ 0), else the portable scatter.
neurona_path neurona_maxpool_backward_f32_path(int level, int tiles);

/// For images `n0 ..< n1`, each window's largest value per channel (`values`, [N, OH, OW, C])
/// and the flat index into the input of the pixel that won (`indices`, for the backward pass's
/// scatter). Padding never wins; on ties the first cell (row-major in the window) wins.
///
/// `level` 3 runs the AVX-512 kernel (each block of 16 channels kept in registers across the
/// window); any other level the SSE2 one (plain C off x86-64). `cells` is scratch space for
/// k_h·k_w ints; `best_value` and `best_pixel` are scratch space of `c` elements, used by the
/// SSE2 kernel only (NULL is fine at level 3).
void neurona_maxpool_f32(int level, const float *src, float *values, long long *indices,
                         long n0, long n1, long in_h, long in_w, long c,
                         long out_h, long out_w, long k_h, long k_w, long s_h, long s_w,
                         long d_h, long d_w, long pad_t, long pad_l, int *cells,
                         float *best_value, int *best_pixel);

/// The backward pass of max pooling for images `n0 ..< n1` of `dx` [N, in_h, in_w, c]: zero
/// except at the winners, where each output's gradient `dy[i]` ([N, out_h, out_w, c]) is added
/// at `dx[winners[i]]`, in output order (overlapping windows can share a winner).
///
/// `tiles` says the windows tile the image (k_h×k_w windows, strides k_h and k_w, no dilation or
/// padding); then at `level` 3 the AVX-512 kernel writes each pixel once, comparing the winners
/// with the pixel's index. Otherwise (plain C) each image is zeroed, then the gradients added.
/// Returns -1, or the position i of the first winner that does not lie in its own image (with
/// `tiles` at level 3: its own window); nothing is written past that image.
long neurona_maxpool_backward_f32(int level, const float *dy, const long long *winners, float *dx,
                                  long n0, long n1, long in_h, long in_w, long c,
                                  long out_h, long out_w, long k_h, long k_w, int tiles);

#endif

// Direct 2-D convolution of float32 NHWC images with few channels (direct_conv.c): the first
// layer of an image network (one grey or three colour channels), where im2col + GEMM would
// multiply by an inner dimension of only KH·KW·C.
#ifndef NEURONA_DIRECT_CONV_H
#define NEURONA_DIRECT_CONV_H

#include "kernel_path.h"

/// The window of a convolution: images [N, in_h, in_w, c], kernel [k_h, k_w, c, f], output
/// [N, out_h, out_w, f]; output (oy, ox) and cell (ky, kx) read input row
/// oy·s_h + ky·d_h − pad_t and column ox·s_w + kx·d_w − pad_l (outside the image: zero).
typedef struct {
    long in_h, in_w, c, out_h, out_w, f;
    long k_h, k_w, s_h, s_w, d_h, d_w, pad_t, pad_l;
} neurona_conv_window;

/// The path both direct kernels run at `level`: AVX-512 or AVX2 on x86-64, else the portable loops
/// (which Swift routes to only in tests: below AVX2 it uses im2col and OpenBLAS).
neurona_path neurona_direct_conv_path(int level);

/// Output rows `row0 ..< row1` (row = image·out_h + oy) of the convolution of `x` with
/// `kernel`, plus `bias` (NULL: none), then max(·, 0) when `relu`. Each output is the bias plus
/// its cells' products in window order (ky, kx, channel).
///
/// `level` 3 runs the AVX-512 kernel, 2 the AVX2 + FMA one, any other the portable C one; the
/// caller makes sure the CPU has what the level needs.
void neurona_direct_conv_f32(int level, const neurona_conv_window *w, const float *x,
                             const float *kernel, const float *bias, float *y,
                             long row0, long row1, int relu);

/// The kernel gradient `dk` [k_h, k_w, c, f] (overwritten) of the images `n0 ..< n1` alone:
/// dk[ky, kx, ch, f] = Σ x[n, y, x, ch]·dy[n, oy, ox, f] over those images' outputs, summed in
/// order (image, oy, ox), so the result depends only on the images given. `level` as above.
void neurona_direct_conv_kernel_gradient_f32(int level, const neurona_conv_window *w, const float *x,
                                             const float *dy, float *dk, long n0, long n1);

#endif

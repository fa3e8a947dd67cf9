// CNeuronaKernels: Neurona's own C kernels (the BLAS and LAPACK it calls are in CLAPACK).
// Only NeuronaCore imports this module; everything else reaches these kernels through
// NeuronaCore's Swift API (FloatingPointEnvironment, CPUFeatures, KernelPaths, AdamKernel,
// SmallGEMM, DirectConv2D, Tensor.maxPool and Tensor.maxPoolGradient, and the elementwise loops
// of Tensor's arithmetic, sums, relu, exp, log, tanh, sigmoid, argmax, bytes-to-floats and the
// backward passes).
#ifndef NEURONA_KERNELS_H
#define NEURONA_KERNELS_H

#include "cpu_environment.h"
#include "kernel_path.h"
#include "adam.h"
#include "small_gemm.h"
#include "max_pool.h"
#include "direct_conv.h"
#include "blas_core.h"
#include "elementwise_loops.h"

#endif

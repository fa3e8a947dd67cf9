// CLAPACK: the BLAS and LAPACK system library, from Debian's OpenBLAS (cblas.h) and LAPACKE
// (lapacke.h). Neurona's own C kernels live in Modules/CNeuronaKernels.
#ifndef NEURONA_CLAPACK_SHIM_H
#define NEURONA_CLAPACK_SHIM_H

#include <cblas.h>
#include <lapacke.h>

#endif

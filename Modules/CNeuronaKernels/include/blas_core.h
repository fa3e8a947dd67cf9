// Which OpenBLAS kernel set runs: the one the library picked when it loaded, and the one Neurona
// chose instead when that pick was weaker than the CPU (see blas_core.c).
#ifndef NEURONA_BLAS_CORE_H
#define NEURONA_BLAS_CORE_H

/// The kernel set OpenBLAS picked when it loaded (`Prescott`, `Haswell`, ...), or "" when the
/// library does not say.
const char *neurona_blas_core_loaded(void);

/// The kernel set Neurona chose instead at start-up (`SkylakeX`, ...), or "" when it kept
/// OpenBLAS's pick (the pick matched the CPU, or OPENBLAS_CORETYPE named one).
const char *neurona_blas_core_chosen(void);

#endif

// Which OpenBLAS kernel set runs: the one the library picked when it loaded, and the one Neurona
// chose instead when that pick was weaker than the CPU, and whether Neurona set the idle-thread
// timeout (see blas_core.c).
#ifndef NEURONA_BLAS_CORE_H
#define NEURONA_BLAS_CORE_H

/// The kernel set OpenBLAS picked when it loaded (`Prescott`, `Haswell`, ...), or "" when the
/// library does not say.
const char *neurona_blas_core_loaded(void);

/// The kernel set Neurona chose instead at start-up (`SkylakeX`, ...), or "" when it kept
/// OpenBLAS's pick (the pick matched the CPU, or OPENBLAS_CORETYPE named one).
const char *neurona_blas_core_chosen(void);

/// 1 when Neurona set OpenBLAS's idle-thread timeout at start-up (OPENBLAS_THREAD_TIMEOUT=4: idle
/// workers sleep at once instead of spinning against Neurona's own loops), 0 when the environment
/// set it or the library has no thread pool.
int neurona_blas_thread_timeout_set(void);

#endif

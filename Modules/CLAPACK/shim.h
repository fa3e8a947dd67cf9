// CLAPACK: the C side of Neurona, from Debian's OpenBLAS (cblas.h) and LAPACKE (lapacke.h).
#ifndef NEURONA_CLAPACK_SHIM_H
#define NEURONA_CLAPACK_SHIM_H

#include <cblas.h>
#include <lapacke.h>

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
#endif
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif

/// Keeps glibc from returning large freed blocks to the kernel (and faulting their pages in
/// again on the next allocation): blocks up to `mmap_threshold` bytes come from the heap.
static inline void neurona_configure_heap(int mmap_threshold, int trim_threshold) {
#if defined(M_MMAP_THRESHOLD)
    mallopt(M_MMAP_THRESHOLD, mmap_threshold);
    mallopt(M_TRIM_THRESHOLD, trim_threshold);
#else
    (void)mmap_threshold; (void)trim_threshold;
#endif
}

/// Sets flush-to-zero and denormals-are-zero (MXCSR bits 0x8040) on the calling thread.
/// Subnormal floats (Adam's decaying moments, for instance) make every operation on them many
/// times slower; flushing them to zero costs no accuracy that training can see.
static inline void neurona_set_flush_denormals(int enabled) {
#if defined(__x86_64__) || defined(__i386__)
    unsigned int csr = _mm_getcsr();
    if (enabled) { csr |= 0x8040u; } else { csr &= ~0x8040u; }
    _mm_setcsr(csr);
#else
    (void)enabled;
#endif
}

/// Whether flush-to-zero and denormals-are-zero are both set on the calling thread.
static inline int neurona_flush_denormals_enabled(void) {
#if defined(__x86_64__) || defined(__i386__)
    return (_mm_getcsr() & 0x8040u) == 0x8040u;
#else
    return 0;
#endif
}

#endif

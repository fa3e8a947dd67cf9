// The CPU and C library settings Neurona reads or changes: the vector instruction level the
// kernels pick from, flush-to-zero, glibc's malloc thresholds, and huge pages for large tensors.
#ifndef NEURONA_CPU_ENVIRONMENT_H
#define NEURONA_CPU_ENVIRONMENT_H

#include <stddef.h>

/// The widest hand-vectorized kernels this CPU runs: 3 for AVX-512, 2 for AVX2 + FMA, 1 for SSE2
/// (0 off x86-64). The `level` argument of the kernels in this module takes these values.
int neurona_simd_level(void);

/// Sets (`enabled` ≠ 0) or clears flush-to-zero and denormals-are-zero (MXCSR bits 0x8040) on
/// the calling thread. Subnormal floats (Adam's decaying moments, for instance) make every
/// operation on them many times slower; flushing them to zero costs no accuracy training can see.
/// Does nothing off x86.
void neurona_set_flush_denormals(int enabled);

/// 1 when flush-to-zero and denormals-are-zero are both set on the calling thread, else 0.
int neurona_flush_denormals_enabled(void);

/// The calling thread's floating-point control word (MXCSR on x86: rounding mode, flush-to-zero,
/// denormals-are-zero), so that work handed to another thread runs under the same rules and gives
/// the same bits. 0 off x86.
unsigned int neurona_floating_point_control(void);

/// Sets the calling thread's floating-point control word to `control` (from
/// `neurona_floating_point_control`). Does nothing off x86.
void neurona_set_floating_point_control(unsigned int control);

/// Tells the CPU the calling thread is in a spin-wait loop (x86's `pause`): the loop draws less
/// power and leaves the core's shared resources to other work. Does nothing elsewhere.
static inline void neurona_spin_pause(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
}

/// Keeps glibc from returning large freed blocks to the kernel (and faulting their pages in
/// again on the next allocation): blocks up to `mmap_threshold` bytes come from the heap, and the
/// heap is trimmed only above `trim_threshold` free bytes. Does nothing without glibc's mallopt.
void neurona_configure_heap(int mmap_threshold, int trim_threshold);

/// Asks Linux to back the whole 2 MiB pages inside `pointer ..< pointer + byte_count` with
/// transparent huge pages (madvise MADV_HUGEPAGE) when they are first touched. A large tensor read
/// at random rows (a data set's batches) then costs one TLB entry per 2 MiB instead of one per
/// 4 KiB. Only advice: where huge pages are off or unavailable nothing changes, and the bytes are
/// the same either way. Does nothing off Linux.
void neurona_advise_huge_pages(void *pointer, size_t byte_count);

#endif

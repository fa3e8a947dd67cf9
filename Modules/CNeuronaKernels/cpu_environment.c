#include "cpu_environment.h"

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
#endif
#if defined(__GLIBC__) || defined(__linux__)
#include <malloc.h>
#endif
#if defined(__linux__)
#include <stdint.h>
#include <sys/mman.h>
#endif

int neurona_simd_level(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return 3;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return 2;
    return 1;
#else
    return 0;
#endif
}

void neurona_set_flush_denormals(int enabled) {
#if defined(__x86_64__) || defined(__i386__)
    unsigned int csr = _mm_getcsr();
    if (enabled) { csr |= 0x8040u; } else { csr &= ~0x8040u; }
    _mm_setcsr(csr);
#else
    (void)enabled;
#endif
}

int neurona_flush_denormals_enabled(void) {
#if defined(__x86_64__) || defined(__i386__)
    return (_mm_getcsr() & 0x8040u) == 0x8040u;
#else
    return 0;
#endif
}

unsigned int neurona_floating_point_control(void) {
#if defined(__x86_64__) || defined(__i386__)
    return _mm_getcsr() & 0xFFC0u;   // the control bits, without the sticky exception flags
#else
    return 0;
#endif
}

void neurona_set_floating_point_control(unsigned int control) {
#if defined(__x86_64__) || defined(__i386__)
    unsigned int current = _mm_getcsr();
    if ((current & 0xFFC0u) != (control & 0xFFC0u)) _mm_setcsr((current & 0x3Fu) | (control & 0xFFC0u));
#else
    (void)control;
#endif
}

void neurona_configure_heap(int mmap_threshold, int trim_threshold) {
#if defined(M_MMAP_THRESHOLD)
    mallopt(M_MMAP_THRESHOLD, mmap_threshold);
    mallopt(M_TRIM_THRESHOLD, trim_threshold);
#else
    (void)mmap_threshold; (void)trim_threshold;
#endif
}

void neurona_advise_huge_pages(void *pointer, size_t byte_count) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    const uintptr_t huge = (uintptr_t)2 << 20;
    const uintptr_t start = ((uintptr_t)pointer + huge - 1) & ~(huge - 1);
    const uintptr_t end = ((uintptr_t)pointer + byte_count) & ~(huge - 1);
    if (end > start) (void)madvise((void *)start, end - start, MADV_HUGEPAGE);
#else
    (void)pointer; (void)byte_count;
#endif
}

// OpenBLAS's kernel set, chosen again when the library fell back to a weaker one than the CPU runs.
//
// Debian 12's OpenBLAS (0.3.21, built for every x86-64 core: DYNAMIC_ARCH) picks its kernels when
// it loads, from the CPU's family and model. Processors newer than the library (Sapphire Rapids,
// for one) are not in its table, and it falls back to its Prescott kernels (SSE3): matrix
// products 3.5–4× slower than the AVX-512 kernels the same library carries (measured on a 2-core
// Xeon with AVX-512: lecture 002's GEMMs 0.87 s per epoch on Prescott, 0.25 s on SkylakeX).
//
// It also makes OpenBLAS's idle worker threads sleep at once instead of spinning. After each
// product on several threads, OpenBLAS's workers busy-wait for the next one for up to 2^28 CPU
// cycles (tens of milliseconds) before they sleep. Neurona runs its own loops on every core
// (convolution chunks, elementwise ops) between products, and a spinning worker takes one of the
// cores those loops need: measured with a product on two threads followed by 200 ms of sleep, the
// idle worker burned 12–22 ms of CPU, against none with OPENBLAS_THREAD_TIMEOUT=4 (2^4 cycles, the
// library's smallest). Unless the environment sets OPENBLAS_THREAD_TIMEOUT itself, the constructor
// sets it to 4, has the library read its environment again (openblas_read_env) and restarts its
// thread pool (blas_thread_shutdown_, blas_thread_init), the only moment the library reads it.
//
// This constructor runs once, before main and before any thread of ours exists (the library's
// own constructor has run: it is a dependency). Unless the environment names a kernel set
// (OPENBLAS_CORETYPE: the user's choice always wins), it compares the set OpenBLAS picked with the
// best the CPU supports (by its features, as OpenBLAS's own table would) and, when the pick is
// weaker, re-runs OpenBLAS's selection with the better name through the library's exported
// gotoblas_dynamic_quit/gotoblas_dynamic_init (looked up with dlsym: a build of OpenBLAS for one
// core has neither, and then nothing happens).
#include "blas_core.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

static void neurona_choose_blas_core(void);

// 0: SSE only; 1: AVX; 2: AVX2 + FMA; 3: AVX-512 (F, BW, VL, DQ); 4: AVX-512 with BF16.
static int neurona_core_rank(const char *name) {
    static const struct { const char *name; int rank; } table[] = {
        {"Cooperlake", 4}, {"SkylakeX", 3}, {"Haswell", 2}, {"Zen", 2}, {"Excavator", 2},
        {"Sandybridge", 1}, {"Bulldozer", 1}, {"Piledriver", 1}, {"Steamroller", 1},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcasecmp(name, table[i].name) == 0) return table[i].rank;
    return 0;
}

static int neurona_cpu_rank(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq"))
        return __builtin_cpu_supports("avx512bf16") ? 4 : 3;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return 2;
    if (__builtin_cpu_supports("avx")) return 1;
#endif
    return 0;
}

static const char *neurona_core_loaded = "";
static const char *neurona_core_chosen = "";
static int neurona_timeout_set = 0;

// The idle workers' wait, 2^value cycles (the library's own scale: 4 is its smallest).
static const char *neurona_thread_timeout = "4";

static void neurona_set_blas_thread_timeout(void) {
    if (getenv("OPENBLAS_THREAD_TIMEOUT") != NULL) return;   // the user's choice wins
    void (*read_env)(void) = (void (*)(void))dlsym(RTLD_DEFAULT, "openblas_read_env");
    int (*shutdown)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "blas_thread_shutdown_");
    int (*start)(void) = (int (*)(void))dlsym(RTLD_DEFAULT, "blas_thread_init");
    if (read_env == NULL || shutdown == NULL || start == NULL) return;   // a build without threads
    setenv("OPENBLAS_THREAD_TIMEOUT", neurona_thread_timeout, 1);
    read_env();
    shutdown();
    start();
    unsetenv("OPENBLAS_THREAD_TIMEOUT");   // children start as this process did
    neurona_timeout_set = 1;
}

__attribute__((constructor)) static void neurona_configure_blas(void) {
    neurona_choose_blas_core();
    neurona_set_blas_thread_timeout();
}

static void neurona_choose_blas_core(void) {
    // Looked up rather than linked, so that this file needs nothing from OpenBLAS to build.
    const char *(*corename)(void) = (const char *(*)(void))dlsym(RTLD_DEFAULT, "openblas_get_corename");
    if (corename == NULL) return;
    const char *picked = corename();
    neurona_core_loaded = picked ? picked : "";
    if (getenv("OPENBLAS_CORETYPE") != NULL || picked == NULL) return;
    int cpu = neurona_cpu_rank();
    if (neurona_core_rank(picked) >= cpu || cpu < 2) return;
    void (*quit)(void) = (void (*)(void))dlsym(RTLD_DEFAULT, "gotoblas_dynamic_quit");
    void (*init)(void) = (void (*)(void))dlsym(RTLD_DEFAULT, "gotoblas_dynamic_init");
    if (quit == NULL || init == NULL) return;
    static const char *names[] = {"", "Sandybridge", "Haswell", "SkylakeX", "Cooperlake"};
    setenv("OPENBLAS_CORETYPE", names[cpu], 1);
    quit();
    init();
    unsetenv("OPENBLAS_CORETYPE");   // children start as this process did
    neurona_core_chosen = names[cpu];
}

const char *neurona_blas_core_loaded(void) { return neurona_core_loaded; }
const char *neurona_blas_core_chosen(void) { return neurona_core_chosen; }
int neurona_blas_thread_timeout_set(void) { return neurona_timeout_set; }

internal import CNeuronaKernels

extension BLAS {
    /// Whether Neurona told OpenBLAS, at start-up, to put its idle worker threads to sleep at once
    /// (the library's `OPENBLAS_THREAD_TIMEOUT=4`).
    ///
    /// After a product on several threads, OpenBLAS's workers otherwise busy-wait for the next
    /// one for up to 2^28 CPU cycles before they sleep, and a spinning worker takes a core from
    /// the loops Neurona runs on every core between products (convolution chunks, elementwise
    /// ops). Unless the environment sets `OPENBLAS_THREAD_TIMEOUT` itself (the user's choice
    /// wins), Neurona sets it before `main` and restarts the library's thread pool, the only
    /// moment the library reads it (`Modules/CNeuronaKernels/blas_core.c`). `false` when the
    /// environment set it or the library has no thread pool.
    public static var idleThreadTimeoutSetByNeurona: Bool { neurona_blas_thread_timeout_set() != 0 }
}

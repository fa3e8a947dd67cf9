internal import CNeuronaKernels

extension BLAS {
    /// The kernel set OpenBLAS picked when the process started, before Neurona looked at it.
    ///
    /// Debian 12's OpenBLAS (0.3.21) does not know processors newer than itself (Sapphire Rapids,
    /// for one) and falls back to its SSE3 kernels (`Prescott`), with matrix products 3.5–4×
    /// slower than its AVX-512 kernels on the same CPU. When the environment names no kernel set
    /// (`OPENBLAS_CORETYPE` unset) and the pick is weaker than what the CPU runs, Neurona chooses
    /// again at start-up, before any thread exists, by the CPU's features: `Cooperlake` for
    /// AVX-512 with BF16, `SkylakeX` for AVX-512, `Haswell` for AVX2 + FMA
    /// (``coreChosenByNeurona``). `OPENBLAS_CORETYPE`, when set, always wins.
    public static var coreLoaded: String { String(cString: neurona_blas_core_loaded()) }

    /// The kernel set Neurona chose at start-up in place of OpenBLAS's weaker pick, or nil when
    /// it kept the pick (see ``coreLoaded``).
    public static var coreChosenByNeurona: String? {
        let name = String(cString: neurona_blas_core_chosen())
        return name.isEmpty ? nil : name
    }
}

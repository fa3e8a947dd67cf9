internal import CNeuronaKernels

/// Flush-to-zero for subnormal floats on the calling thread. Subnormals (Adam's decaying moment
/// estimates, for instance) make arithmetic many times slower; training loops turn this on.
public enum FloatingPointEnvironment {
    /// Sets or clears flush-to-zero and denormals-are-zero on the calling thread.
    public static func setFlushDenormalsToZero(_ enabled: Bool) {
        neurona_set_flush_denormals(enabled ? 1 : 0)
    }

    /// Whether subnormals are flushed to zero on the calling thread.
    public static var flushesDenormalsToZero: Bool { neurona_flush_denormals_enabled() != 0 }
}

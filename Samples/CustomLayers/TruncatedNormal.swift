import NeuronaCore
import NeuronaLayers

/// An initializer this module registers by name (``CustomLayersPlugin``): Keras's
/// `keras.initializers.TruncatedNormal(mean=0.0, stddev=0.05)`, "values more than two standard
/// deviations from the mean are discarded and re-drawn" (no rescaling of `stddev`, unlike the
/// variance-scaling `glorot_normal`).
///
/// ```swift
/// TruncatedNormalInitializer.register(into: .default)
/// let dense = try LayerRegistry.default.make(from:
///     #"{"type": "Dense", "units": 4, "kernel_initializer": {"name": "truncated_normal", "stddev": 0.1}}"#)
/// ```
public enum TruncatedNormalInitializer {
    /// The registered name, Keras's.
    public static let name = "truncated_normal"

    /// Registers `truncated_normal` (settings `mean` 0 and `stddev` 0.05) into `registry`.
    public static func register(into registry: InitializerRegistry) {
        registry.register(name, settings: ["mean": 0, "stddev": 0.05]) { settings in
            let (mean, deviation) = (settings["mean"]!, settings["stddev"]!)
            try requirePositive("stddev", deviation)
            return { shape, _, _, dtype, generator in
                Tensor.truncatedNormal(shape, mean: mean, standardDeviation: deviation, dtype: dtype, using: &generator)
            }
        }
    }
}

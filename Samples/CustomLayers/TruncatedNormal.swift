import NeuronaCore
import NeuronaLayers

/// An initializer this module registers by name (``CustomLayersPlugin``): Keras's
/// `keras.initializers.TruncatedNormal(mean=0.0, stddev=0.05)`, "values more than two standard
/// deviations from the mean are discarded and re-drawn" (no rescaling of `stddev`, unlike the
/// variance-scaling `glorot_normal`).
///
/// ```swift
/// try TruncatedNormalInitializer.register(into: .default)
/// let dense = try LayerRegistry.default.make(from:
///     #"{"type": "Dense", "units": 4, "kernel_initializer": {"name": "truncated_normal", "stddev": 0.1}}"#)
/// ```
public enum TruncatedNormalInitializer {
    /// The registered name, Keras's.
    public static let name = "truncated_normal"

    /// Registers `truncated_normal` (settings `mean` 0 and `stddev` 0.05) into `registry`
    /// under ``CustomLayersPlugin/package`` (again is harmless).
    ///
    /// - Parameter registry: The initializer registry.
    /// - Throws: ``/NeuronaRegistry/RegistryError/duplicateName(kind:name:registrant:existing:)``.
    public static func register(into registry: InitializerRegistry) throws {
        try registry.register(name, package: CustomLayersPlugin.package, settings: NumericSettings(["mean": 0, "stddev": 0.05])) { s in
            let (mean, deviation) = (s["mean"], s["stddev"])
            try requirePositive("stddev", deviation)
            return Initializer(s) { shape, _, _, dtype, generator in
                Tensor.truncatedNormal(shape, mean: mean, standardDeviation: deviation, dtype: dtype, using: &generator)
            }
        }
    }
}

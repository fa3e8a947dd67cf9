import NeuronaAutograd
import NeuronaLayers

/// Two activations this module registers by name (``CustomLayersPlugin``), written with
/// differentiable `Variable` ops so that they need no backward code.
///
/// - `hard_sigmoid`, Keras 3's `keras.activations.hard_sigmoid`: 0 for x ≤ −3, 1 for x ≥ 3,
///   x/6 + 1/2 between (Keras computes it as `relu6(x + 3) / 6`; here
///   `(relu(x + 3) − relu(x − 3)) / 6`, the same function).
/// - `soft_shrink` with its setting `threshold` (0.5 by default), Keras 3's
///   `keras.activations.soft_shrink(x, threshold=0.5)`: x − threshold for x > threshold,
///   x + threshold for x < −threshold, 0 between (here `relu(x − t) − relu(−x − t)`).
///
/// ```swift
/// try CustomActivations.register(into: .default)
/// let dense = try LayerRegistry.default.make(from:
///     #"{"type": "Dense", "units": 4, "activation": {"name": "soft_shrink", "threshold": 0.2}}"#)
/// ```
public enum CustomActivations {
    /// Registers `hard_sigmoid` and `soft_shrink` into `registry` under
    /// ``CustomLayersPlugin/package`` (again is harmless).
    ///
    /// - Parameter registry: The activation registry.
    /// - Throws: ``/NeuronaRegistry/RegistryError/duplicateName(kind:name:registrant:existing:)``.
    public static func register(into registry: ActivationRegistry) throws {
        let package = CustomLayersPlugin.package
        try registry.register("hard_sigmoid", package: package, settings: NumericSettings()) { s in
            ActivationFunction(s) { x in ((x + 3).relu() - (x - 3).relu()) / 6 }
        }
        try registry.register("soft_shrink", package: package, settings: NumericSettings(["threshold": 0.5])) { s in
            let threshold = s["threshold"]
            try requireNonNegative("threshold", threshold)
            return ActivationFunction(s) { x in (x - threshold).relu() - (-x - threshold).relu() }
        }
    }
}

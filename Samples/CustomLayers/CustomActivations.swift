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
/// CustomActivations.register(into: .default)
/// let dense = try LayerRegistry.default.make(from:
///     #"{"type": "Dense", "units": 4, "activation": {"name": "soft_shrink", "threshold": 0.2}}"#)
/// ```
public enum CustomActivations {
    /// The names this module registers.
    public static let names = ["hard_sigmoid", "soft_shrink"]

    /// Registers `hard_sigmoid` and `soft_shrink` into `registry` (again is harmless).
    public static func register(into registry: ActivationRegistry) {
        registry.register("hard_sigmoid") { _ in
            { x in ((x + 3).relu() - (x - 3).relu()) / 6 }
        }
        registry.register("soft_shrink", settings: ["threshold": 0.5]) { settings in
            let threshold = settings["threshold"]!
            try requireNonNegative("threshold", threshold)
            return { x in (x - threshold).relu() - (-x - threshold).relu() }
        }
    }
}

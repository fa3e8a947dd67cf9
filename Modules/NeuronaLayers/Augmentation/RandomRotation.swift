import NeuronaAutograd
import NeuronaCore

/// Turns each image of a training batch by a random angle about its centre (Keras's
/// `RandomRotation`); in inference, passes the images through.
///
/// Concretely, per image: draw `θ` uniform in `[lower · 360°, upper · 360°)` (positive turns
/// counter-clockwise) and resample the image through
/// ``ImageTransform/rotation(degrees:height:width:)``, reading points outside it by
/// `fillMode`. `factor` is a fraction of a full turn: `0.1` means ±36°, `[-0.05, 0.1]` means
/// −18° to +36°. The draws come from the layer's seeded generator (see ``AugmentationLayer``).
///
/// - Parameters:
///   - factor: One number `f` in [−1, 1] (angles in `[−|f|, |f|]` turns) or two bounds.
///   - fillMode: `reflect` (default), `wrap`, `constant` or `nearest`.
///   - interpolation: `bilinear` (default) or `nearest`.
///   - seed: Fixes the draws; nil draws the seed from the generator the model is built with.
///   - fillValue: The value outside the image under `constant` (default 0).
///
/// ```swift
/// let augment = try Sequential([RandomRotation(factor: 0.05), RandomZoom(heightFactor: 0.1)],
///                              inputShape: [28, 28, 1], seed: 1)
/// ```
///
/// ### See Also
/// ``RandomTranslation``, ``RandomZoom``, ``RandomFlip``, ``NeuronaAutograd/Variable/transformedImages(_:interpolation:fillMode:fillValue:)``
public final class RandomRotation: GeometricAugmentationLayer {
    public static let typeName = "RandomRotation"

    /// The settings, as in JSON: `factor`, `fill_mode`, `interpolation`, `seed`, `fill_value`.
    public struct Config: GeometricAugmentationConfig {
        /// The range of angles, in fractions of a full turn.
        public var factor: FactorRange
        /// How points outside the image are read.
        public var fillMode: FillMode
        /// How points between pixels are read.
        public var interpolation: ImageInterpolation
        /// The seed of the draws; `nil` draws it from the generator the model is built with.
        public var seed: UInt64?
        /// The value outside the image under `constant`.
        public var fillValue: Double
        public static let defaults = RandomRotation(factor: 0).config
        public static let requiredKeys: Set<String> = ["factor"]
        public func validate() throws {
            try factor.validate("factor", range: "[-1, 1]") { (-1...1).contains($0) }
            try validateResampling()
        }
    }

    /// The layer's settings.
    public let config: Config
    /// The generator the angles are drawn from (saved in checkpoints to resume exactly).
    public var generator: RandomGenerator
    public var layerState = LayerState()

    /// A layer with `config`'s settings, checked when it is built.
    /// - Parameter config: The factor, the resampling and the seed.
    public init(config: Config) {
        self.config = config
        generator = RandomGenerator(seed: config.seed ?? 0)
    }

    /// - Parameters:
    ///   - factor: The range of angles in fractions of a turn: one number `f` for `[−|f|, |f|]`, or two bounds.
    ///   - fillMode: How points outside the image are read.
    ///   - interpolation: How points between pixels are read.
    ///   - seed: Fixes the draws; nil draws the seed from the generator the layer is built with.
    ///   - fillValue: The value outside the image under `constant`.
    public convenience init(factor: FactorRange, fillMode: FillMode = .reflect, interpolation: ImageInterpolation = .bilinear,
                            seed: UInt64? = nil, fillValue: Double = 0) {
        self.init(config: Config(factor: factor, fillMode: fillMode, interpolation: interpolation, seed: seed, fillValue: fillValue))
    }

    public func drawTransforms(count: Int, height: Int, width: Int) -> [ImageTransform] {
        let (lower, upper) = config.factor.bounds { (-Swift.abs($0), Swift.abs($0)) }
        return generator.uniform(count, from: lower * 360, to: upper * 360).map {
            ImageTransform.rotation(degrees: $0, height: height, width: width)
        }
    }
}

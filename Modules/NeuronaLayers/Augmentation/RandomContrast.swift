import NeuronaAutograd
import NeuronaCore

/// Scales each training image's contrast by a random factor (Keras's `RandomContrast`); in
/// inference, passes the images through.
///
/// Concretely, per image: draw `a` uniform in `[1 − lower, 1 + upper)`, and for each channel
/// with mean `m` over the image's pixels, `y = clip((x − m) · a + m, valueRange)`. `factor`
/// given as one number `f` in [0, 1] draws from `[1, 1 + f)` (only stronger contrast: Keras 3
/// reads one number as the bounds `(0, f)`); two bounds `[l, u]` draw from `[1 − l, 1 + u)`.
/// The draws come from the layer's seeded generator (see ``AugmentationLayer``).
///
/// - Parameters:
///   - factor: One number in [0, 1], or two bounds in [0, 1].
///   - valueRange: The range of the pixels, that outputs are clipped to (default `[0, 255]`).
///   - seed: Fixes the draws; nil draws the seed from the generator the model is built with.
///
/// ```swift
/// let contrast = RandomContrast(factor: [0.2, 0.2], valueRange: [0, 1])   // a in [0.8, 1.2)
/// ```
///
/// ### See Also
/// ``RandomFlip``, ``RandomRotation``
public final class RandomContrast: AugmentationLayer {
    public static let typeName = "RandomContrast"

    /// The settings, as in JSON: `factor`, `value_range`, `seed`.
    public struct Config: AugmentationConfig {
        /// The range of contrast factors (see ``RandomContrast``).
        public var factor: FactorRange
        /// The lowest and the highest pixel value, that outputs are clipped to.
        public var valueRange: [Double]
        /// The seed of the draws; `nil` draws it from the generator the model is built with.
        public var seed: UInt64?
        public static let defaults = RandomContrast(factor: 0).config
        public static let requiredKeys: Set<String> = ["factor"]
        public func validate() throws {
            try factor.validate("factor", range: "[0, 1]") { (0...1).contains($0) }
            try requireSetting(valueRange.count == 2 && valueRange.allSatisfy(\.isFinite) && valueRange[0] < valueRange[1],
                               "value_range must be two finite numbers [low, high] with low < high, got \(valueRange)")
        }
    }

    /// The layer's settings.
    public let config: Config
    /// The generator the factors are drawn from (saved in checkpoints to resume exactly).
    public var generator: RandomGenerator
    public var layerState = LayerState()

    /// A layer with `config`'s settings, checked when it is built.
    /// - Parameter config: The factor, the value range and the seed.
    public init(config: Config) {
        self.config = config
        generator = RandomGenerator(seed: config.seed ?? 0)
    }

    /// - Parameters:
    ///   - factor: One number `f` for factors in `[1, 1 + f)`, or bounds `[l, u]` for `[1 − l, 1 + u)`.
    ///   - valueRange: The pixels' range `[low, high]`, that outputs are clipped to.
    ///   - seed: Fixes the draws; nil draws the seed from the generator the layer is built with.
    public convenience init(factor: FactorRange, valueRange: [Double] = [0, 255], seed: UInt64? = nil) {
        self.init(config: Config(factor: factor, valueRange: valueRange, seed: seed))
    }

    public func augment(_ images: Variable) -> Variable {
        let (lower, upper) = config.factor.bounds { (0, $0) }
        return contrasted(images, factors: generator.uniform(images.shape[0], from: 1 - lower, to: 1 + upper))
    }

    /// The batch with each image's contrast scaled by its factor, clipped to ``Config/valueRange``.
    func contrasted(_ images: Variable, factors: [Double]) -> Variable {
        let n = images.shape[0]
        let mean = images.mean(axes: [1, 2], keepDims: true)
        let contrasted = (images - mean) * Tensor(factors, shape: [n, 1, 1, 1], dtype: images.dtype) + mean
        return contrasted.clipped(min: config.valueRange[0], max: config.valueRange[1])
    }
}

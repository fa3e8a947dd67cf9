import NeuronaAutograd
import NeuronaCore

/// Shifts each image of a training batch by a random fraction of its height and width
/// (Keras's `RandomTranslation`); in inference, passes the images through.
///
/// Concretely, per image: draw `dy` uniform in the height factor's bounds and `dx` in the
/// width factor's (fractions of the image: positive moves down and right), and resample the
/// image through ``ImageTransform/translation(rows:columns:)`` by `dy · H` rows and `dx · W`
/// columns, reading points outside it by `fillMode`. The draws come from the layer's seeded
/// generator (see ``AugmentationLayer``): for a batch, every image's `dy`, then every `dx`.
///
/// - Parameters:
///   - heightFactor: One number `f` in [−1, 1] (shifts in `[−|f|, |f|]` of the height) or two bounds.
///   - widthFactor: The same for the width.
///   - fillMode: `reflect` (default), `wrap`, `constant` or `nearest`.
///   - interpolation: `bilinear` (default) or `nearest`.
///   - seed: Fixes the draws; nil draws the seed from the generator the model is built with.
///   - fillValue: The value outside the image under `constant` (default 0).
///
/// ```swift
/// let shift = RandomTranslation(heightFactor: 0.1, widthFactor: 0.1, fillMode: .constant)
/// ```
///
/// ### See Also
/// ``RandomRotation``, ``RandomZoom``, ``RandomFlip``
public final class RandomTranslation: GeometricAugmentationLayer {
    public static let typeName = "RandomTranslation"

    /// The settings, as in JSON: `height_factor`, `width_factor`, `fill_mode`, `interpolation`,
    /// `seed`, `fill_value`.
    public struct Config: GeometricAugmentationConfig {
        /// The range of vertical shifts, in fractions of the height.
        public var heightFactor: FactorRange
        /// The range of horizontal shifts, in fractions of the width.
        public var widthFactor: FactorRange
        /// How points outside the image are read.
        public var fillMode: FillMode
        /// How points between pixels are read.
        public var interpolation: ImageInterpolation
        /// The seed of the draws; `nil` draws it from the generator the model is built with.
        public var seed: UInt64?
        /// The value outside the image under `constant`.
        public var fillValue: Double
        public static let defaults = RandomTranslation(heightFactor: 0, widthFactor: 0).config
        public static let requiredKeys: Set<String> = ["height_factor", "width_factor"]
        public func validate() throws {
            try heightFactor.validate("height_factor", range: "[-1, 1]") { (-1...1).contains($0) }
            try widthFactor.validate("width_factor", range: "[-1, 1]") { (-1...1).contains($0) }
            try validateResampling()
        }
    }

    /// The layer's settings.
    public let config: Config
    /// The generator the shifts are drawn from (saved in checkpoints to resume exactly).
    public var generator: RandomGenerator
    public var layerState = LayerState()

    /// A layer with `config`'s settings, checked when it is built.
    /// - Parameter config: The factors, the resampling and the seed.
    public init(config: Config) {
        self.config = config
        generator = RandomGenerator(seed: config.seed ?? 0)
    }

    /// - Parameters:
    ///   - heightFactor: Vertical shifts in fractions of the height: one number `f` for `[−|f|, |f|]`, or two bounds.
    ///   - widthFactor: Horizontal shifts in fractions of the width, likewise.
    ///   - fillMode: How points outside the image are read.
    ///   - interpolation: How points between pixels are read.
    ///   - seed: Fixes the draws; nil draws the seed from the generator the layer is built with.
    ///   - fillValue: The value outside the image under `constant`.
    public convenience init(heightFactor: FactorRange, widthFactor: FactorRange, fillMode: FillMode = .reflect,
                            interpolation: ImageInterpolation = .bilinear, seed: UInt64? = nil, fillValue: Double = 0) {
        self.init(config: Config(heightFactor: heightFactor, widthFactor: widthFactor, fillMode: fillMode,
                                 interpolation: interpolation, seed: seed, fillValue: fillValue))
    }

    public func drawTransforms(count: Int, height: Int, width: Int) -> [ImageTransform] {
        let symmetric: (Double) -> (Double, Double) = { (-Swift.abs($0), Swift.abs($0)) }
        let (top, bottom) = config.heightFactor.bounds(single: symmetric)
        let (left, right) = config.widthFactor.bounds(single: symmetric)
        let rows = generator.uniform(count, from: top, to: bottom)
        let columns = generator.uniform(count, from: left, to: right)
        return zip(rows, columns).map {
            ImageTransform.translation(rows: $0 * Double(height), columns: $1 * Double(width))
        }
    }
}

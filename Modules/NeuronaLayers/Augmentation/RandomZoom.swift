import NeuronaAutograd
import NeuronaCore

/// Zooms each image of a training batch in or out by a random factor about its centre
/// (Keras's `RandomZoom`); in inference, passes the images through.
///
/// Concretely, per image: draw `zy` uniform in `[1 + lower, 1 + upper)` of the height factor
/// (and `zx` of the width factor, or `zx = zy` without one) and resample the image through
/// ``ImageTransform/zoom(height:width:imageHeight:imageWidth:)``: the output shows `zy` times
/// as many rows. A positive factor zooms out (`0.2`: up to 20 % more of the scene, the border
/// read by `fillMode`), a negative one zooms in. The draws come from the layer's seeded
/// generator (see ``AugmentationLayer``): for a batch, every `zy`, then every `zx`.
///
/// - Parameters:
///   - heightFactor: One number `f` in (−1, 1] (factors in `[1 − |f|, 1 + |f|]`) or two bounds.
///   - widthFactor: The same for the width; nil keeps the aspect (`zx = zy`).
///   - fillMode: `reflect` (default), `wrap`, `constant` or `nearest`.
///   - interpolation: `bilinear` (default) or `nearest`.
///   - seed: Fixes the draws; nil draws the seed from the generator the model is built with.
///   - fillValue: The value outside the image under `constant` (default 0).
///
/// ```swift
/// let zoom = RandomZoom(heightFactor: [-0.2, 0.1])   // zoom in up to 20 %, out up to 10 %
/// ```
///
/// ### See Also
/// ``RandomRotation``, ``RandomTranslation``, ``RandomFlip``
public final class RandomZoom: GeometricAugmentationLayer {
    public static let typeName = "RandomZoom"

    /// The settings, as in JSON: `height_factor`, `width_factor` (or null), `fill_mode`,
    /// `interpolation`, `seed`, `fill_value`.
    public struct Config: GeometricAugmentationConfig {
        /// The range of vertical zooms: factors `1 + lower` to `1 + upper`.
        public var heightFactor: FactorRange
        /// The range of horizontal zooms; `nil` zooms both axes by the same factor.
        public var widthFactor: FactorRange?
        /// How points outside the image are read.
        public var fillMode: FillMode
        /// How points between pixels are read.
        public var interpolation: ImageInterpolation
        /// The seed of the draws; `nil` draws it from the generator the model is built with.
        public var seed: UInt64?
        /// The value outside the image under `constant`.
        public var fillValue: Double
        public static let defaults = RandomZoom(heightFactor: 0).config
        public static let requiredKeys: Set<String> = ["height_factor"]
        public func validate() throws {
            // A zoom factor of 1 + f must stay positive: f > −1 (Keras's range).
            try heightFactor.validate("height_factor", range: "(-1, 1]") { $0 > -1 && $0 <= 1 }
            try widthFactor?.validate("width_factor", range: "(-1, 1]") { $0 > -1 && $0 <= 1 }
            try validateResampling()
        }
    }

    /// The layer's settings.
    public let config: Config
    /// The generator the zooms are drawn from (saved in checkpoints to resume exactly).
    public var generator: RandomGenerator
    public var layerState = LayerState()

    /// A layer with `config`'s settings, checked when it is built.
    /// - Parameter config: The factors, the resampling and the seed.
    public init(config: Config) {
        self.config = config
        generator = RandomGenerator(seed: config.seed ?? 0)
    }

    /// - Parameters:
    ///   - heightFactor: Vertical zooms: one number `f` for factors `1 ± |f|`, or two bounds added to 1.
    ///   - widthFactor: Horizontal zooms likewise; nil zooms both axes by the vertical factor.
    ///   - fillMode: How points outside the image are read.
    ///   - interpolation: How points between pixels are read.
    ///   - seed: Fixes the draws; nil draws the seed from the generator the layer is built with.
    ///   - fillValue: The value outside the image under `constant`.
    public convenience init(heightFactor: FactorRange, widthFactor: FactorRange? = nil, fillMode: FillMode = .reflect,
                            interpolation: ImageInterpolation = .bilinear, seed: UInt64? = nil, fillValue: Double = 0) {
        self.init(config: Config(heightFactor: heightFactor, widthFactor: widthFactor, fillMode: fillMode,
                                 interpolation: interpolation, seed: seed, fillValue: fillValue))
    }

    public func drawTransforms(count: Int, height: Int, width: Int) -> [ImageTransform] {
        let symmetric: (Double) -> (Double, Double) = { (-Swift.abs($0), Swift.abs($0)) }
        let (low, high) = config.heightFactor.bounds(single: symmetric)
        let rows = generator.uniform(count, from: 1 + low, to: 1 + high)
        var columns = rows
        if let widthFactor = config.widthFactor {
            let (left, right) = widthFactor.bounds(single: symmetric)
            columns = generator.uniform(count, from: 1 + left, to: 1 + right)
        }
        return zip(rows, columns).map {
            ImageTransform.zoom(height: $0, width: $1, imageHeight: height, imageWidth: width)
        }
    }
}

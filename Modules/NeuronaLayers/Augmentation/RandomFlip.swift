import NeuronaAutograd
import NeuronaCore

/// Flips each image of a training batch left–right and/or top–bottom with probability ½
/// (Keras's `RandomFlip`); in inference, passes the images through.
///
/// Concretely, per image: draw `u` uniform in [0, 1); if `u ≤ ½`, mirror the columns
/// (`horizontal`), the rows (`vertical`), or both (`horizontal_and_vertical`: one draw for
/// both axes, so an image is turned half a turn or left as it is, as Keras 3 does). The draws
/// come from the layer's seeded generator (see ``AugmentationLayer``).
///
/// - Parameters:
///   - mode: Which axes to flip (default `horizontal_and_vertical`).
///   - seed: Fixes the draws; nil draws the seed from the generator the model is built with.
///
/// ```swift
/// let model = try Sequential([RandomFlip(mode: .horizontal), Conv2D(filters: 16, kernelSize: 3)],
///                            inputShape: [32, 32, 3], seed: 1)
/// ```
///
/// ### See Also
/// ``RandomRotation``, ``RandomTranslation``, ``RandomZoom``, ``RandomContrast``
public final class RandomFlip: AugmentationLayer {
    public static let typeName = "RandomFlip"

    /// Which axes a flip mirrors (Keras's `mode`).
    public enum Mode: String, Codable, Sendable, CaseIterable {
        /// Left–right: the columns reversed.
        case horizontal
        /// Top–bottom: the rows reversed.
        case vertical
        /// Both at once (one draw for both).
        case horizontalAndVertical = "horizontal_and_vertical"
    }

    /// The settings, as in JSON: `mode` and an optional `seed`.
    public struct Config: AugmentationConfig {
        /// Which axes to flip.
        public var mode: Mode
        /// The seed of the draws; `nil` draws it from the generator the model is built with.
        public var seed: UInt64?
        public static let defaults = RandomFlip().config
        public func validate() throws {}
    }

    /// The layer's settings.
    public let config: Config
    /// The generator the flips are drawn from (saved in checkpoints to resume exactly).
    public var generator: RandomGenerator
    public var layerState = LayerState()

    /// A layer with `config`'s settings.
    /// - Parameter config: The mode and the seed.
    public init(config: Config) {
        self.config = config
        generator = RandomGenerator(seed: config.seed ?? 0)
    }

    /// - Parameters:
    ///   - mode: `horizontal`, `vertical` or `horizontalAndVertical` (the default, as Keras's).
    ///   - seed: Fixes the draws; nil draws the seed from the generator the layer is built with.
    public convenience init(mode: Mode = .horizontalAndVertical, seed: UInt64? = nil) {
        self.init(config: Config(mode: mode, seed: seed))
    }

    public func augment(_ images: Variable) -> Variable {
        flipped(images, flips: generator.uniform(images.shape[0], from: 0, to: 1).map { $0 <= 0.5 })
    }

    /// The batch with the images whose `flips` entry is true mirrored as ``Config/mode`` says.
    func flipped(_ images: Variable, flips: [Bool]) -> Variable {
        let (n, h, w, c) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3])
        let rows = config.mode != .horizontal, columns = config.mode != .vertical
        // Each output pixel's source pixel, as one index into the [N·H·W, C] view.
        var sources = [Int64]()
        sources.reserveCapacity(n * h * w)
        for image in 0..<n {
            for y in 0..<h {
                for x in 0..<w {
                    let sy = flips[image] && rows ? h - 1 - y : y
                    let sx = flips[image] && columns ? w - 1 - x : x
                    sources.append(Int64((image * h + sy) * w + sx))
                }
            }
        }
        return images.reshaped([n * h * w, c]).indexSelect(Tensor(sources, shape: [sources.count])).reshaped([n, h, w, c])
    }
}

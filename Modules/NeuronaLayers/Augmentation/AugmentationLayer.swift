import NeuronaAutograd
import NeuronaCore
import NeuronaRegistry

/// A preprocessing layer that changes images at random in training and passes them through
/// unchanged in inference, as Keras's augmentation layers (``RandomFlip``,
/// ``RandomRotation``, ``RandomTranslation``, ``RandomZoom``, ``RandomContrast``) and like
/// ``Dropout``.
///
/// Its draws come from its own ``StochasticLayer/generator``: seeded by the config's `seed`,
/// or else drawn from the generator the model is built with, so that a run repeats bit for
/// bit and a checkpoint resumes the same draws. It takes channels-last images `[H, W, C]`
/// (without the batch axis) and keeps their shape.
///
/// Conform by storing the config, a generator and a ``LayerState``, and writing
/// ``augment(_:)``; `build` and `callAsFunction` come from here.
public protocol AugmentationLayer: ConfigurableLayer, StatefulLayer, StochasticLayer where Config: AugmentationConfig {
    /// The batch `[N, H, W, C]` changed at random, its random numbers drawn from
    /// ``StochasticLayer/generator`` (called in training only).
    func augment(_ images: Variable) -> Variable
}

/// The settings every augmentation layer has: its seed.
public protocol AugmentationConfig: LayerConfig {
    /// The seed of the layer's draws; `nil` draws it from the generator the model is built with.
    var seed: UInt64? { get }
}

extension AugmentationLayer where Config: LayerConfig {
    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        try validate()
        guard inputShape.count == 3, inputShape.allSatisfy({ $0 > 0 }) else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "[height, width, channels]", got: inputShape)
        }
        if config.seed == nil { self.generator = RandomGenerator(seed: generator.next()) }
        return layerState.built(input: inputShape, output: inputShape)
    }

    /// In training, ``augment(_:)``; in inference, the input itself.
    public func callAsFunction(_ input: Variable) -> Variable {
        guard isTraining else { return input }
        return augment(input)
    }
}

extension RandomGenerator {
    /// `count` numbers drawn uniformly from `[lower, upper)`, one per image of a batch.
    mutating func uniform(_ count: Int, from lower: Double, to upper: Double) -> [Double] {
        (0..<count).map { _ in lower + (upper - lower) * nextUnitDouble() }
    }
}

/// An augmentation layer that moves pixels (``RandomRotation``, ``RandomTranslation``,
/// ``RandomZoom``): it draws one ``ImageTransform`` per image and resamples the batch through
/// them as its config says.
public protocol GeometricAugmentationLayer: AugmentationLayer where Config: GeometricAugmentationConfig {
    /// One transform per image of a batch of `count` images of `height × width` pixels, drawn
    /// from ``StochasticLayer/generator``.
    func drawTransforms(count: Int, height: Int, width: Int) -> [ImageTransform]
}

/// The resampling settings of a geometric augmentation layer (Keras's `fill_mode`,
/// `interpolation`, `fill_value`).
public protocol GeometricAugmentationConfig: AugmentationConfig {
    /// How points outside the image are read.
    var fillMode: FillMode { get }
    /// How points between pixels are read.
    var interpolation: ImageInterpolation { get }
    /// The value of points outside the image under `constant`.
    var fillValue: Double { get }
}

extension GeometricAugmentationLayer {
    /// The batch resampled through one drawn transform per image.
    public func augment(_ images: Variable) -> Variable {
        let transforms = drawTransforms(count: images.shape[0], height: images.shape[1], width: images.shape[2])
        return images.transformedImages(transforms, interpolation: config.interpolation,
                                        fillMode: config.fillMode, fillValue: config.fillValue)
    }
}

extension GeometricAugmentationConfig {
    /// Throws ``/NeuronaRegistry/InvalidSetting`` unless `fill_value` is a finite number.
    func validateResampling() throws {
        try requireSetting(fillValue.isFinite, "fill_value must be a finite number, got \(fillValue)")
    }
}

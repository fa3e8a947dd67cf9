import NeuronaAutograd
import NeuronaCore
import NeuronaLayers

/// A parametric ReLU (Keras's `PReLU`, He et al. 2015): `f(x) = max(0, x) + α · min(0, x)`, with
/// a learned slope `α` for the negative side.
///
/// As in Keras, `α` has the input's shape (without the batch axis), one slope per input value,
/// unless `sharedAxes` lists axes (counted as Keras counts them, 1 for the first axis after the
/// batch) along which one slope is shared: for images `[H, W, C]`, `sharedAxes: [1, 2]` gives
/// one slope per channel (checkpoint key `alpha`).
///
/// ```swift
/// let layer = PReLU(sharedAxes: [1, 2])
/// try layer.build(inputShape: [28, 28, 32], seed: 0)   // alpha: [1, 1, 32]
/// ```
public final class PReLU: ConfigurableLayer, StatefulLayer {
    /// The name JSON descriptions use.
    public static let typeName = "PReLU"

    /// The settings, as in JSON (`alpha_initializer`, `shared_axes`).
    public struct Config: LayerConfig, Sendable {
        /// How `α` starts (Keras: zeros, so that the layer starts as a ReLU).
        public var alphaInitializer: Initializer
        /// The axes (1 = the first after the batch) that share one slope.
        public var sharedAxes: [Int]
        /// The defaults: ``PReLU/init(alphaInitializer:sharedAxes:)``'s.
        public static let defaults = PReLU().config
        /// Every shared axis is at least 1 (axis 0 is the batch).
        public func validate() throws {
            for axis in sharedAxes where axis < 1 {
                throw InvalidSetting("shared_axes must count axes from 1 (the first after the batch), got \(axis)")
            }
        }
    }

    /// The settings.
    public let config: Config
    /// The slopes `α`, once built.
    public private(set) var alpha: Variable?
    /// Input and output shapes and the training flag.
    public var layerState = LayerState()

    /// A layer with `config`'s settings, checked when it is built.
    /// - Parameter config: The settings.
    public init(config: Config) { self.config = config }

    /// - Parameters:
    ///   - alphaInitializer: How the slopes start (zeros: a plain ReLU at first).
    ///   - sharedAxes: Axes sharing one slope, counted from 1 after the batch axis.
    public convenience init(alphaInitializer: Initializer = .zeros, sharedAxes: [Int] = []) {
        self.init(config: Config(alphaInitializer: alphaInitializer, sharedAxes: sharedAxes))
    }

    /// Makes `α` of the input's shape, 1 along the shared axes; throws when a shared axis is
    /// beyond the input's rank.
    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        try validate()
        guard !inputShape.isEmpty, inputShape.allSatisfy({ $0 > 0 }) else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "[features...]", got: inputShape)
        }
        var shape = inputShape
        for axis in config.sharedAxes {
            guard axis <= inputShape.count else {
                throw LayerError.invalidConfig(layer: Self.typeName,
                                               message: "shared axis \(axis) is beyond inputs of shape \(inputShape) (axes 1...\(inputShape.count))")
            }
            shape[axis - 1] = 1
        }
        let fanIn = shape.reduce(1, *)
        alpha = Variable(config.alphaInitializer.make(shape, fanIn: fanIn, fanOut: fanIn, generator: &generator), requiresGrad: true)
        return layerState.built(input: inputShape, output: inputShape)
    }

    /// `relu(x) + α · (x − relu(x))`.
    public func callAsFunction(_ input: Variable) -> Variable {
        guard let alpha else { preconditionFailed("\(LayerError.notBuilt(layer: Self.typeName))") }
        let positive = input.relu()
        return positive + alpha * (input - positive)
    }

    /// `alpha`, once built.
    public func namedParameters() -> [NamedParameter] { .existing(("alpha", alpha)) }
}

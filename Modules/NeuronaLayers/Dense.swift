import NeuronaAutograd
import NeuronaCore
import NeuronaRegistry

/// A densely connected layer: every output unit sees every input.
///
/// Concretely: `y = activation(x·W + b)`, with `W` of shape `[inputs, units]` (checkpoint key
/// `weight`) and `b` of shape `[units]` (key `bias`; nil when `useBias` is false). Inputs of
/// rank above 2 are multiplied along their last axis.
///
/// ```swift
/// let dense = Dense(units: 128, activation: .relu)
/// try dense.build(inputShape: [784], seed: 1)
/// let h = dense(Variable(images))      // [batch, 128]
/// ```
///
/// ### See Also
/// - ``Activation``, ``Sequential``
public final class Dense: KernelLayer, StatefulLayer {
    public static let typeName = "Dense"

    /// The settings, as in JSON (`units`, `activation`, `use_bias`, `kernel_initializer`, `bias_initializer`, `kernel_regularizer`, `bias_regularizer`).
    public struct Config: KernelLayerConfig {
        /// The number of outputs.
        public var units: Int
        /// Applied to `x·W + b`.
        public var activation: ActivationFunction
        public var useBias: Bool
        public var kernelInitializer: Initializer
        public var biasInitializer: Initializer
        /// The penalty on the kernel added to the loss in training (`nil`: none).
        public var kernelRegularizer: Regularizer?
        /// The penalty on the bias added to the loss in training (`nil`: none).
        public var biasRegularizer: Regularizer?
        public static let defaults = Dense(units: 1).config
        public static let requiredKeys: Set<String> = ["units"]
        public func validate() throws {
            try requirePositive("units", units)
            try activation.requireRegistered()
            try validateRegularizers()
        }
    }

    /// The layer's settings.
    public let config: Config
    /// The kernel `W`, `[inputs, units]`, once built.
    public private(set) var weight: Variable?
    /// The bias `b`, `[units]`, once built (nil without a bias).
    public private(set) var bias: Variable?
    public var layerState = LayerState()

    /// A layer with `config`'s settings, checked when it is built.
    /// - Parameter config: The units, activation, bias and initializers.
    public init(config: Config) { self.config = config }

    /// - Parameters:
    ///   - units: The number of outputs (positive; checked when the layer is built).
    ///   - activation: Applied to `x·W + b`.
    ///   - useBias: Whether to add `b`.
    ///   - kernelInitializer: How `W` starts.
    ///   - biasInitializer: How `b` starts.
    ///   - kernelRegularizer: A penalty on the kernel added to the loss in training.
    ///   - biasRegularizer: A penalty on the bias added to the loss in training.
    public convenience init(units: Int, activation: ActivationFunction = .linear, useBias: Bool = true,
                            kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros,
                            kernelRegularizer: Regularizer? = nil, biasRegularizer: Regularizer? = nil) {
        self.init(config: Config(units: units, activation: activation, useBias: useBias,
                                 kernelInitializer: kernelInitializer, biasInitializer: biasInitializer,
                                 kernelRegularizer: kernelRegularizer, biasRegularizer: biasRegularizer))
    }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        try validate()
        let units = config.units
        guard let inputs = inputShape.last, inputs > 0 else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "[..., n] with n > 0", got: inputShape)
        }
        (weight, bias) = try config.makeKernelAndBias([inputs, units], layer: Self.typeName, generator: &generator)
        return layerState.built(input: inputShape, output: Array(inputShape.dropLast()) + [units])
    }

    public func callAsFunction(_ input: Variable) -> Variable {
        guard let weight else { preconditionFailed("\(LayerError.notBuilt(layer: Self.typeName))") }
        if let bias, input.rank >= 2 { return config.activation(Variable.affine(input, weight, bias)) }
        let y = input.matmul(weight)
        return config.activation(bias.map { y + $0 } ?? y)
    }

    public func namedParameters() -> [NamedParameter] { .existing(("weight", weight), ("bias", bias)) }
}

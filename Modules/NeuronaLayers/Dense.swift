import NeuronaAutograd
import NeuronaCore

/// A densely connected layer: every output unit sees every input.
///
/// Concretely: `y = activation(x·W + b)`, with `W` of shape `[inputs, units]` (checkpoint key
/// `weight`) and `b` of shape `[units]` (key `bias`; nil when `useBias` is false). Inputs of
/// rank above 2 are multiplied along their last axis.
///
/// - Parameters:
///   - units: The number of outputs.
///   - activation: Applied to `x·W + b` (`linear` by default).
///   - useBias: Whether to add `b`.
///   - kernelInitializer, biasInitializer: How `W` and `b` start (Glorot uniform and zeros).
///
/// ```swift
/// let dense = Dense(units: 128, activation: .relu)
/// try dense.build(inputShape: [784], seed: 1)
/// let h = dense(Variable(images))      // [batch, 128]
/// ```
///
/// ### See Also
/// - ``Activation``, ``Sequential``
public final class Dense: ConfigurableLayer, StatefulLayer {
    public static let typeName = "Dense"

    public let units: Int
    public let activation: ActivationFunction
    public let useBias: Bool
    public let kernelInitializer: Initializer
    public let biasInitializer: Initializer

    /// The kernel `W`, `[inputs, units]`, once built.
    public private(set) var weight: Variable?
    /// The bias `b`, `[units]`, once built (nil without a bias).
    public private(set) var bias: Variable?

    public var layerState = LayerState()

    public init(units: Int, activation: ActivationFunction = .linear, useBias: Bool = true,
                kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros) {
        precondition(units > 0, "Dense: units must be positive, got \(units)")
        self.units = units
        self.activation = activation
        self.useBias = useBias
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
    }

    // MARK: Config

    public struct Config: Codable, Equatable {
        public var units: Int
        public var activation: ActivationFunction = .linear
        public var useBias = true
        public var kernelInitializer: Initializer = .glorotUniform
        public var biasInitializer: Initializer = .zeros

        public init(units: Int, activation: ActivationFunction = .linear, useBias: Bool = true,
                    kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros) {
            self.units = units
            self.activation = activation
            self.useBias = useBias
            self.kernelInitializer = kernelInitializer
            self.biasInitializer = biasInitializer
        }

        enum CodingKeys: String, CodingKey {
            case units, activation, useBias = "use_bias"
            case kernelInitializer = "kernel_initializer", biasInitializer = "bias_initializer"
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            units = try c.decode(Int.self, forKey: .units)
            activation = try c.decodeIfPresent(ActivationFunction.self, forKey: .activation) ?? .linear
            useBias = try c.decodeIfPresent(Bool.self, forKey: .useBias) ?? true
            kernelInitializer = try c.decodeIfPresent(Initializer.self, forKey: .kernelInitializer) ?? .glorotUniform
            biasInitializer = try c.decodeIfPresent(Initializer.self, forKey: .biasInitializer) ?? .zeros
        }
    }

    public convenience init(config: Config) throws {
        guard config.units > 0 else {
            throw LayerError.invalidConfig(layer: Self.typeName, message: "units must be positive, got \(config.units)")
        }
        self.init(units: config.units, activation: config.activation, useBias: config.useBias,
                  kernelInitializer: config.kernelInitializer, biasInitializer: config.biasInitializer)
    }

    public var config: Config {
        Config(units: units, activation: activation, useBias: useBias,
               kernelInitializer: kernelInitializer, biasInitializer: biasInitializer)
    }

    // MARK: Layer

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        guard let inputs = inputShape.last, inputs > 0 else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "[..., n] with n > 0", got: inputShape)
        }
        weight = Variable(kernelInitializer.make([inputs, units], fanIn: inputs, fanOut: units, generator: &generator),
                          requiresGrad: true)
        bias = useBias ? Variable(biasInitializer.make([units], fanIn: inputs, fanOut: units, generator: &generator),
                                  requiresGrad: true) : nil
        layerState.inputShape = inputShape
        layerState.outputShape = Array(inputShape.dropLast()) + [units]
        return layerState.outputShape!
    }

    public func callAsFunction(_ input: Variable) -> Variable {
        guard let weight else { preconditionFailure("\(LayerError.notBuilt(layer: Self.typeName))") }
        if let bias, input.rank >= 2 { return activation(Variable.affine(input, weight, bias)) }
        var y = input.matmul(weight)
        if let bias { y = y + bias }
        return activation(y)
    }

    public func namedParameters() -> [NamedParameter] {
        var result: [NamedParameter] = []
        if let weight { result.append(NamedParameter("weight", weight)) }
        if let bias { result.append(NamedParameter("bias", bias)) }
        return result
    }

}

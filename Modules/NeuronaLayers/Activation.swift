import NeuronaAutograd
import NeuronaCore

/// Applies an activation function on its own, as a layer.
///
/// Concretely: `y = activation(x)`, with no parameters. `leaky_relu` and `elu` take `alpha`.
///
/// ```swift
/// let layer = try Activation(.init("leaky_relu", alpha: 0.1))
/// ```
///
/// ### See Also
/// - ``ActivationFunction``, ``Dense``
public final class Activation: ConfigurableLayer, StatefulLayer {
    public static let typeName = "Activation"

    public let activation: ActivationFunction
    public var layerState = LayerState()

    public init(_ activation: ActivationFunction) {
        self.activation = activation
    }

    public struct Config: Codable, Equatable {
        public var activation: ActivationFunction
        public var alpha: Double?

        public init(activation: ActivationFunction, alpha: Double? = nil) {
            self.activation = activation
            self.alpha = alpha
        }
    }

    public convenience init(config: Config) throws {
        let function = config.alpha.map { try? ActivationFunction(config.activation.name, alpha: $0) } ?? config.activation
        self.init(function ?? config.activation)
    }

    public var config: Config { Config(activation: ActivationFunction.strippingAlpha(activation), alpha: activation.alpha) }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        layerState.inputShape = inputShape
        layerState.outputShape = inputShape
        return inputShape
    }

    public func callAsFunction(_ input: Variable) -> Variable { activation(input) }

}

extension ActivationFunction {
    /// The same function without its `alpha` (which the Activation layer stores beside it).
    static func strippingAlpha(_ f: ActivationFunction) -> ActivationFunction {
        (try? ActivationFunction(f.name)) ?? f
    }
}

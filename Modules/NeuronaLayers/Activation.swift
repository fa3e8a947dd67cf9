import NeuronaAutograd
import NeuronaCore
import NeuronaRegistry

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

    /// The settings, as in JSON: the function's name and its `alpha` beside it.
    public struct Config: LayerConfig {
        /// The function.
        public var activation: ActivationFunction
        /// The slope or scale of the functions that take one (`leaky_relu`, `elu`); `nil` for their default.
        public var alpha: Double?
        public static let defaults = Activation(.linear).config
        public static let requiredKeys: Set<String> = ["activation"]
        public func validate() throws { try activation.requireRegistered() }
    }

    public let config: Config
    /// The function applied (the config's name with its `alpha`).
    public let activation: ActivationFunction
    public var layerState = LayerState()

    /// A layer with `config`'s settings.
    /// - Parameter config: The function and its `alpha`.
    public init(config: Config) {
        self.config = config
        activation = config.alpha.map {
            (try? ActivationFunction(config.activation.name, settings: config.activation.settings.merging(["alpha": $0]) { $1 }))
                ?? config.activation
        } ?? config.activation
    }

    /// - Parameters:
    ///   - activation: The function, with its settings; an `alpha` alone is written beside the
    ///     name in JSON (`{"activation": "elu", "alpha": 0.5}`), as Keras's layers do.
    public convenience init(_ activation: ActivationFunction) {
        if let alpha = activation.alpha, activation.settings.count == 1, let bare = try? ActivationFunction(activation.name) {
            self.init(config: Config(activation: bare, alpha: alpha))
        } else {
            self.init(config: Config(activation: activation, alpha: nil))
        }
    }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        return layerState.built(input: inputShape, output: inputShape)
    }

    public func callAsFunction(_ input: Variable) -> Variable {
        let output = activation(input)
        if output !== input { output.sequenceMask = input.sequenceMask }   // elementwise: the steps stay (Keras's supports_masking)
        return output
    }
}

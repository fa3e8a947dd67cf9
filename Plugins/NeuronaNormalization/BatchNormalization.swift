import NeuronaAutograd
import NeuronaCore
import NeuronaLayers

/// Normalizes each feature (the last axis: features of `[N, F]`, channels of NHWC images) to
/// zero mean and unit variance, then scales and shifts it (Ioffe & Szegedy; Keras's
/// `BatchNormalization`).
///
/// Concretely, in training: `y = γ·(x − μ_B)/√(σ²_B + ε) + β` with the batch's mean and
/// (biased) variance over every axis but the last, and the running statistics updated as
/// `running ← momentum·running + (1 − momentum)·batch`. In inference the running statistics
/// replace the batch's. Parameters `weight` (γ) and `bias` (β); buffers `running_mean` and
/// `running_var`, saved with the weights and given no gradient.
public final class BatchNormalization: ConfigurableLayer, StatefulLayer {
    public static let typeName = "BatchNormalization"

    /// The settings, as in JSON: `momentum` of the running statistics and `epsilon`.
    public struct Config: LayerConfig {
        /// The weight of the old value in the running statistics' update (Keras's default 0.99).
        public var momentum: Double
        /// Added to the variance before the square root, for stability.
        public var epsilon: Double
        public static let defaults = BatchNormalization().config
        public func validate() throws {
            try requireFraction("momentum", momentum)
            try requirePositive("epsilon", epsilon)
        }
    }

    public let config: Config
    /// The scale γ, one per feature, once built.
    public private(set) var weight: Variable?
    /// The shift β, one per feature, once built.
    public private(set) var bias: Variable?
    /// The running mean used in inference (a buffer: saved, no gradient).
    public private(set) var runningMean: Variable?
    /// The running variance used in inference (a buffer: saved, no gradient).
    public private(set) var runningVariance: Variable?
    public var layerState = LayerState()

    /// A layer with `config`'s settings, checked when it is built.
    /// - Parameter config: The momentum and epsilon.
    public init(config: Config) { self.config = config }

    /// - Parameters:
    ///   - momentum: How much of the running statistics each training batch keeps, in [0, 1).
    ///   - epsilon: Added to the variance (positive).
    public convenience init(momentum: Double = 0.99, epsilon: Double = 1e-3) {
        self.init(config: Config(momentum: momentum, epsilon: epsilon))
    }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        try validate()
        guard let features = inputShape.last, features > 0 else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "[..., features]", got: inputShape)
        }
        try LayerLimits.check([[features], [features], [features], [features]], layer: Self.typeName)
        weight = Variable(Tensor.ones([features]), requiresGrad: true)
        bias = Variable(Tensor.zeros([features]), requiresGrad: true)
        runningMean = Variable(Tensor.zeros([features]))
        runningVariance = Variable(Tensor.ones([features]))
        return layerState.built(input: inputShape, output: inputShape)
    }

    public func callAsFunction(_ input: Variable) -> Variable {
        guard let weight, let bias, let runningMean, let runningVariance else {
            preconditionFailed("\(LayerError.notBuilt(layer: Self.typeName))")
        }
        let (momentum, epsilon) = (config.momentum, config.epsilon)
        let axes = Array(0..<(input.rank - 1))
        if isTraining {
            let mean = input.mean(axes: axes)
            let variance = input.variance(axes: axes)
            let m = momentum
            runningMean.value = runningMean.value * m + mean.value.converted(to: runningMean.dtype) * (1 - m)
            runningVariance.value = runningVariance.value * m + variance.value.converted(to: runningVariance.dtype) * (1 - m)
            return (input - mean) / (variance + epsilon).sqrt() * weight + bias
        }
        let scale = (runningVariance.value.converted(to: input.dtype) + epsilon).sqrt()
        return (input - Variable(runningMean.value.converted(to: input.dtype))) / Variable(scale) * weight + bias
    }

    public func namedParameters() -> [NamedParameter] { .existing(("weight", weight), ("bias", bias)) }
    public func namedBuffers() -> [NamedParameter] { .existing(("running_mean", runningMean), ("running_var", runningVariance)) }

}

/// Normalizes each example over its last axis, then scales and shifts (Ba et al.; Keras's
/// `LayerNormalization`): `y = γ·(x − μ)/√(σ² + ε) + β`, the same in training and inference.
public final class LayerNormalization: ConfigurableLayer, StatefulLayer {
    public static let typeName = "LayerNormalization"

    /// The settings, as in JSON: `epsilon`.
    public struct Config: LayerConfig {
        /// Added to the variance before the square root, for stability.
        public var epsilon: Double
        public static let defaults = LayerNormalization().config
        public func validate() throws { try requirePositive("epsilon", epsilon) }
    }

    public let config: Config
    /// The scale γ, one per feature, once built.
    public private(set) var weight: Variable?
    /// The shift β, one per feature, once built.
    public private(set) var bias: Variable?
    public var layerState = LayerState()

    /// A layer with `config`'s settings, checked when it is built.
    /// - Parameter config: The epsilon.
    public init(config: Config) { self.config = config }

    /// - Parameters:
    ///   - epsilon: Added to the variance (positive).
    public convenience init(epsilon: Double = 1e-3) { self.init(config: Config(epsilon: epsilon)) }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        try validate()
        guard let features = inputShape.last, features > 0 else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "[..., features]", got: inputShape)
        }
        try LayerLimits.check([[features], [features]], layer: Self.typeName)
        weight = Variable(Tensor.ones([features]), requiresGrad: true)
        bias = Variable(Tensor.zeros([features]), requiresGrad: true)
        return layerState.built(input: inputShape, output: inputShape)
    }

    public func callAsFunction(_ input: Variable) -> Variable {
        guard let weight, let bias else { preconditionFailed("\(LayerError.notBuilt(layer: Self.typeName))") }
        let epsilon = config.epsilon
        let mean = input.mean(axes: [-1], keepDims: true)
        let variance = input.variance(axes: [-1], keepDims: true)
        return (input - mean) / (variance + epsilon).sqrt() * weight + bias
    }

    public func namedParameters() -> [NamedParameter] { .existing(("weight", weight), ("bias", bias)) }

}

/// NeuronaNormalization's entry point (a ``/NeuronaLayers/LayerPlugin``): registers BatchNormalization and LayerNormalization.
public enum NormalizationPlugin: LayerPlugin {
    /// The package its layers are registered under (`NeuronaNormalization>BatchNormalization`).
    public static let package = PluginPackage("NeuronaNormalization", entryPoint: "NormalizationPlugin.register(into:)")
    /// BatchNormalization and LayerNormalization.
    public static let layerTypes: [any ConfigurableLayer.Type] = [BatchNormalization.self, LayerNormalization.self]
}

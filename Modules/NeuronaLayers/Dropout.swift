import NeuronaAutograd
import NeuronaCore

/// Sets a random fraction `rate` of the inputs to zero during training, scaling the rest by
/// `1 / (1 − rate)` (inverted dropout), so that inference needs no rescaling.
///
/// Concretely, in training: `y = x ⊙ m / (1 − rate)` with `m ~ Bernoulli(1 − rate)`; in
/// inference: `y = x`. The mask comes from the layer's own seeded generator: `seed` fixes it,
/// otherwise it is drawn from the generator the model is built with.
public final class Dropout: ConfigurableLayer, StatefulLayer, StochasticLayer {
    public static let typeName = "Dropout"

    /// The settings, as in JSON: `rate` and an optional `seed`.
    public struct Config: LayerConfig {
        /// The fraction of inputs set to zero in training, in [0, 1).
        public var rate: Double
        /// The seed of the masks; `nil` draws them from the generator the model is built with.
        public var seed: UInt64?
        public static let defaults = Dropout(rate: 0).config
        public static let requiredKeys: Set<String> = ["rate"]
        public func validate() throws { try requireFraction("rate", rate) }
    }

    /// The layer's settings.
    public let config: Config
    /// The generator the masks are drawn from (saved in checkpoints to resume exactly).
    public var generator: RandomGenerator
    public var layerState = LayerState()

    /// A layer with `config`'s settings, checked when it is built.
    /// - Parameter config: The rate and the seed.
    public init(config: Config) {
        self.config = config
        generator = RandomGenerator(seed: config.seed ?? 0)
    }

    /// - Parameters:
    ///   - rate: The fraction of inputs set to zero in training, in [0, 1).
    ///   - seed: Fixes the masks; nil draws the seed from the generator the layer is built with.
    public convenience init(rate: Double, seed: UInt64? = nil) {
        self.init(config: Config(rate: rate, seed: seed))
    }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        try validate()
        if config.seed == nil { self.generator = RandomGenerator(seed: generator.next()) }
        return layerState.built(input: inputShape, output: inputShape)
    }

    public func callAsFunction(_ input: Variable) -> Variable {
        let rate = config.rate
        guard isTraining && rate > 0 else { return input }
        let keep = Tensor.bernoulli(input.shape, probability: 1 - rate, dtype: input.dtype, using: &generator)
        let output = input * (keep / (1 - rate))
        output.sequenceMask = input.sequenceMask   // the steps stay where they were (Keras's supports_masking)
        return output
    }
}

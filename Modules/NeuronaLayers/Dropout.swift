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

    public let rate: Double
    public let seed: UInt64?
    /// The generator the masks are drawn from (saved in checkpoints to resume exactly).
    public var generator: RandomGenerator
    public var layerState = LayerState()

    public init(rate: Double, seed: UInt64? = nil) {
        precondition(rate >= 0 && rate < 1, "Dropout: rate must be in [0, 1), got \(rate)")
        self.rate = rate
        self.seed = seed
        self.generator = RandomGenerator(seed: seed ?? 0)
    }

    public struct Config: Codable, Equatable {
        public var rate: Double
        public var seed: UInt64?
        public init(rate: Double, seed: UInt64? = nil) {
            self.rate = rate
            self.seed = seed
        }
    }

    public convenience init(config: Config) throws {
        guard config.rate >= 0 && config.rate < 1 else {
            throw LayerError.invalidConfig(layer: Self.typeName, message: "rate must be in [0, 1), got \(config.rate)")
        }
        self.init(rate: config.rate, seed: config.seed)
    }

    public var config: Config { Config(rate: rate, seed: seed) }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        if seed == nil { self.generator = RandomGenerator(seed: generator.next()) }
        layerState.inputShape = inputShape
        layerState.outputShape = inputShape
        return inputShape
    }

    public func callAsFunction(_ input: Variable) -> Variable {
        guard isTraining && rate > 0 else { return input }
        let keep = Tensor.bernoulli(input.shape, probability: 1 - rate, dtype: input.dtype, using: &generator)
        return input * (keep / (1 - rate))
    }

}

import NeuronaCore

/// Adam with decoupled weight decay (Loshchilov & Hutter): before each Adam step the weights
/// shrink by `α·λ`.
///
/// Concretely: `x ← x − α·λ·x`, then the ``Adam`` update; λ = `weightDecay` (0.004, Keras's
/// default).
public final class AdamW: ConfigurableOptimizer {
    public static let typeName = "adamw"
    public var settings: OptimizerSettings
    public var state = OptimizerState()
    public let beta1: Double
    public let beta2: Double
    public let epsilon: Double
    public let weightDecay: Double

    public init(learningRate: Double = 0.001, weightDecay: Double = 0.004, beta1: Double = 0.9,
                beta2: Double = 0.999, epsilon: Double = 1e-7) {
        settings = OptimizerSettings(learningRate: learningRate)
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public var slotNames: [String] { ["m", "v"] }

    public struct Config: Codable, Equatable {
        public var adam: Adam.Config
        public var weightDecay: Double
        enum CodingKeys: String, CodingKey { case weightDecay = "weight_decay" }
        public init(adam: Adam.Config, weightDecay: Double) {
            self.adam = adam
            self.weightDecay = weightDecay
        }
        public init(from decoder: Decoder) throws {
            adam = try Adam.Config(from: decoder)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            weightDecay = try c.decodeIfPresent(Double.self, forKey: .weightDecay) ?? 0.004
        }
        public func encode(to encoder: Encoder) throws {
            try adam.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(weightDecay, forKey: .weightDecay)
        }
    }

    public convenience init(config: Config) throws {
        self.init(learningRate: config.adam.settings.learningRate, weightDecay: config.weightDecay,
                  beta1: config.adam.beta1, beta2: config.adam.beta2, epsilon: config.adam.epsilon)
        settings = config.adam.settings
    }

    public var config: Config {
        Config(adam: Adam.Config(settings: settings, beta1: beta1, beta2: beta2, epsilon: epsilon), weightDecay: weightDecay)
    }

    public func update(_ parameter: inout Tensor, gradient: Tensor, slots: inout [Tensor], step: Int, learningRate: Double) {
        let shrink = 1 - learningRate * weightDecay
        var noSlots: [Tensor] = []
        withUpdatePointers(&parameter, gradient, &noSlots,
                           float: { x, _, _, n in for i in 0..<n { x[i] *= Float(shrink) } },
                           double: { x, _, _, n in for i in 0..<n { x[i] *= shrink } })
        Adam.adamUpdate(&parameter, gradient, &slots, step: step, learningRate: learningRate,
                        beta1: beta1, beta2: beta2, epsilon: epsilon)
    }
}

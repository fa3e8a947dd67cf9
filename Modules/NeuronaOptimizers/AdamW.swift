import NeuronaCore

/// Adam with decoupled weight decay (Loshchilov & Hutter): before each Adam step the weights
/// shrink by `α·λ`.
///
/// Concretely: `x ← x − α·λ·x`, then the ``Adam`` update; λ = `weightDecay` (0.004, Keras's
/// default).
public final class AdamW: OptimizerBase<AdamW.Config>, ConfigurableOptimizer {
    public static let typeName = "adamw"

    /// AdamW's hyperparameters, as in JSON: `weight_decay` beside Adam's.
    public struct Config: Configuration {
        /// The decay of the running average of the gradient.
        public var beta1: Double
        /// The decay of the running average of the squared gradient.
        public var beta2: Double
        /// Added to the denominator, for stability.
        public var epsilon: Double
        /// The fraction of each weight removed per step, times the learning rate (decoupled from the gradient).
        public var weightDecay: Double
        public func validate() throws {
            try Adam.Config(beta1: beta1, beta2: beta2, epsilon: epsilon).validate()
            try requireNonNegative("weight_decay", weightDecay)
        }
    }

    public static var defaults: AdamW { AdamW() }
    /// - Parameters:
    ///   - learningRate: α, a finite number ≥ 0.
    ///   - weightDecay: λ, the fraction of `α·x` taken off each step (≥ 0).
    ///   - beta1: β₁, in [0, 1).
    ///   - beta2: β₂, in [0, 1).
    ///   - epsilon: ε (≥ 0).
    public convenience init(learningRate: Double = 0.001, weightDecay: Double = 0.004, beta1: Double = 0.9,
                            beta2: Double = 0.999, epsilon: Double = 1e-7) {
        self.init(settings: OptimizerSettings(learningRate: learningRate),
                  config: Config(beta1: beta1, beta2: beta2, epsilon: epsilon, weightDecay: weightDecay))
    }

    public var slotNames: [String] { ["m", "v"] }

    public func update(_ parameter: inout Tensor, gradient: Tensor, slots: inout [Tensor], step: Int, learningRate: Double) {
        let shrink = 1 - learningRate * config.weightDecay
        var noSlots: [Tensor] = []
        withUpdatePointers(&parameter, gradient, &noSlots,
                           float: { x, _, _, n in for i in 0..<n { x[i] *= Float(shrink) } },
                           double: { x, _, _, n in for i in 0..<n { x[i] *= shrink } })
        Adam.adamUpdate(&parameter, gradient, &slots, step: step, learningRate: learningRate,
                        beta1: config.beta1, beta2: config.beta2, epsilon: config.epsilon)
    }
}

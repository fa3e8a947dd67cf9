import NeuronaCore
import NeuronaOptimizers

/// Lion, "evolved sign momentum" (Chen et al., 2023; Keras's `keras.optimizers.Lion`): each step
/// moves every weight by the learning rate times the *sign* of an interpolation of its momentum
/// and its gradient, then updates the momentum:
///
///     x ← x − η · sign(β₁·m + (1 − β₁)·g)
///     m ← β₂·m + (1 − β₂)·g
///
/// with Keras's defaults η = 0.001, β₁ = 0.9, β₂ = 0.99 (the paper advises a learning rate 3–10×
/// smaller than Adam's). One slot per parameter: `momentum`. sign(0) = 0, as in Keras.
///
/// An optimizer defined outside Neurona with public API only: its storage comes from
/// `OptimizerBase`, its update is written with `Tensor` ops.
public final class Lion: OptimizerBase<Lion.Config>, ConfigurableOptimizer {
    /// The name JSON and checkpoints use.
    public static let typeName = "lion"

    /// Lion's own settings, as in JSON (`beta_1`, `beta_2`).
    public struct Config: Configuration {
        /// The weight of the momentum in the step's direction.
        public var beta1: Double
        /// The momentum's decay.
        public var beta2: Double
        /// Both betas in [0, 1).
        public func validate() throws {
            try requireSetting((0..<1).contains(beta1), "beta_1 must be in [0, 1), got \(beta1)")
            try requireSetting((0..<1).contains(beta2), "beta_2 must be in [0, 1), got \(beta2)")
        }
    }

    /// Lion with Keras's defaults.
    public static var defaults: Lion { Lion() }

    /// - Parameters:
    ///   - learningRate: η (Keras: 0.001).
    ///   - beta1: β₁, the momentum's weight in the step's direction (0.9).
    ///   - beta2: β₂, the momentum's decay (0.99).
    public convenience init(learningRate: Double = 0.001, beta1: Double = 0.9, beta2: Double = 0.99) {
        self.init(settings: OptimizerSettings(learningRate: learningRate), config: Config(beta1: beta1, beta2: beta2))
    }

    /// One slot: `momentum`.
    public var slotNames: [String] { ["momentum"] }

    /// `x ← x − η·sign(β₁·m + (1 − β₁)·g)`, then `m ← β₂·m + (1 − β₂)·g`.
    public func update(_ parameter: inout Tensor, gradient: Tensor, slots: inout [Tensor], step: Int, learningRate: Double) {
        let momentum = slots[0]
        let direction = (momentum * config.beta1 + gradient * (1 - config.beta1)).sign()
        parameter = parameter - direction * learningRate
        slots[0] = momentum * config.beta2 + gradient * (1 - config.beta2)
    }
}

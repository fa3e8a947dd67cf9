import NeuronaCore

/// RMSProp (lecture 001): steps scaled by a running root mean square of the gradients.
///
/// Concretely: `s ← ρ·s + (1 − ρ)·g²`, `x ← x − α·g / (ε + √s)`, with `ρ = 0.9`.
public final class RMSProp: OptimizerBase<RMSProp.Config>, ConfigurableOptimizer {
    public static let typeName = "rmsprop"

    /// RMSProp's hyperparameters, as in JSON: `rho`, `epsilon`.
    public struct Config: Configuration {
        /// The decay of the running average of squared gradients (`η = 0.9` in lecture 001).
        public var rho: Double
        /// Added to the denominator, for stability.
        public var epsilon: Double
        public func validate() throws {
            try requireFraction("rho", rho)
            try requireNonNegative("epsilon", epsilon)
        }
    }

    public static var defaults: RMSProp { RMSProp() }
    /// - Parameters:
    ///   - learningRate: α, a finite number ≥ 0.
    ///   - rho: ρ, the decay of the running mean square, in [0, 1).
    ///   - epsilon: ε (≥ 0).
    public convenience init(learningRate: Double = 0.001, rho: Double = 0.9, epsilon: Double = 1e-7) {
        self.init(settings: OptimizerSettings(learningRate: learningRate), config: Config(rho: rho, epsilon: epsilon))
    }

    public var slotNames: [String] { ["rms"] }

    public func update(_ parameter: inout Tensor, gradient: Tensor, slots: inout [Tensor], step: Int, learningRate: Double) {
        let (lr, rho, eps) = (learningRate, config.rho, config.epsilon)
        withUpdatePointers(&parameter, gradient, &slots,
                           float: { RMSProp.kernel($0, $1, $2[0], $3, Float(lr), Float(rho), Float(eps)) },
                           double: { RMSProp.kernel($0, $1, $2[0], $3, lr, rho, eps) })
    }

    static func kernel<T: FloatingScalar>(_ x: UnsafeMutablePointer<T>, _ g: UnsafePointer<T>, _ s: UnsafeMutablePointer<T>,
                                          _ n: Int, _ lr: T, _ rho: T, _ eps: T) {
        for i in 0..<n {
            s[i] = rho * s[i] + (1 - rho) * g[i] * g[i]
            x[i] -= lr * g[i] / (eps + s[i].squareRoot())
        }
    }
}

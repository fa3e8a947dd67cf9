import NeuronaCore

/// Adadelta (Zeiler, 2012): steps sized by running averages of squared gradients and of squared
/// past steps, so that the units of the step match the parameter's.
///
/// Concretely: `E[g²] ← ρ·E[g²] + (1 − ρ)·g²`, `Δ = √(E[Δ²] + ε) / √(E[g²] + ε) · g`,
/// `E[Δ²] ← ρ·E[Δ²] + (1 − ρ)·Δ²`, `x ← x − α·Δ` (Keras's defaults: α = 0.001, ρ = 0.95, ε = 1e-7;
/// the original paper uses α = 1).
public final class Adadelta: OptimizerBase<Adadelta.Config>, ConfigurableOptimizer {
    public static let typeName = "adadelta"

    /// Adadelta's hyperparameters, as in JSON: `rho`, `epsilon`.
    public struct Config: Configuration {
        /// The decay of the running averages of squared gradients and of squared updates.
        public var rho: Double
        /// Added under the square roots, for stability.
        public var epsilon: Double
        public func validate() throws {
            try requireFraction("rho", rho)
            try requireNonNegative("epsilon", epsilon)
        }
    }

    public static var defaults: Adadelta { Adadelta() }
    /// - Parameters:
    ///   - learningRate: α, a finite number ≥ 0.
    ///   - rho: ρ, the decay of the running averages, in [0, 1).
    ///   - epsilon: ε (≥ 0).
    public convenience init(learningRate: Double = 0.001, rho: Double = 0.95, epsilon: Double = 1e-7) {
        self.init(settings: OptimizerSettings(learningRate: learningRate), config: Config(rho: rho, epsilon: epsilon))
    }

    public var slotNames: [String] { ["accumulated_grad", "accumulated_delta"] }

    public func update(_ parameter: inout Tensor, gradient: Tensor, slots: inout [Tensor], step: Int, learningRate: Double) {
        let (lr, rho, eps) = (learningRate, config.rho, config.epsilon)
        withUpdatePointers(&parameter, gradient, &slots,
                           float: { Adadelta.kernel($0, $1, $2[0], $2[1], $3, Float(lr), Float(rho), Float(eps)) },
                           double: { Adadelta.kernel($0, $1, $2[0], $2[1], $3, lr, rho, eps) })
    }

    static func kernel<T: FloatingScalar>(_ x: UnsafeMutablePointer<T>, _ g: UnsafePointer<T>, _ eg: UnsafeMutablePointer<T>,
                                          _ ed: UnsafeMutablePointer<T>, _ n: Int, _ lr: T, _ rho: T, _ eps: T) {
        for i in 0..<n {
            eg[i] = rho * eg[i] + (1 - rho) * g[i] * g[i]
            let delta = (ed[i] + eps).squareRoot() / (eg[i] + eps).squareRoot() * g[i]
            ed[i] = rho * ed[i] + (1 - rho) * delta * delta
            x[i] -= lr * delta
        }
    }
}

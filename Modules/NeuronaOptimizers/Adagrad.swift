import NeuronaCore

/// Adagrad (lecture 001): each coordinate's step shrinks with the sum of its squared gradients.
///
/// Concretely: `s ← s + g²`, `x ← x − α·g / (ε + √s)`, with `s⁰` = `initialAccumulator` (0).
public final class Adagrad: OptimizerBase<Adagrad.Config>, ConfigurableOptimizer {
    public static let typeName = "adagrad"

    /// Adagrad's hyperparameters, as in JSON: `epsilon`, `initial_accumulator_value`.
    public struct Config: Configuration {
        /// Added to the denominator, for stability.
        public var epsilon: Double
        /// The starting value of each sum of squared gradients.
        public var initialAccumulatorValue: Double
        public func validate() throws {
            try requireNonNegative("epsilon", epsilon)
            try requireNonNegative("initial_accumulator_value", initialAccumulatorValue)
        }
    }

    public static var defaults: Adagrad { Adagrad() }
    /// - Parameters:
    ///   - learningRate: α, a finite number ≥ 0.
    ///   - epsilon: ε (≥ 0).
    ///   - initialAccumulator: `s⁰` (`initial_accumulator_value`, ≥ 0).
    public convenience init(learningRate: Double = 0.01, epsilon: Double = 1e-7, initialAccumulator: Double = 0) {
        self.init(settings: OptimizerSettings(learningRate: learningRate),
                  config: Config(epsilon: epsilon, initialAccumulatorValue: initialAccumulator))
    }

    public var slotNames: [String] { ["accumulator"] }

    public func update(_ parameter: inout Tensor, gradient: Tensor, slots: inout [Tensor], step: Int, learningRate: Double) {
        let (lr, eps, initial) = (learningRate, config.epsilon, config.initialAccumulatorValue)
        if step == 1 && initial != 0 { slots[0] = slots[0] + initial }
        withUpdatePointers(&parameter, gradient, &slots,
                           float: { Adagrad.kernel($0, $1, $2[0], $3, Float(lr), Float(eps)) },
                           double: { Adagrad.kernel($0, $1, $2[0], $3, lr, eps) })
    }

    static func kernel<T: FloatingScalar>(_ x: UnsafeMutablePointer<T>, _ g: UnsafePointer<T>, _ s: UnsafeMutablePointer<T>,
                                          _ n: Int, _ lr: T, _ eps: T) {
        for i in 0..<n {
            s[i] += g[i] * g[i]
            x[i] -= lr * g[i] / (eps + s[i].squareRoot())
        }
    }
}

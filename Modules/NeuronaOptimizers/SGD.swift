import NeuronaCore

/// Stochastic gradient descent, with optional momentum and Nesterov momentum (lecture 001).
///
/// Concretely, with gradient `g` at step t:
/// - plain: `x ← x − α·g`
/// - momentum `η`: `p ← g + η·p`, `x ← x − α·p` (lecture 001, `p⁰ = 0`)
/// - Nesterov: `p ← g + η·p`, `x ← x − α·(g + η·p)`. This is lecture 001's NAG
///   (`x̃ = x − α·p`, gradient taken at `x̃`) written for the look-ahead point: the stored
///   parameter is `x̃`, so the gradient is taken where it must be, with no second evaluation
///   (as PyTorch and Keras do).
public final class SGD: OptimizerBase<SGD.Config>, ConfigurableOptimizer {
    public static let typeName = "sgd"

    /// SGD's hyperparameters, as in JSON: `momentum`, `nesterov`.
    public struct Config: Configuration {
        /// The weight η of the previous step in `p ← g + η·p` (0: plain gradient descent).
        public var momentum: Double
        /// Whether to take the gradient at the look-ahead point (Nesterov's accelerated gradient).
        public var nesterov: Bool
        public func validate() throws {
            try requireNonNegative("momentum", momentum)
        }
    }

    public static var defaults: SGD { SGD() }
    /// - Parameters:
    ///   - learningRate: α, a finite number ≥ 0.
    ///   - momentum: η (≥ 0; 0 is plain SGD).
    ///   - nesterov: Whether to use Nesterov momentum.
    public convenience init(learningRate: Double = 0.01, momentum: Double = 0, nesterov: Bool = false) {
        self.init(settings: OptimizerSettings(learningRate: learningRate), config: Config(momentum: momentum, nesterov: nesterov))
    }

    public var slotNames: [String] { config.momentum > 0 ? ["momentum"] : [] }

    public func update(_ parameter: inout Tensor, gradient: Tensor, slots: inout [Tensor], step: Int, learningRate: Double) {
        let (lr, eta, nesterov) = (learningRate, config.momentum, config.nesterov)
        withUpdatePointers(&parameter, gradient, &slots,
                           float: { SGD.kernel($0, $1, $2, $3, Float(lr), Float(eta), nesterov) },
                           double: { SGD.kernel($0, $1, $2, $3, lr, eta, nesterov) })
    }

    static func kernel<T: FloatingScalar>(_ x: UnsafeMutablePointer<T>, _ g: UnsafePointer<T>, _ s: SlotPointers<T>,
                                          _ n: Int, _ lr: T, _ eta: T, _ nesterov: Bool) {
        guard s.count > 0 else {
            for i in 0..<n { x[i] -= lr * g[i] }
            return
        }
        let p = s[0]
        if nesterov {
            for i in 0..<n {
                p[i] = g[i] + eta * p[i]
                x[i] -= lr * (g[i] + eta * p[i])
            }
        } else {
            for i in 0..<n {
                p[i] = g[i] + eta * p[i]
                x[i] -= lr * p[i]
            }
        }
    }
}

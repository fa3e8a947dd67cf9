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
public final class SGD: ConfigurableOptimizer {
    public static let typeName = "sgd"
    public var settings: OptimizerSettings
    public var state = OptimizerState()
    public let momentum: Double
    public let nesterov: Bool

    public init(learningRate: Double = 0.01, momentum: Double = 0, nesterov: Bool = false) {
        precondition(momentum >= 0, "sgd: momentum must not be negative")
        settings = OptimizerSettings(learningRate: learningRate)
        self.momentum = momentum
        self.nesterov = nesterov
    }

    public var slotNames: [String] { momentum > 0 ? ["momentum"] : [] }

    public struct Config: Codable, Equatable {
        public var settings: OptimizerSettings
        public var momentum: Double
        public var nesterov: Bool
        enum CodingKeys: String, CodingKey { case momentum, nesterov }
        public init(settings: OptimizerSettings, momentum: Double, nesterov: Bool) {
            self.settings = settings
            self.momentum = momentum
            self.nesterov = nesterov
        }
        public init(from decoder: Decoder) throws {
            settings = try OptimizerSettings(from: decoder, defaultRate: 0.01)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            momentum = try c.decodeIfPresent(Double.self, forKey: .momentum) ?? 0
            nesterov = try c.decodeIfPresent(Bool.self, forKey: .nesterov) ?? false
        }
        public func encode(to encoder: Encoder) throws {
            try settings.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(momentum, forKey: .momentum)
            try c.encode(nesterov, forKey: .nesterov)
        }
    }

    public convenience init(config: Config) throws {
        guard config.momentum >= 0 else { throw OptimizerError.invalidConfig(optimizer: Self.typeName, message: "momentum must not be negative") }
        self.init(learningRate: config.settings.learningRate, momentum: config.momentum, nesterov: config.nesterov)
        settings = config.settings
    }

    public var config: Config { Config(settings: settings, momentum: momentum, nesterov: nesterov) }

    public func update(_ parameter: inout Tensor, gradient: Tensor, slots: inout [Tensor], step: Int, learningRate: Double) {
        let (lr, eta, nesterov) = (learningRate, momentum, self.nesterov)
        withUpdatePointers(&parameter, gradient, &slots,
                           float: { SGD.kernel($0, $1, $2, $3, Float(lr), Float(eta), nesterov) },
                           double: { SGD.kernel($0, $1, $2, $3, lr, eta, nesterov) })
    }

    static func kernel<T: FloatingScalar>(_ x: UnsafeMutablePointer<T>, _ g: UnsafePointer<T>, _ s: [UnsafeMutablePointer<T>],
                                          _ n: Int, _ lr: T, _ eta: T, _ nesterov: Bool) {
        guard let p = s.first else {
            for i in 0..<n { x[i] -= lr * g[i] }
            return
        }
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

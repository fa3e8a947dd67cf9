import NeuronaCore

/// Adadelta (Zeiler, 2012): steps sized by running averages of squared gradients and of squared
/// past steps, so that the units of the step match the parameter's.
///
/// Concretely: `E[g²] ← ρ·E[g²] + (1 − ρ)·g²`, `Δ = √(E[Δ²] + ε) / √(E[g²] + ε) · g`,
/// `E[Δ²] ← ρ·E[Δ²] + (1 − ρ)·Δ²`, `x ← x − α·Δ` (Keras's defaults: α = 0.001, ρ = 0.95, ε = 1e-7;
/// the original paper uses α = 1).
public final class Adadelta: ConfigurableOptimizer {
    public static let typeName = "adadelta"
    public var settings: OptimizerSettings
    public var state = OptimizerState()
    public let rho: Double
    public let epsilon: Double

    public init(learningRate: Double = 0.001, rho: Double = 0.95, epsilon: Double = 1e-7) {
        settings = OptimizerSettings(learningRate: learningRate)
        self.rho = rho
        self.epsilon = epsilon
    }

    public var slotNames: [String] { ["accumulated_grad", "accumulated_delta"] }

    public struct Config: Codable, Equatable {
        public var settings: OptimizerSettings
        public var rho: Double
        public var epsilon: Double
        enum CodingKeys: String, CodingKey { case rho, epsilon }
        public init(settings: OptimizerSettings, rho: Double, epsilon: Double) {
            self.settings = settings
            self.rho = rho
            self.epsilon = epsilon
        }
        public init(from decoder: Decoder) throws {
            settings = try OptimizerSettings(from: decoder, defaultRate: 0.001)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            rho = try c.decodeIfPresent(Double.self, forKey: .rho) ?? 0.95
            epsilon = try c.decodeIfPresent(Double.self, forKey: .epsilon) ?? 1e-7
        }
        public func encode(to encoder: Encoder) throws {
            try settings.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(rho, forKey: .rho)
            try c.encode(epsilon, forKey: .epsilon)
        }
    }

    public convenience init(config: Config) throws {
        self.init(learningRate: config.settings.learningRate, rho: config.rho, epsilon: config.epsilon)
        settings = config.settings
    }

    public var config: Config { Config(settings: settings, rho: rho, epsilon: epsilon) }

    public func update(_ parameter: inout Tensor, gradient: Tensor, slots: inout [Tensor], step: Int, learningRate: Double) {
        let (lr, rho, eps) = (learningRate, self.rho, epsilon)
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

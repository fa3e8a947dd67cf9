import NeuronaCore

/// RMSProp (lecture 001): steps scaled by a running root mean square of the gradients.
///
/// Concretely: `s ← ρ·s + (1 − ρ)·g²`, `x ← x − α·g / (ε + √s)`, with `ρ = 0.9`.
public final class RMSProp: ConfigurableOptimizer {
    public static let typeName = "rmsprop"
    public var settings: OptimizerSettings
    public var state = OptimizerState()
    public let rho: Double
    public let epsilon: Double

    public init(learningRate: Double = 0.001, rho: Double = 0.9, epsilon: Double = 1e-7) {
        settings = OptimizerSettings(learningRate: learningRate)
        self.rho = rho
        self.epsilon = epsilon
    }

    public var slotNames: [String] { ["rms"] }

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
            rho = try c.decodeIfPresent(Double.self, forKey: .rho) ?? 0.9
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
        guard config.rho >= 0 && config.rho < 1 else { throw OptimizerError.invalidConfig(optimizer: Self.typeName, message: "rho must be in [0, 1)") }
        self.init(learningRate: config.settings.learningRate, rho: config.rho, epsilon: config.epsilon)
        settings = config.settings
    }

    public var config: Config { Config(settings: settings, rho: rho, epsilon: epsilon) }

    public func update(_ parameter: inout Tensor, gradient: Tensor, slots: inout [Tensor], step: Int, learningRate: Double) {
        let (lr, rho, eps) = (learningRate, self.rho, epsilon)
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

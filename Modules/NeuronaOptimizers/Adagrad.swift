import NeuronaCore

/// Adagrad (lecture 001): each coordinate's step shrinks with the sum of its squared gradients.
///
/// Concretely: `s ← s + g²`, `x ← x − α·g / (ε + √s)`, with `s⁰` = `initialAccumulator` (0).
public final class Adagrad: ConfigurableOptimizer {
    public static let typeName = "adagrad"
    public var settings: OptimizerSettings
    public var state = OptimizerState()
    public let epsilon: Double
    public let initialAccumulator: Double

    public init(learningRate: Double = 0.01, epsilon: Double = 1e-7, initialAccumulator: Double = 0) {
        settings = OptimizerSettings(learningRate: learningRate)
        self.epsilon = epsilon
        self.initialAccumulator = initialAccumulator
    }

    public var slotNames: [String] { ["accumulator"] }

    public struct Config: Codable, Equatable {
        public var settings: OptimizerSettings
        public var epsilon: Double
        public var initialAccumulator: Double
        enum CodingKeys: String, CodingKey { case epsilon, initialAccumulator = "initial_accumulator_value" }
        public init(settings: OptimizerSettings, epsilon: Double, initialAccumulator: Double) {
            self.settings = settings
            self.epsilon = epsilon
            self.initialAccumulator = initialAccumulator
        }
        public init(from decoder: Decoder) throws {
            settings = try OptimizerSettings(from: decoder, defaultRate: 0.01)
            let c = try decoder.container(keyedBy: CodingKeys.self)
            epsilon = try c.decodeIfPresent(Double.self, forKey: .epsilon) ?? 1e-7
            initialAccumulator = try c.decodeIfPresent(Double.self, forKey: .initialAccumulator) ?? 0
        }
        public func encode(to encoder: Encoder) throws {
            try settings.encode(to: encoder)
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(epsilon, forKey: .epsilon)
            try c.encode(initialAccumulator, forKey: .initialAccumulator)
        }
    }

    public convenience init(config: Config) throws {
        self.init(learningRate: config.settings.learningRate, epsilon: config.epsilon, initialAccumulator: config.initialAccumulator)
        settings = config.settings
    }

    public var config: Config { Config(settings: settings, epsilon: epsilon, initialAccumulator: initialAccumulator) }

    public func update(_ parameter: inout Tensor, gradient: Tensor, slots: inout [Tensor], step: Int, learningRate: Double) {
        if step == 1 && initialAccumulator != 0 { slots[0] = slots[0] + initialAccumulator }
        let (lr, eps) = (learningRate, epsilon)
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

import NeuronaAutograd
import NeuronaCore

/// The Huber loss: quadratic for errors up to `delta`, linear beyond.
///
/// Concretely: with `e = |ŷ − y|`, `0.5·e²` if `e ≤ δ`, else `δ·(e − 0.5·δ)`.
public final class Huber: ConfigurableLoss {
    public static let typeName = "huber"
    /// The error at which the loss turns from quadratic to linear.
    public let delta: Double
    public let reduction: Reduction

    /// A Huber loss.
    /// - Parameters:
    ///   - delta: The error at which the loss turns from quadratic to linear (positive).
    ///   - reduction: How per-sample losses become the result (the mean by default).
    public init(delta: Double = 1, reduction: Reduction = .mean) {
        self.delta = delta
        self.reduction = reduction
    }

    /// The settings, as in JSON: `delta` and `reduction`.
    public struct Config: Codable, Equatable {
        /// The error at which the loss turns from quadratic to linear.
        public var delta: Double
        /// How per-sample losses become the result.
        public var reduction: Reduction
        /// Settings for a Huber loss.
        /// - Parameters:
        ///   - delta: The error at which the loss turns from quadratic to linear.
        ///   - reduction: How per-sample losses become the result.
        public init(delta: Double = 1, reduction: Reduction = .mean) {
            self.delta = delta
            self.reduction = reduction
        }
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            delta = try c.decodeIfPresent(Double.self, forKey: .delta) ?? 1
            reduction = try c.decodeIfPresent(Reduction.self, forKey: .reduction) ?? .mean
        }
        enum CodingKeys: String, CodingKey { case delta, reduction }
    }

    public convenience init(config: Config) throws {
        guard config.delta > 0 else { throw LossError.invalidConfig(loss: Self.typeName, message: "delta must be positive") }
        self.init(delta: config.delta, reduction: config.reduction)
    }

    public var config: Config { Config(delta: delta, reduction: reduction) }

    public func perSample(_ predictions: Variable, _ targets: Tensor) -> Variable {
        requireShapes(predictions.shape == targets.shape, "huber", predictions, targets, "differ")
        let error = (predictions - Variable(targets.converted(to: predictions.dtype))).abs()
        let quadratic = error.squared() * 0.5
        let linear = (error - 0.5 * delta) * delta
        return meanPerSample(Variable.where(error.value .<= delta, quadratic, linear))
    }
}

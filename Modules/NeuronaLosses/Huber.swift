import NeuronaAutograd
import NeuronaCore
import NeuronaRegistry

/// The Huber loss: quadratic for errors up to `delta`, linear beyond.
///
/// Concretely: with `e = |ŷ − y|`, `0.5·e²` if `e ≤ δ`, else `δ·(e − 0.5·δ)`.
public final class Huber: ConfigurableLoss {
    public static let typeName = "huber"

    /// The settings, as in JSON (`delta`, `reduction`).
    public struct Config: DefaultedConfiguration {
        /// Where the loss turns from quadratic to linear (positive).
        public var delta: Double
        /// How the per-example losses become one number (their mean by default).
        public var reduction: Reduction
        public static let defaults = Huber().config
        public func validate() throws { try requirePositive("delta", delta) }
    }

    public let config: Config
    /// Where the loss turns from quadratic to linear.
    public var delta: Double { config.delta }
    /// How per-sample losses are reduced.
    public var reduction: Reduction { config.reduction }

    /// A loss with `config`'s settings (checked before use, see ``Loss/validate()``).
    /// - Parameters:
    ///   - config: The settings, as in JSON.
    public init(config: Config) { self.config = config }

    /// - Parameters:
    ///   - delta: Where the loss turns from quadratic to linear (positive).
    ///   - reduction: How per-sample losses become the value returned.
    public convenience init(delta: Double = 1, reduction: Reduction = .mean) {
        self.init(config: Config(delta: delta, reduction: reduction))
    }

    public func perSample(_ predictions: Variable, _ targets: Tensor) -> Variable {
        requireShapes(predictions.shape == targets.shape, "huber", predictions, targets, "differ")
        let error = (predictions - Variable(targets.converted(to: predictions.dtype))).abs()
        let quadratic = error.squared() * 0.5
        let linear = (error - 0.5 * delta) * delta
        return meanPerSample(Variable.where(error.value .<= delta, quadratic, linear))
    }
}

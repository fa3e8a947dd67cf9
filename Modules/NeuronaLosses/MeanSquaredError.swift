import NeuronaAutograd
import NeuronaCore
import NeuronaRegistry

/// The mean squared error: `mean((ŷ − y)²)` over each sample's values, then over samples.
public final class MeanSquaredError: ConfigurableLoss {
    public static let typeName = "mean_squared_error"

    /// The settings, as in JSON (`reduction`).
    public struct Config: DefaultedConfiguration {
        /// How the per-example losses become one number (their mean by default).
        public var reduction: Reduction
        public static let defaults = MeanSquaredError().config
    }

    public let config: Config
    /// How per-sample losses are reduced.
    public var reduction: Reduction { config.reduction }

    /// A loss with `config`'s settings.
    /// - Parameters:
    ///   - config: The settings, as in JSON.
    public init(config: Config) { self.config = config }

    /// - Parameters:
    ///   - reduction: How per-sample losses become the value returned.
    public convenience init(reduction: Reduction = .mean) { self.init(config: Config(reduction: reduction)) }

    public func perSample(_ predictions: Variable, _ targets: Tensor) -> Variable {
        requireShapes(predictions.shape == targets.shape, "mean_squared_error", predictions, targets, "differ")
        return meanPerSample((predictions - Variable(targets.converted(to: predictions.dtype))).squared())
    }
}

/// The mean absolute error: `mean(|ŷ − y|)` over each sample's values, then over samples.
public final class MeanAbsoluteError: ConfigurableLoss {
    public static let typeName = "mean_absolute_error"

    /// The settings, as in JSON (`reduction`).
    public struct Config: DefaultedConfiguration {
        /// How the per-example losses become one number (their mean by default).
        public var reduction: Reduction
        public static let defaults = MeanAbsoluteError().config
    }

    public let config: Config
    /// How per-sample losses are reduced.
    public var reduction: Reduction { config.reduction }

    /// A loss with `config`'s settings.
    /// - Parameters:
    ///   - config: The settings, as in JSON.
    public init(config: Config) { self.config = config }

    /// - Parameters:
    ///   - reduction: How per-sample losses become the value returned.
    public convenience init(reduction: Reduction = .mean) { self.init(config: Config(reduction: reduction)) }

    public func perSample(_ predictions: Variable, _ targets: Tensor) -> Variable {
        requireShapes(predictions.shape == targets.shape, "mean_absolute_error", predictions, targets, "differ")
        return meanPerSample((predictions - Variable(targets.converted(to: predictions.dtype))).abs())
    }
}

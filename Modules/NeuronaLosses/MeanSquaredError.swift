import NeuronaAutograd
import NeuronaCore

/// The mean squared error: `mean((ŷ − y)²)` over each sample's values, then over samples.
public final class MeanSquaredError: ConfigurableLoss {
    public static let typeName = "mean_squared_error"
    public let reduction: Reduction

    /// A mean squared error.
    /// - Parameter reduction: How per-sample losses become the result (the mean by default).
    public init(reduction: Reduction = .mean) { self.reduction = reduction }
    public convenience init(config: ReductionConfig) throws { self.init(reduction: config.reduction) }
    public var config: ReductionConfig { ReductionConfig(reduction: reduction) }

    public func perSample(_ predictions: Variable, _ targets: Tensor) -> Variable {
        requireShapes(predictions.shape == targets.shape, "mean_squared_error", predictions, targets, "differ")
        return meanPerSample((predictions - Variable(targets.converted(to: predictions.dtype))).squared())
    }
}

/// The mean absolute error: `mean(|ŷ − y|)` over each sample's values, then over samples.
public final class MeanAbsoluteError: ConfigurableLoss {
    public static let typeName = "mean_absolute_error"
    public let reduction: Reduction

    /// A mean absolute error.
    /// - Parameter reduction: How per-sample losses become the result (the mean by default).
    public init(reduction: Reduction = .mean) { self.reduction = reduction }
    public convenience init(config: ReductionConfig) throws { self.init(reduction: config.reduction) }
    public var config: ReductionConfig { ReductionConfig(reduction: reduction) }

    public func perSample(_ predictions: Variable, _ targets: Tensor) -> Variable {
        requireShapes(predictions.shape == targets.shape, "mean_absolute_error", predictions, targets, "differ")
        return meanPerSample((predictions - Variable(targets.converted(to: predictions.dtype))).abs())
    }
}

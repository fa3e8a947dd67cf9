import NeuronaCore

/// Running sums over regression predictions and targets, from which the metrics below are read.
struct RegressionSums {
    var count = 0.0
    var sumAbsoluteError = 0.0
    var sumSquaredError = 0.0
    var sumTarget = 0.0
    var sumTargetSquared = 0.0

    mutating func add(_ predictions: Tensor, _ targets: Tensor, metric: String) {
        checkPrecondition(predictions.count == targets.count,
                          "\(metric): predictions \(predictions.shape) and targets \(targets.shape) hold different numbers of values")
        let p = predictions.doubles, t = targets.doubles
        for (a, b) in zip(p, t) {
            let e = a - b
            sumAbsoluteError += Swift.abs(e)
            sumSquaredError += e * e
            sumTarget += b
            sumTargetSquared += b * b
        }
        count += Double(p.count)
    }
}

/// The mean squared error of regression predictions: `mean((ŷ − y)²)`.
public final class MeanSquaredErrorMetric: Metric {
    public static let typeName = "mean_squared_error"
    public let name: String
    private var sums = RegressionSums()
    /// A mean-squared-error metric.
    /// - Parameter name: The name in logs and history.
    public init(name: String = "mse") { self.name = name }
    public func update(predictions: Tensor, targets: Tensor) { sums.add(predictions, targets, metric: name) }
    public func result() -> Double { sums.count == 0 ? 0 : sums.sumSquaredError / sums.count }
    public func reset() { sums = RegressionSums() }
}

/// The mean absolute error of regression predictions: `mean(|ŷ − y|)`.
public final class MeanAbsoluteErrorMetric: Metric {
    public static let typeName = "mean_absolute_error"
    public let name: String
    private var sums = RegressionSums()
    /// A mean-absolute-error metric.
    /// - Parameter name: The name in logs and history.
    public init(name: String = "mae") { self.name = name }
    public func update(predictions: Tensor, targets: Tensor) { sums.add(predictions, targets, metric: name) }
    public func result() -> Double { sums.count == 0 ? 0 : sums.sumAbsoluteError / sums.count }
    public func reset() { sums = RegressionSums() }
}

/// The coefficient of determination: `R² = 1 − Σ(ŷ − y)² / Σ(y − ȳ)²` (1 is perfect, 0 is no
/// better than predicting the mean).
public final class R2Score: Metric {
    public static let typeName = "r2_score"
    public let name: String
    private var sums = RegressionSums()
    /// An R² metric.
    /// - Parameter name: The name in logs and history.
    public init(name: String = "r2") { self.name = name }
    public func update(predictions: Tensor, targets: Tensor) { sums.add(predictions, targets, metric: name) }
    public func result() -> Double {
        guard sums.count > 0 else { return 0 }
        let total = sums.sumTargetSquared - sums.sumTarget * sums.sumTarget / sums.count
        return total == 0 ? 0 : 1 - sums.sumSquaredError / total
    }
    public func reset() { sums = RegressionSums() }
}

import NeuronaCore

/// Standardizes each column to mean 0 and standard deviation 1, with statistics fitted on the
/// training data and then applied unchanged to test data (scikit-learn's `StandardScaler`).
///
/// Concretely: `x' = (x − mean) / std`, per column; a constant column keeps std 1.
public struct StandardScaler: Codable {
    /// Each column's mean in the training data (`nil` before `fit`).
    public private(set) var mean: Tensor?
    /// Each column's standard deviation in the training data, 1 for a constant column (`nil` before `fit`).
    public private(set) var standardDeviation: Tensor?

    /// An unfitted scaler.
    public init() {}

    /// Learns each column's mean and (population) standard deviation from `x` ([rows, columns]).
    public mutating func fit(_ x: Tensor) {
        mean = x.mean(axes: [0])
        let std = x.standardDeviation(axes: [0])
        standardDeviation = Tensor.where(std .== 0, Tensor.ones([], dtype: std.dtype), std)
    }

    /// `x` standardized with the fitted statistics.
    public func transform(_ x: Tensor) -> Tensor {
        guard let mean, let standardDeviation else { preconditionFailed("StandardScaler: transform before fit") }
        return (x - mean) / standardDeviation
    }

    /// Fits on `x` and returns it standardized.
    public mutating func fitTransform(_ x: Tensor) -> Tensor {
        fit(x)
        return transform(x)
    }

    /// Standardized values back in the original units.
    public func inverseTransform(_ x: Tensor) -> Tensor {
        guard let mean, let standardDeviation else { preconditionFailed("StandardScaler: inverseTransform before fit") }
        return x * standardDeviation + mean
    }
}

import NeuronaCore

/// Scales each column to `[low, high]` (default [0, 1]) with the minimum and maximum fitted on
/// the training data (scikit-learn's `MinMaxScaler`).
///
/// Concretely: `x' = low + (x − min) / (max − min) · (high − low)`, per column.
public struct MinMaxScaler: Codable {
    public let low: Double
    public let high: Double
    public private(set) var minimum: Tensor?
    public private(set) var range: Tensor?

    public init(low: Double = 0, high: Double = 1) {
        checkPrecondition(low < high, "MinMaxScaler: low \(low) must be below high \(high)")
        self.low = low
        self.high = high
    }

    public mutating func fit(_ x: Tensor) {
        let lo = x.min(axes: [0]), hi = x.max(axes: [0])
        minimum = lo
        let span = hi - lo
        range = Tensor.where(span .== 0, Tensor.ones([], dtype: span.dtype), span)
    }

    public func transform(_ x: Tensor) -> Tensor {
        guard let minimum, let range else { preconditionFailed("MinMaxScaler: transform before fit") }
        return (x - minimum) / range * (high - low) + low
    }

    public mutating func fitTransform(_ x: Tensor) -> Tensor {
        fit(x)
        return transform(x)
    }

    public func inverseTransform(_ x: Tensor) -> Tensor {
        guard let minimum, let range else { preconditionFailed("MinMaxScaler: inverseTransform before fit") }
        return (x - low) / (high - low) * range + minimum
    }
}

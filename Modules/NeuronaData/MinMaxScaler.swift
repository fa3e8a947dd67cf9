import NeuronaCore

/// Scales each column to `[low, high]` (default [0, 1]) with the minimum and maximum fitted on
/// the training data (scikit-learn's `MinMaxScaler`).
///
/// Concretely: `x' = low + (x − min) / (max − min) · (high − low)`, per column.
public struct MinMaxScaler: Codable {
    /// The lower end of the target range.
    public let low: Double
    /// The upper end of the target range.
    public let high: Double
    /// Each column's minimum in the training data (`nil` before ``fit(_:)``).
    public private(set) var minimum: Tensor?
    /// Each column's maximum minus minimum in the training data (`nil` before ``fit(_:)``).
    public private(set) var range: Tensor?

    /// A scaler to `[low, high]`.
    /// - Parameters:
    ///   - low: The value each column's minimum maps to.
    ///   - high: The value each column's maximum maps to (above `low`).
    public init(low: Double = 0, high: Double = 1) {
        checkPrecondition(low < high, "MinMaxScaler: low \(low) must be below high \(high)")
        self.low = low
        self.high = high
    }

    /// Learns each column's minimum and range from `x` (`[n, features]`).
    public mutating func fit(_ x: Tensor) {
        let lo = x.min(axes: [0]), hi = x.max(axes: [0])
        minimum = lo
        let span = hi - lo
        range = Tensor.where(span .== 0, Tensor.ones([], dtype: span.dtype), span)
    }

    /// `x` scaled with the fitted statistics; stops if not fitted.
    public func transform(_ x: Tensor) -> Tensor {
        guard let minimum, let range else { preconditionFailed("MinMaxScaler: transform before fit") }
        return (x - minimum) / range * (high - low) + low
    }

    /// Fits on `x` and scales it.
    public mutating func fitTransform(_ x: Tensor) -> Tensor {
        fit(x)
        return transform(x)
    }

    /// Maps scaled values back to the original units.
    public func inverseTransform(_ x: Tensor) -> Tensor {
        guard let minimum, let range else { preconditionFailed("MinMaxScaler: inverseTransform before fit") }
        return (x - low) / (high - low) * range + minimum
    }
}

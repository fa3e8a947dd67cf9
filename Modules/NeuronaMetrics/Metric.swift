import NeuronaCore

/// A streaming metric: fed batch by batch with ``update(predictions:targets:)``, read with
/// ``result()``, cleared with ``reset()`` (Keras's metric protocol).
///
/// Predictions and targets are plain tensors: probabilities or values from the model, and
/// targets as given to the loss (int64 classes, one-hot rows, 0/1 values or regression targets).
public protocol Metric: AnyObject, MetricConvertible {
    /// The name this type is registered under (`accuracy`).
    static var typeName: String { get }
    /// The name shown in logs and history (`accuracy`, `val_accuracy` is derived from it).
    var name: String { get }
    /// Adds one batch: the model's outputs and the targets given to the loss.
    /// - Parameters:
    ///   - predictions: The model's outputs for the batch.
    ///   - targets: The batch's targets.
    func update(predictions: Tensor, targets: Tensor)
    /// The value over every batch since the last ``Metric/reset()``.
    func result() -> Double
    /// Forgets every batch (Keras calls it at the start of each epoch).
    func reset()
}

extension Metric {
    public var name: String { Self.typeName }

    /// The metric of one batch alone (resets first).
    public func callAsFunction(_ predictions: Tensor, _ targets: Tensor) -> Double {
        reset()
        update(predictions: predictions, targets: targets)
        return result()
    }
}

/// Class decisions from model outputs, as int64 values (one per example, in order): the argmax
/// of rows of several probabilities, or a 0.5 threshold on one probability per example.
func predictedClasses(_ predictions: Tensor, threshold: Double = 0.5) -> Tensor {
    if predictions.rank >= 2, let c = predictions.shape.last, c > 1 {
        return predictions.reshaped([-1, c]).argmax(axis: 1)
    }
    return Tensor(predictions.doubles.map { $0 > threshold ? Int64(1) : 0 }, shape: [predictions.count])
}

/// True classes from targets, as int64 values (one per example, in order): int64 codes as they
/// are, one-hot rows by argmax, 0/1 values rounded.
func trueClasses(_ targets: Tensor, predictions: Tensor) -> Tensor {
    if targets.dtype == .int64 { return targets }
    if targets.rank >= 2, let c = targets.shape.last, c > 1 {
        return targets.reshaped([-1, c]).argmax(axis: 1)
    }
    return Tensor(targets.doubles.map { $0 > 0.5 ? Int64(1) : 0 }, shape: [targets.count])
}

/// How many positions hold the same class in `predicted` and `actual` (int64, of one count).
func matchCount(_ predicted: Tensor, _ actual: Tensor) -> Int {
    predicted.withUnsafeBufferPointer(as: Int64.self) { p in
        actual.withUnsafeBufferPointer(as: Int64.self) { a in
            var matches = 0
            for i in 0..<Swift.min(p.count, a.count) where p[i] == a[i] { matches += 1 }
            return matches
        }
    }
}

/// Stops naming the metric and both shapes when predictions and targets hold different numbers
/// of examples.
func requireSameCount(_ metric: String, _ a: Tensor, _ b: Tensor, _ predictions: Tensor, _ targets: Tensor) {
    checkPrecondition(a.count == b.count,
                      "\(metric): predictions \(predictions.shape) and targets \(targets.shape) hold \(a.count) and \(b.count) examples")
}

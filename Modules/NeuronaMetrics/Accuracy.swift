import NeuronaCore

/// The fraction of examples classified correctly.
///
/// `accuracy` works out the kind from the shapes, as Keras does: rows of class probabilities
/// against int64 classes (sparse categorical) or one-hot rows (categorical); one probability per
/// example against 0/1 targets (binary, threshold 0.5).
public final class Accuracy: Metric {
    public static let typeName = "accuracy"
    public let name: String
    private var correct = 0
    private var total = 0

    /// An accuracy metric.
    /// - Parameter name: The name in logs and history.
    public init(name: String = "accuracy") { self.name = name }

    public func update(predictions: Tensor, targets: Tensor) {
        let predicted = predictedClasses(predictions)
        let actual = trueClasses(targets, predictions: predictions)
        requireSameCount(name, predicted, actual, predictions, targets)
        correct += matchCount(predicted, actual)
        total += predicted.count
    }

    public func result() -> Double { total == 0 ? 0 : Double(correct) / Double(total) }

    public func reset() {
        correct = 0
        total = 0
    }
}

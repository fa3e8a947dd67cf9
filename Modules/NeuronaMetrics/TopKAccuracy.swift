import NeuronaCore

/// The fraction of examples whose true class is among the `k` highest-scored ones (Keras's
/// `TopKCategoricalAccuracy` for one-hot targets and `SparseTopKCategoricalAccuracy` for int64
/// classes, told apart by the targets as ``Accuracy`` does; registered as
/// `top_k_categorical_accuracy` and `sparse_top_k_categorical_accuracy`, `k` 5 by default).
///
/// A class tied with the true one counts as above it only when strictly larger, as TensorFlow's
/// `in_top_k` does: ties straddling the boundary are all in the top `k`.
///
/// ```swift
/// let top2 = TopKAccuracy(k: 2)
/// top2(Tensor([[0.5, 0.3, 0.2], [0.1, 0.2, 0.7]]), Tensor([1, 0], dtype: .int64))   // 0.5
/// ```
public final class TopKAccuracy: Metric {
    public static let typeName = "top_k_categorical_accuracy"
    public let name: String
    /// How many of the highest scores count.
    public let k: Int
    private var hits = 0
    private var total = 0

    /// A top-`k` accuracy.
    /// - Parameters:
    ///   - k: How many of the highest scores count (≥ 1; Keras's default 5).
    ///   - name: The name in logs and history.
    public init(k: Int = 5, name: String = "top_k_categorical_accuracy") {
        checkPrecondition(k >= 1, "TopKAccuracy: k must be at least 1, got \(k)")
        self.k = k
        self.name = name
    }

    public func update(predictions: Tensor, targets: Tensor) {
        // One probability per example (a sigmoid output) is two classes, [1 − p, p], as
        // ``Accuracy`` reads it: top-1 is then the binary accuracy.
        let binary = predictions.rank < 2 || predictions.shape.last == 1
        let classes = binary ? 2 : predictions.shape.last!
        let given = predictions.doubles
        let scores = binary ? given.flatMap { [1 - $0, $0] } : given
        let actual = trueClasses(targets, predictions: predictions).scalars(as: Int64.self)
        let rows = scores.count / classes
        checkPrecondition(actual.count == rows,
                          "\(name): predictions \(predictions.shape) and targets \(targets.shape) hold \(rows) and \(actual.count) examples")
        for row in 0..<rows {
            let label = Int(actual[row])
            checkPrecondition(label >= 0 && label < classes, "\(name): class \(label) of example \(row) is not in 0..<\(classes)")
            let truth = scores[row * classes + label]
            var above = 0
            for c in 0..<classes where scores[row * classes + c] > truth { above += 1 }
            if above < k { hits += 1 }
        }
        total += rows
    }

    public func result() -> Double { total == 0 ? 0 : Double(hits) / Double(total) }

    public func reset() {
        hits = 0
        total = 0
    }
}

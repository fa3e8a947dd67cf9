import NeuronaCore

/// The confusion matrix: `matrix[i][j]` counts examples of true class `i` predicted as `j`.
/// ``result()`` is the number of correct predictions (its trace).
public final class ConfusionMatrix: ConfusionBasedMetric {
    public override class var typeName: String { "confusion_matrix" }

    public init(classCount: Int = 2) { super.init(name: "confusion_matrix", classCount: classCount) }

    /// The matrix as an int64 tensor `[classes, classes]`.
    public var matrix: Tensor {
        Tensor(counts.flatMap { $0.map(Int64.init) }, shape: [classCount, classCount])
    }
}

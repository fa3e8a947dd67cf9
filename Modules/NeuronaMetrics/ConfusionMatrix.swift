import NeuronaCore

/// The confusion matrix: `matrix[i][j]` counts examples of true class `i` predicted as `j`.
/// ``ConfusionBasedMetric/result()`` is the number of correct predictions (its trace).
public final class ConfusionMatrix: ConfusionBasedMetric {
    public override class var typeName: String { "confusion_matrix" }

    /// A confusion matrix over `classCount` classes (it grows if more are seen).
    /// - Parameter classCount: The number of classes to start with.
    public init(classCount: Int = 2) { super.init(name: "confusion_matrix", classCount: classCount) }

    /// The matrix as an int64 tensor `[classes, classes]`.
    public var matrix: Tensor {
        Tensor(counts.flatMap { $0.map(Int64.init) }, shape: [classCount, classCount])
    }
}

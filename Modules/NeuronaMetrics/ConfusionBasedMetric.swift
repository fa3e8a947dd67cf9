import NeuronaCore

/// A metric built from the confusion matrix it accumulates.
public class ConfusionBasedMetric: Metric {
    public class var typeName: String { "confusion_matrix" }
    public let name: String
    /// `counts[true][predicted]`; grows with the classes seen unless `classCount` is given.
    public private(set) var counts: [[Int]]

    /// A metric over `classCount` classes (more are added as they are seen).
    /// - Parameters:
    ///   - name: The name in logs and history.
    ///   - classCount: The number of classes to start with.
    public init(name: String, classCount: Int = 2) {
        self.name = name
        counts = Array(repeating: Array(repeating: 0, count: classCount), count: classCount)
    }

    public func update(predictions: Tensor, targets: Tensor) {
        let predictedTensor = predictedClasses(predictions), actualTensor = trueClasses(targets, predictions: predictions)
        requireSameCount(name, predictedTensor, actualTensor, predictions, targets)
        let predicted = predictedTensor.scalars(as: Int64.self), actual = actualTensor.scalars(as: Int64.self)
        let needed = Int(Swift.max(predicted.max() ?? 0, actual.max() ?? 0)) + 1
        if needed > counts.count {
            for i in counts.indices { counts[i] += Array(repeating: 0, count: needed - counts.count) }
            counts += Array(repeating: Array(repeating: 0, count: needed), count: needed - counts.count)
        }
        for (p, t) in zip(predicted, actual) { counts[Int(t)][Int(p)] += 1 }
    }

    public func reset() {
        counts = counts.map { $0.map { _ in 0 } }
    }

    public func result() -> Double { Double(counts.indices.reduce(0) { $0 + counts[$1][$1] }) }

    var classCount: Int { counts.count }
    func truePositives(_ c: Int) -> Int { counts[c][c] }
    func predictedCount(_ c: Int) -> Int { counts.reduce(0) { $0 + $1[c] } }
    func actualCount(_ c: Int) -> Int { counts[c].reduce(0, +) }
}

import NeuronaCore

/// How per-class scores become one number.
public enum Averaging: String, Codable, Sendable {
    /// The score of class 1 (the positive class) only.
    case binary
    /// The unweighted mean over classes.
    case macro
    /// Computed from the totals over all classes (for single-label data, equal to accuracy).
    case micro
}

/// Precision: of the examples predicted as a class, the fraction that are that class.
/// `tp / (tp + fp)`; 0 when nothing was predicted as the class.
public final class Precision: ConfusionBasedMetric {
    public override class var typeName: String { "precision" }
    /// How the per-class scores become one number.
    public let averaging: Averaging

    /// A precision metric.
    /// - Parameters:
    ///   - averaging: How per-class scores become one number (class 1 only by default).
    ///   - classCount: The number of classes to start with.
    ///   - name: The name in logs and history.
    public init(averaging: Averaging = .binary, classCount: Int = 2, name: String = "precision") {
        self.averaging = averaging
        super.init(name: name, classCount: classCount)
    }

    /// The precision of class `c`.
    public func score(forClass c: Int) -> Double {
        let predicted = predictedCount(c)
        return predicted == 0 ? 0 : Double(truePositives(c)) / Double(predicted)
    }

    public override func result() -> Double {
        averaged(averaging, classCount: classCount, score: score(forClass:), micro: microScore)
    }

    var microScore: Double {
        let tp = (0..<classCount).reduce(0) { $0 + truePositives($1) }
        let predicted = (0..<classCount).reduce(0) { $0 + predictedCount($1) }
        return predicted == 0 ? 0 : Double(tp) / Double(predicted)
    }
}

/// Recall: of the examples of a class, the fraction predicted as that class.
/// `tp / (tp + fn)`; 0 when the class never occurred.
public final class Recall: ConfusionBasedMetric {
    public override class var typeName: String { "recall" }
    /// How the per-class scores become one number.
    public let averaging: Averaging

    /// A recall metric.
    /// - Parameters:
    ///   - averaging: How per-class scores become one number (class 1 only by default).
    ///   - classCount: The number of classes to start with.
    ///   - name: The name in logs and history.
    public init(averaging: Averaging = .binary, classCount: Int = 2, name: String = "recall") {
        self.averaging = averaging
        super.init(name: name, classCount: classCount)
    }

    /// Recall of class `c`: `tp / (tp + fn)`, 0 when the class never occurs.
    public func score(forClass c: Int) -> Double {
        let actual = actualCount(c)
        return actual == 0 ? 0 : Double(truePositives(c)) / Double(actual)
    }

    public override func result() -> Double {
        averaged(averaging, classCount: classCount, score: score(forClass:), micro: microScore)
    }

    var microScore: Double {
        let tp = (0..<classCount).reduce(0) { $0 + truePositives($1) }
        let actual = (0..<classCount).reduce(0) { $0 + actualCount($1) }
        return actual == 0 ? 0 : Double(tp) / Double(actual)
    }
}

/// F1: the harmonic mean of precision and recall, `2·p·r / (p + r)` (0 when both are 0).
public final class F1Score: ConfusionBasedMetric {
    public override class var typeName: String { "f1_score" }
    /// How the per-class scores become one number.
    public let averaging: Averaging

    /// An F1 metric.
    /// - Parameters:
    ///   - averaging: How per-class scores become one number (class 1 only by default).
    ///   - classCount: The number of classes to start with.
    ///   - name: The name in logs and history.
    public init(averaging: Averaging = .binary, classCount: Int = 2, name: String = "f1_score") {
        self.averaging = averaging
        super.init(name: name, classCount: classCount)
    }

    /// F1 of class `c`: the harmonic mean of its precision and recall, `2·tp / (2·tp + fp + fn)`.
    public func score(forClass c: Int) -> Double {
        let tp = Double(truePositives(c))
        let denominator = Double(predictedCount(c) + actualCount(c))
        return denominator == 0 ? 0 : 2 * tp / denominator
    }

    public override func result() -> Double {
        averaged(averaging, classCount: classCount, score: score(forClass:), micro: microScore)
    }

    var microScore: Double {
        let tp = Double((0..<classCount).reduce(0) { $0 + truePositives($1) })
        let denominator = Double((0..<classCount).reduce(0) { $0 + predictedCount($1) + actualCount($1) })
        return denominator == 0 ? 0 : 2 * tp / denominator
    }
}

/// Combines per-class scores as `averaging` says.
func averaged(_ averaging: Averaging, classCount: Int, score: (Int) -> Double, micro: Double) -> Double {
    switch averaging {
    case .binary: return classCount > 1 ? score(1) : 0
    case .macro: return (0..<classCount).reduce(0.0) { $0 + score($1) } / Double(Swift.max(classCount, 1))
    case .micro: return micro
    }
}

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

/// A score per class that is a ratio of confusion counts, `numerator / denominator` (0 when the
/// denominator is), made one number as ``averaging`` says: class 1's score (binary), the mean of
/// the classes' scores (macro), or the ratio of the numerators' and denominators' sums over the
/// classes (micro). ``Precision``, ``Recall`` and ``F1Score`` differ only in their counts.
public class ClassRatioMetric: ConfusionBasedMetric {
    /// How the per-class scores become one number.
    public let averaging: Averaging

    init(averaging: Averaging, classCount: Int, name: String) {
        self.averaging = averaging
        super.init(name: name, classCount: classCount)
    }

    /// The counts whose ratio is class `c`'s score; each subclass says which.
    func ratio(forClass c: Int) -> (numerator: Int, denominator: Int) {
        preconditionFailure("\(Self.self) must override ratio(forClass:)")
    }

    /// The score of class `c`: its ratio, 0 when the denominator is 0.
    public func score(forClass c: Int) -> Double {
        Self.quotient(ratio(forClass: c))
    }

    public override func result() -> Double {
        switch averaging {
        case .binary:
            return classCount > 1 ? score(forClass: 1) : 0
        case .macro:
            return (0..<classCount).reduce(0.0) { $0 + score(forClass: $1) } / Double(Swift.max(classCount, 1))
        case .micro:
            let sums = (0..<classCount).reduce((numerator: 0, denominator: 0)) { sum, c in
                let r = ratio(forClass: c)
                return (sum.numerator + r.numerator, sum.denominator + r.denominator)
            }
            return Self.quotient(sums)
        }
    }

    private static func quotient(_ r: (numerator: Int, denominator: Int)) -> Double {
        r.denominator == 0 ? 0 : Double(r.numerator) / Double(r.denominator)
    }
}

/// Precision: of the examples predicted as a class, the fraction that are that class.
/// `tp / (tp + fp)`; 0 when nothing was predicted as the class.
public final class Precision: ClassRatioMetric {
    public override class var typeName: String { "precision" }

    /// A precision metric.
    /// - Parameters:
    ///   - averaging: How per-class scores become one number (class 1 only by default).
    ///   - classCount: The number of classes to start with.
    ///   - name: The name in logs and history.
    public override init(averaging: Averaging = .binary, classCount: Int = 2, name: String = "precision") {
        super.init(averaging: averaging, classCount: classCount, name: name)
    }

    override func ratio(forClass c: Int) -> (numerator: Int, denominator: Int) {
        (truePositives(c), predictedCount(c))
    }
}

/// Recall: of the examples of a class, the fraction predicted as that class.
/// `tp / (tp + fn)`; 0 when the class never occurred.
public final class Recall: ClassRatioMetric {
    public override class var typeName: String { "recall" }

    /// A recall metric.
    /// - Parameters:
    ///   - averaging: How per-class scores become one number (class 1 only by default).
    ///   - classCount: The number of classes to start with.
    ///   - name: The name in logs and history.
    public override init(averaging: Averaging = .binary, classCount: Int = 2, name: String = "recall") {
        super.init(averaging: averaging, classCount: classCount, name: name)
    }

    override func ratio(forClass c: Int) -> (numerator: Int, denominator: Int) {
        (truePositives(c), actualCount(c))
    }
}

/// F1: the harmonic mean of precision and recall, `2·p·r / (p + r)`, computed per class as
/// `2·tp / (2·tp + fp + fn)` (0 when the class was neither predicted nor present).
public final class F1Score: ClassRatioMetric {
    public override class var typeName: String { "f1_score" }

    /// An F1 metric.
    /// - Parameters:
    ///   - averaging: How per-class scores become one number (class 1 only by default).
    ///   - classCount: The number of classes to start with.
    ///   - name: The name in logs and history.
    public override init(averaging: Averaging = .binary, classCount: Int = 2, name: String = "f1_score") {
        super.init(averaging: averaging, classCount: classCount, name: name)
    }

    override func ratio(forClass c: Int) -> (numerator: Int, denominator: Int) {
        (2 * truePositives(c), predictedCount(c) + actualCount(c))
    }
}

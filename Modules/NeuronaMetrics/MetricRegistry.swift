import Foundation
import NeuronaCore

/// Metrics by Keras's names: `accuracy` (also `acc`, `binary_accuracy`, `categorical_accuracy`,
/// `sparse_categorical_accuracy`), `precision`, `recall`, `f1_score`, `mse`/`mean_squared_error`,
/// `mae`/`mean_absolute_error`, `r2_score`, `confusion_matrix`. Configs may set `averaging`
/// (`binary`, `macro`, `micro`) and `classes`.
public enum MetricRegistry {
    struct Settings: Decodable {
        var averaging: Averaging?
        var classes: Int?
        var name: String?
    }

    /// The registry with every built-in metric under its Keras names (`"accuracy"`, `"precision"`, …).
    public static let `default`: Registry<any Metric> = {
        let r = Registry<any Metric>(kind: "metric")
        func add(_ names: [String], _ make: @escaping (Settings, String) -> any Metric) {
            for n in names {
                r.register(n) { decoder in
                    let s = try Settings(from: decoder)
                    return make(s, s.name ?? n)
                }
            }
        }
        add(["accuracy", "acc", "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy"]) { _, n in Accuracy(name: n) }
        add(["precision"]) { s, n in Precision(averaging: s.averaging ?? .binary, classCount: s.classes ?? 2, name: n) }
        add(["recall"]) { s, n in Recall(averaging: s.averaging ?? .binary, classCount: s.classes ?? 2, name: n) }
        add(["f1_score", "f1"]) { s, n in F1Score(averaging: s.averaging ?? .binary, classCount: s.classes ?? 2, name: n) }
        add(["mse", "mean_squared_error"]) { _, n in MeanSquaredErrorMetric(name: n) }
        add(["mae", "mean_absolute_error"]) { _, n in MeanAbsoluteErrorMetric(name: n) }
        add(["r2_score", "r2"]) { _, n in R2Score(name: n) }
        add(["confusion_matrix"]) { s, _ in ConfusionMatrix(classCount: s.classes ?? 2) }
        return r
    }()
}

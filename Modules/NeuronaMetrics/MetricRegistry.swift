import Foundation
import NeuronaCore
@_exported import NeuronaRegistry

/// The registry of metrics: the one ``Registry`` design with metrics as its product, under
/// Keras's names: `accuracy` (also `acc`, `binary_accuracy`, `categorical_accuracy`,
/// `sparse_categorical_accuracy`), `precision`, `recall`, `f1_score`, `mse`/`mean_squared_error`,
/// `mae`/`mean_absolute_error`, `r2_score`, `confusion_matrix`, `top_k_categorical_accuracy`
/// (also `sparse_top_k_categorical_accuracy`, `top_k_accuracy`). Names match ignoring case and
/// underscores (`"Accuracy"`, `"MSE"`). Configs may set `averaging` (`binary`, `macro`,
/// `micro`), `classes`, `k` and the `name` shown in logs.
///
/// ```swift
/// let f1 = try MetricRegistry.default.make(fromJSON: #"{"type": "f1_score", "averaging": "macro", "classes": 3}"#)
/// MetricRegistry.default.register(["top_2_accuracy"]) { settings, name in TopKAccuracy(k: 2, name: name) }
/// ```
public typealias MetricRegistry = Registry<any Metric>

/// The settings a metric's JSON may give beside its `type`.
public struct MetricSettings: Configuration {
    /// How per-class scores are combined (precision, recall, F1).
    public var averaging: Averaging?
    /// The number of classes (precision, recall, F1, confusion matrix).
    public var classes: Int?
    /// The name shown in logs and history (the registered name by default).
    public var name: String?
    /// How many of the highest scores count (top-k accuracy; 5 by default, as Keras).
    public var k: Int?

    /// - Parameters:
    ///   - averaging: How per-class scores are combined.
    ///   - classes: The number of classes.
    ///   - name: The name shown in logs.
    ///   - k: How many of the highest scores count (top-k accuracy).
    public init(averaging: Averaging? = nil, classes: Int? = nil, name: String? = nil, k: Int? = nil) {
        self.averaging = averaging
        self.classes = classes
        self.name = name
        self.k = k
    }

    public func validate() throws {
        if let classes { try requireSetting(classes >= 2, "classes must be at least 2, got \(classes)") }
        if let k { try requireSetting(k >= 1, "k must be at least 1, got \(k)") }
    }

    static let keys = ["averaging", "classes", "name", "k"]
}

private let defaultMetricRegistry: MetricRegistry = {
    let registry = MetricRegistry()
    registry.registerBuiltIns()
    return registry
}()

extension Registry where Product == any Metric {
    /// The registry of every built-in metric; plugins register into it too.
    public static var `default`: MetricRegistry { defaultMetricRegistry }

    /// An empty metric registry: kind `metric`, JSON key `type`, names matched ignoring case and
    /// underscores.
    public convenience init() { self.init(kind: "metric") }

    /// Registers a metric under each of `names`; again replaces it. Its JSON may give the
    /// ``MetricSettings``; other keys and settings out of range throw, naming the JSON path.
    ///
    /// - Parameters:
    ///   - names: The names (the first is the canonical one, the others aliases).
    ///   - make: Makes the metric from the settings and the name to show (the settings' `name`,
    ///     or the name it was registered under).
    public func register(_ names: [String], make: @escaping (MetricSettings, String) -> any Metric) {
        for name in names {
            register(name) { decoder in
                let settings = try MetricSettings.decodeStrictly(from: decoder, defaults: MetricSettings(), typeName: name,
                                                                 otherFields: MetricSettings.keys)
                do {
                    try settings.validate()
                } catch let error as InvalidSetting {
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(name): \(error.message)", underlyingError: error))
                }
                return make(settings, settings.name ?? name)
            }
        }
    }

    /// Registers the built-in metrics under Keras's names and aliases.
    public func registerBuiltIns() {
        register(["accuracy", "acc", "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy"]) { _, n in Accuracy(name: n) }
        register(["precision"]) { s, n in Precision(averaging: s.averaging ?? .binary, classCount: s.classes ?? 2, name: n) }
        register(["recall"]) { s, n in Recall(averaging: s.averaging ?? .binary, classCount: s.classes ?? 2, name: n) }
        register(["f1_score", "f1"]) { s, n in F1Score(averaging: s.averaging ?? .binary, classCount: s.classes ?? 2, name: n) }
        register(["mse", "mean_squared_error"]) { _, n in MeanSquaredErrorMetric(name: n) }
        register(["mae", "mean_absolute_error"]) { _, n in MeanAbsoluteErrorMetric(name: n) }
        register(["r2_score", "r2"]) { _, n in R2Score(name: n) }
        register(["confusion_matrix"]) { s, _ in ConfusionMatrix(classCount: s.classes ?? 2) }
        register(["top_k_categorical_accuracy", "sparse_top_k_categorical_accuracy", "top_k_accuracy"]) { s, n in
            TopKAccuracy(k: s.k ?? 5, name: n)
        }
    }
}

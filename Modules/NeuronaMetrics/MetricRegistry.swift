import Foundation
import NeuronaCore
@_exported import NeuronaRegistry

/// The registry of metrics: the one ``/NeuronaRegistry/Registry`` design with metrics as its product, under
/// Keras's names: `accuracy` (also `acc`, `binary_accuracy`, `categorical_accuracy`,
/// `sparse_categorical_accuracy`), `precision`, `recall`, `f1_score`, `mse`/`mean_squared_error`,
/// `mae`/`mean_absolute_error`, `r2_score`, `confusion_matrix`, `top_k_categorical_accuracy`
/// (also `sparse_top_k_categorical_accuracy`, `top_k_accuracy`). Names match ignoring case and
/// underscores (`"Accuracy"`, `"MSE"`). Configs may set `averaging` (`binary`, `macro`,
/// `micro`), `classes`, `k` and the `name` shown in logs.
///
/// ```swift
/// let f1 = try MetricRegistry.default.make(fromJSON: #"{"type": "f1_score", "averaging": "macro", "classes": 3}"#)
/// try MetricRegistry.default.register("top_2_accuracy", package: "MyApp", settings: MetricSettings()) { s in
///     TopKAccuracy(k: 2, name: s.shownName)
/// }
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

    /// The name shown in logs: the description's `name`, else the name it was registered under
    /// (set when the registry decodes the settings).
    public var shownName: String { name ?? "" }

    /// Decodes strictly (unknown keys refused), with ``name`` the registered name when the
    /// description gives none.
    public static func decode(from decoder: Decoder, defaults: MetricSettings, nameKey: String,
                              registeredName: String) throws -> MetricSettings {
        var settings = try decodeStrictly(from: decoder, defaults: defaults, ignoring: [nameKey], typeName: registeredName,
                                          otherFields: keys)
        if settings.name == nil { settings.name = registeredName }
        return settings
    }

    public func validate() throws {
        if let classes { try requireSetting(classes >= 2, "classes must be at least 2, got \(classes)") }
        if let k { try requireSetting(k >= 1, "k must be at least 1, got \(k)") }
    }

    static let keys = ["averaging", "classes", "name", "k"]
}

private let defaultMetricRegistry: MetricRegistry = {
    let registry = MetricRegistry()
    try! registry.registerBuiltIns()   // an empty registry and distinct built-in names: nothing to collide
    return registry
}()

extension Registry where Product == any Metric {
    /// The registry of every built-in metric; plugins register into it too.
    public static var `default`: MetricRegistry { defaultMetricRegistry }

    /// An empty metric registry: kind `metric`, JSON key `type`, names matched ignoring case and
    /// underscores.
    public convenience init() { self.init(kind: "metric") }

    /// Registers the built-in metrics under Keras's names and aliases.
    ///
    /// - Throws: ``/NeuronaRegistry/RegistryError/duplicateName(kind:name:registrant:existing:)`` when another
    ///   registrant already holds one of these names in this registry.
    public func registerBuiltIns() throws {
        func register(_ name: String, aliases: [String] = [], line: Int = #line,
                      make: @escaping (MetricSettings) -> any Metric) throws {
            try self.register(name, aliases: aliases, settings: MetricSettings(), line: line, make: make)
        }
        try register("accuracy", aliases: ["acc", "binary_accuracy", "categorical_accuracy", "sparse_categorical_accuracy"]) {
            Accuracy(name: $0.shownName)
        }
        try register("precision") { s in Precision(averaging: s.averaging ?? .binary, classCount: s.classes ?? 2, name: s.shownName) }
        try register("recall") { s in Recall(averaging: s.averaging ?? .binary, classCount: s.classes ?? 2, name: s.shownName) }
        try register("f1_score", aliases: ["f1"]) { s in
            F1Score(averaging: s.averaging ?? .binary, classCount: s.classes ?? 2, name: s.shownName)
        }
        try register("mse", aliases: ["mean_squared_error"]) { MeanSquaredErrorMetric(name: $0.shownName) }
        try register("mae", aliases: ["mean_absolute_error"]) { MeanAbsoluteErrorMetric(name: $0.shownName) }
        try register("r2_score", aliases: ["r2"]) { R2Score(name: $0.shownName) }
        try register("confusion_matrix") { s in ConfusionMatrix(classCount: s.classes ?? 2) }
        try register("top_k_categorical_accuracy", aliases: ["sparse_top_k_categorical_accuracy", "top_k_accuracy"]) { s in
            TopKAccuracy(k: s.k ?? 5, name: s.shownName)
        }
    }
}

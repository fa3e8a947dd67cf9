/// What `Model.compile` takes for its metric: an instance (`TopKAccuracy(k: 3)`) or a registered name
/// (`"accuracy"`), mixed as Keras allows: `compile(optimizer: Adam(learningRate: 1e-3), loss:
/// "sparse_categorical_crossentropy", metrics: ["accuracy"])`.
public protocol MetricConvertible {
    /// The metric this stands for: itself, or a new one made from the registry by name.
    /// - Throws: The registry's error for a name it does not know.
    func makeMetric() throws -> any Metric
}

extension Metric {
    /// Itself.
    public func makeMetric() throws -> any Metric { self }
}

extension String: MetricConvertible {
    /// A new metric of this registered name (`MetricRegistry.default.make(self)`).
    /// - Throws: The registry's error naming the known names when this is not one.
    public func makeMetric() throws -> any Metric { try MetricRegistry.default.make(self) }
}

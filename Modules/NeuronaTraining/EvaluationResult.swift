import Foundation

/// What ``Model/evaluate(x:y:batchSize:sampleWeight:classWeight:)`` returns: the loss and each compiled metric by name,
/// in the order Keras's `evaluate` lists them (the loss, then the metrics as compiled).
///
/// ```swift
/// let result = try model.evaluate(x: testImages, y: testLabels)
/// result.loss                 // 0.3378
/// result["accuracy"]          // Optional(0.8792), as the dictionary gave
/// let (loss, accuracy) = try result.lossAnd("accuracy")   // Keras's `loss, acc = model.evaluate(...)`
/// result.values               // [loss, accuracy]: Keras's list, in `names`' order
/// ```
///
/// Swift cannot destructure a struct, and a tuple's length must be known when compiling, so
/// Keras's `loss, acc = model.evaluate(...)` is written with ``lossAnd(_:)``.
public struct EvaluationResult: Equatable, CustomStringConvertible, Sendable {
    /// The mean loss over the examples.
    public var loss: Double
    /// Each metric's result, by its name (`"accuracy"`).
    public var metrics: [String: Double]
    /// `"loss"`, then the metrics' names in the order they were compiled (Keras's `metrics_names`).
    public var names: [String]

    /// A result of `loss` and `metrics`, in that order.
    ///
    /// - Parameters:
    ///   - loss: The mean loss.
    ///   - metrics: The metrics' names and results, in the order they were compiled.
    public init(loss: Double, metrics: [(name: String, value: Double)]) {
        self.loss = loss
        self.metrics = Dictionary(metrics.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        var names = ["loss"]
        for metric in metrics where !names.contains(metric.name) { names.append(metric.name) }
        self.names = names
    }

    /// The loss (`"loss"`) or a metric's result by its name; nil for a name not computed.
    public subscript(name: String) -> Double? {
        name == "loss" ? loss : metrics[name]
    }

    /// The loss and the metrics in ``names``' order: the list Keras's `evaluate` returns.
    public var values: [Double] { names.map { self[$0]! } }

    /// The loss and every metric by name, as one dictionary.
    public var dictionary: [String: Double] { metrics.merging(["loss": loss]) { _, loss in loss } }

    /// The loss and the metric `name`, for `let (loss, accuracy) = try result.lossAnd("accuracy")`.
    ///
    /// - Parameter name: A compiled metric's name.
    /// - Throws: ``TrainingError/invalidArgument(_:)`` naming the metrics computed when `name`
    ///   is not one of them.
    public func lossAnd(_ name: String) throws -> (loss: Double, metric: Double) {
        guard let value = metrics[name] else {
            throw TrainingError.invalidArgument(
                "evaluate: no metric \"\(name)\" was computed; the model was compiled with \(names.dropFirst().isEmpty ? "no metrics" : "metrics: " + names.dropFirst().joined(separator: ", "))")
        }
        return (loss, value)
    }

    /// `loss: 0.3378, accuracy: 0.8792`: each value with 4 decimals, in ``names``' order.
    public var description: String {
        names.map { "\($0): " + String(format: "%.4f", self[$0]!) }.joined(separator: ", ")
    }
}

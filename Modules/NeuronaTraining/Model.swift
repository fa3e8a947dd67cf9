import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaData
import NeuronaLayers
import NeuronaLosses
import NeuronaMetrics
import NeuronaOptimizers

/// A network with its training setup: Keras's `Model`.
///
/// ```swift
/// let model = Model(try Sequential([Flatten(), Dense(units: 128, activation: .relu),
///                                   Dense(units: 10, activation: .softmax)], inputShape: [28, 28], seed: 42))
/// try model.compile(optimizer: "adam", loss: "sparse_categorical_crossentropy", metrics: ["accuracy"])
/// let history = try model.fit(x: images, y: labels, epochs: 5, batchSize: 32)
/// let scores = try model.evaluate(x: testImages, y: testLabels)   // ["loss": ..., "accuracy": ...]
/// try model.save(to: URL(fileURLWithPath: "fashion-model"))
/// ```
///
/// ### See Also
/// - ``Callback``, ``History``, ``ProgressBar``
public final class Model {
    /// The network: any layer, usually a `Sequential` or a `Graph`.
    public let network: any Layer
    public private(set) var optimizer: (any Optimizer)?
    public private(set) var loss: (any Loss)?
    public private(set) var metrics: [any Metric] = []
    /// Registry names of the metrics, for saving (`"accuracy"`).
    public internal(set) var metricNames: [String] = []
    /// Shuffles, validation splits: every random choice of `fit` comes from here.
    public var generator: RandomGenerator
    /// The number of epochs trained so far (restored by `load`).
    public internal(set) var completedEpochs = 0
    /// Set by a callback to end training.
    public var stopTraining = false

    /// A model around `network`; `seed` seeds its generator (shuffling).
    public init(_ network: any Layer, seed: UInt64 = 0) {
        self.network = network
        self.generator = RandomGenerator(seed: seed)
    }

    /// The parameters the optimizer updates.
    public var parameters: [NamedParameter] { network.namedParameters() }

    // MARK: Compile

    /// Sets the optimizer, loss and metrics.
    public func compile(optimizer: any Optimizer, loss: any Loss, metrics: [any Metric] = []) {
        self.optimizer = optimizer
        self.loss = loss
        self.metrics = metrics
        self.metricNames = metrics.map { type(of: $0).typeName }
    }

    /// Sets the optimizer, loss and metrics by their registered names (Keras's
    /// `compile(optimizer="adam", loss="mse", metrics=["accuracy"])`).
    public func compile(optimizer: String, loss: String, metrics: [String] = []) throws {
        compile(optimizer: try OptimizerRegistry.default.make(optimizer),
                loss: try LossRegistry.default.make(loss),
                metrics: try metrics.map { try MetricRegistry.default.make($0) })
        metricNames = metrics
    }

    // MARK: Checks

    /// Throws unless `x` and `y` fit this model: same number of examples, inputs of the built
    /// shape and a floating dtype, targets the loss can take.
    func checkData(_ x: Tensor, _ y: Tensor, what: String) throws {
        guard x.rank >= 1, y.rank >= 1, x.shape[0] == y.shape[0] else {
            throw TrainingError.countMismatch(inputs: x.shape.first ?? 0, targets: y.shape.first ?? 0, what: what)
        }
        guard x.dtype.isFloatingPoint else {
            throw TrainingError.dtype(what: "\(what) inputs", expected: "float32 or float64", got: "\(x.dtype)")
        }
        if let expected = network.inputShape, Array(x.shape.dropFirst()) != expected {
            throw TrainingError.inputShape(expected: expected, got: x.shape, what: what)
        }
        if loss is SparseCategoricalCrossentropy {
            guard y.dtype == .int64 || y.dtype.isFloatingPoint, y.count == y.shape[0] else {
                throw TrainingError.dtype(what: "\(what) targets", expected: "one class index per example (int64)",
                                          got: "\(y.dtype) of shape \(y.shape)")
            }
            if let classes = network.outputShape?.last {
                let labels = y.doubles
                if let bad = labels.firstIndex(where: { $0 < 0 || $0 >= Double(classes) || $0 != $0.rounded() }) {
                    throw TrainingError.dtype(what: "\(what) targets", expected: "class indices in 0..<\(classes)",
                                              got: "\(labels[bad]) at example \(bad)")
                }
            }
        } else if let outputShape = network.outputShape, Array(y.shape.dropFirst()) != outputShape {
            throw TrainingError.dtype(what: "\(what) targets", expected: "shape [batch] + \(outputShape) (the model's output)",
                                      got: "shape \(y.shape)")
        }
    }
}

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
/// model.summary()                                                  // Keras's table
/// let (loss, accuracy) = try model.evaluate(x: testImages, y: testLabels).lossAnd("accuracy")
/// try model.save(to: URL(fileURLWithPath: "fashion-model"))
/// ```
///
/// A subclass may replace one batch's work, ``trainStep(_:)`` (Keras's `train_step`), and
/// keep everything `fit` does around it: epochs, shuffling, validation, callbacks, a strategy.
///
/// ### See Also
/// - ``Callback``, ``History``, ``ProgressBar``, ``EvaluationResult``, ``TrainingBatch``
open class Model {
    /// The network: any layer, usually a `Sequential` or a `Graph`.
    public let network: any Layer
    /// The optimizer set by `compile`.
    public private(set) var optimizer: (any Optimizer)?
    /// The loss set by `compile`.
    public private(set) var loss: (any Loss)?
    /// The metrics set by `compile`, computed each epoch.
    public private(set) var metrics: [any Metric] = []
    /// Each output's loss and weight, in the graph's order, when `compile` was given one loss per
    /// output (``compile(optimizer:loss:lossWeights:metrics:)``); empty otherwise.
    public private(set) var outputLosses: [OutputLoss] = []
    /// Each output's metrics, when `compile` was given metrics per output; empty otherwise.
    public private(set) var outputMetrics: [OutputMetric] = []
    /// Registry names of the metrics, for saving (`"accuracy"`).
    public internal(set) var metricNames: [String] = []
    /// Shuffles, validation splits: every random choice of `fit` comes from here.
    public var generator: RandomGenerator
    /// The number of epochs trained so far (restored by `load`).
    public internal(set) var completedEpochs = 0
    /// Set by a callback to end training.
    public var stopTraining = false
    /// What the running `fit` shares with the step's helpers (`nil` outside `fit`).
    var session: TrainingSession?

    /// A model around `network`; `seed` seeds its generator (shuffling).
    /// - Parameters:
    ///   - network: The network: any layer, usually a `Sequential` or a `Graph`.
    ///   - seed: Seeds the model's generator (shuffles and validation splits).
    public init(_ network: any Layer, seed: UInt64 = 0) {
        self.network = network
        self.generator = RandomGenerator(seed: seed)
    }

    /// The parameters the optimizer updates: the network's, without those of frozen layers
    /// (``/NeuronaLayers/Layer/isTrainable``, Keras's `trainable_weights`).
    public var parameters: [NamedParameter] { network.trainableParameters() }

    // MARK: Compile

    /// Sets the optimizer, loss and metrics.
    public func compile(optimizer: any Optimizer, loss: any Loss, metrics: [any Metric] = []) {
        self.optimizer = optimizer
        self.loss = loss
        self.metrics = metrics
        self.metricNames = metrics.map { type(of: $0).typeName }
        self.outputLosses = []
        self.outputMetrics = []
    }

    /// Sets the optimizer, loss and metrics, each an instance or a registered name, mixed as
    /// Keras allows: `compile(optimizer: "adam", loss: "mse", metrics: ["accuracy"])`,
    /// `compile(optimizer: Adam(learningRate: 1e-3), loss: "sparse_categorical_crossentropy",
    /// metrics: ["accuracy", TopKAccuracy(k: 3)])`.
    ///
    /// - Parameters:
    ///   - optimizer: An optimizer or its registered name (`"adam"`).
    ///   - loss: A loss or its registered name (`"sparse_categorical_crossentropy"`).
    ///   - metrics: Metrics or their registered names, in the order they are logged.
    /// - Throws: The registry's error for a name it does not know (it lists the names it has).
    public func compile(optimizer: any OptimizerConvertible, loss: any LossConvertible,
                        metrics: [any MetricConvertible] = []) throws {
        let made = try metrics.map { try $0.makeMetric() }
        compile(optimizer: try optimizer.makeOptimizer(), loss: try loss.makeLoss(), metrics: made)
        metricNames = zip(metrics, made).map { given, metric in (given as? String) ?? type(of: metric).typeName }
    }

    /// Sets the optimizer and, for a network that is a ``/NeuronaLayers/Graph`` of several
    /// outputs, one loss per output, their weights and each output's metrics, by output name, as
    /// Keras's functional models take them:
    ///
    /// ```swift
    /// try model.compile(optimizer: "sgd",
    ///                   loss: ["out_a": "sparse_categorical_crossentropy", "out_b": "mse"],
    ///                   lossWeights: ["out_a": 1, "out_b": 0.5],
    ///                   metrics: ["out_a": ["accuracy"], "out_b": ["mae"]])
    /// ```
    ///
    /// The model minimizes the sum of each output's loss times its weight (plus the
    /// regularizers' penalties) and logs it as `loss`; each output's unweighted loss is logged as
    /// `out_a_loss`, each metric as `out_a_accuracy` (Keras's names).
    ///
    /// - Parameters:
    ///   - optimizer: An optimizer or its registered name.
    ///   - loss: One loss (or registered name) per output of the graph, by output name.
    ///   - lossWeights: The factor of each output's loss in the total; 1 for an output left out.
    ///   - metrics: Metrics (or names) per output, by output name; an output may have none.
    /// - Throws: ``TrainingError/names(what:expected:missing:unknown:)`` naming the outputs
    ///   missing a loss or the names the graph lacks; ``TrainingError/invalidArgument(_:)`` when
    ///   the network is no graph or a loss weight is negative or not finite; the registries'
    ///   errors for names they do not know.
    public func compile(optimizer: any OptimizerConvertible, loss: [String: any LossConvertible],
                        lossWeights: [String: Double] = [:], metrics: [String: [any MetricConvertible]] = [:]) throws {
        guard let graph = network as? Graph else {
            throw TrainingError.invalidArgument("compile: losses by output name need a network that is a Graph; this one is \(network.typeName): give one loss")
        }
        let outputs = graph.outputs
        func checkNames(_ given: some Collection<String>, what: String, requireAll: Bool) throws {
            let unknown = given.filter { !outputs.contains($0) }.sorted()
            let missing = requireAll ? outputs.filter { !given.contains($0) } : []
            if !unknown.isEmpty || !missing.isEmpty {
                throw TrainingError.names(what: "compile \(what)", expected: outputs, missing: missing, unknown: unknown)
            }
        }
        try checkNames(loss.keys, what: "loss", requireAll: true)
        try checkNames(lossWeights.keys, what: "lossWeights", requireAll: false)
        try checkNames(metrics.keys, what: "metrics", requireAll: false)
        for (name, weight) in lossWeights.sorted(by: { $0.key < $1.key }) where !(weight.isFinite && weight >= 0) {
            throw TrainingError.invalidArgument("compile: lossWeights[\"\(name)\"] is \(weight); loss weights must be finite and at least 0")
        }
        let made = try outputs.map { name in (name, try loss[name]!.makeLoss()) }
        let madeMetrics = try outputs.flatMap { name in
            try (metrics[name] ?? []).map { OutputMetric(output: name, metric: try $0.makeMetric()) }
        }
        self.optimizer = try optimizer.makeOptimizer()
        self.loss = nil
        self.metrics = []
        self.metricNames = []
        self.outputLosses = made.map { OutputLoss(output: $0.0, loss: $0.1, weight: lossWeights[$0.0] ?? 1) }
        self.outputMetrics = madeMetrics
    }

    /// Whether `compile` set a loss (one, or one per output).
    var isCompiled: Bool { loss != nil || !outputLosses.isEmpty }

    // MARK: Steps (the seam a subclass replaces; the built-in ones are in Model+TrainStep.swift)

    /// One batch of training (Keras's `train_step`): the forward pass, the loss, the backward
    /// pass and the update. `fit` calls it once per batch, in training mode, with the batch
    /// already checked against the model and the loss.
    ///
    /// The built-in step computes the compiled loss, calls ``applyGradients(of:to:optimizer:)``
    /// and ``updateMetrics(predictions:targets:)``, and returns `["loss": the batch's loss]`.
    /// An override does its own work with the same helpers (which do the NaN checks and the
    /// strategy's exchange) and returns whatever it wants logged: `fit` averages each value
    /// over the epoch's examples and shows it, with the compiled metrics, in the progress bar,
    /// `History` and the callbacks' logs. Under a strategy, `batch` is this process's part of
    /// the global batch (possibly empty: ``TrainingBatch/isEmpty``); values other than those
    /// ``applyGradients(of:to:optimizer:)`` returns are then this process's own.
    ///
    /// - Parameter batch: The batch's inputs and targets.
    /// - Returns: The values to log for this batch (`"loss"` first in the printed line).
    /// - Throws: Whatever stops training; ``TrainingError/nonFinite(epoch:batch:what:)`` from
    ///   ``applyGradients(of:to:optimizer:)`` is handled by `fit` as its NaN checks ask.
    open func trainStep(_ batch: TrainingBatch) throws -> [String: Double] {
        try builtInTrainStep(batch)
    }

    /// One batch of evaluation (Keras's `test_step`), called by `evaluate` and by `fit`'s
    /// validation in inference mode without recording a graph: the built-in step computes the
    /// compiled loss, updates the metrics and returns `["loss": the batch's loss]`.
    ///
    /// - Parameter batch: The batch's inputs and targets.
    /// - Returns: The values to log for this batch, averaged over the examples by `evaluate`.
    /// - Throws: Whatever stops the evaluation.
    open func testStep(_ batch: TrainingBatch) throws -> [String: Double] {
        try builtInTestStep(batch)
    }

    /// One batch of prediction (Keras's `predict_step`): the network's outputs for `x`,
    /// called by `predict` in inference mode without recording a graph.
    ///
    /// - Parameter x: A batch of inputs.
    /// - Returns: The outputs, one row per example.
    /// - Throws: Whatever stops the prediction.
    open func predictStep(_ x: Tensor) throws -> Tensor {
        network(Variable(x)).value
    }

    /// One batch of prediction for a network of named inputs (a ``/NeuronaLayers/Graph``):
    /// every output by name, called by ``predict(x:batchSize:)`` in inference mode without
    /// recording a graph.
    ///
    /// - Parameter inputs: A batch of each input, by name.
    /// - Returns: Each output's values, by name.
    /// - Throws: Whatever stops the prediction.
    open func predictStep(_ inputs: [String: Tensor]) throws -> [String: Tensor] {
        try namedGraph(what: "predict").outputValues(inputs.mapValues { Variable($0) }).mapValues(\.value)
    }

    // MARK: Checks

    /// Throws unless `x` and `y` fit this model: at least one example, as many targets as
    /// inputs, inputs of a floating dtype and the built shape (building an unbuilt network for
    /// them, as Keras does), targets the loss takes (``Loss/validateTargets(_:predictionShape:)``).
    func checkData(_ x: Tensor, _ y: Tensor, what: String) throws {
        guard x.rank >= 1, y.rank >= 1, x.shape[0] == y.shape[0] else {
            throw TrainingError.countMismatch(inputs: x.shape.first ?? 0, targets: y.shape.first ?? 0, what: what)
        }
        guard x.shape[0] > 0 else { throw TrainingError.noExamples(what: "\(what) inputs x", shape: x.shape) }
        try checkInputs(x, what: what)
        try checkTargets(y, examples: x.shape[0], what: what)
    }

    /// `x` as the network reads it: floating-point inputs as they are, integer or boolean ones
    /// (an `Embedding`'s ids, as Keras takes them) as float32, which holds every integer up to
    /// 2²⁴ exactly. Keras casts its inputs to the layers' dtype the same way.
    /// - Throws: ``TrainingError/dtype(what:expected:got:)`` for an integer beyond 2²⁴, which
    ///   float32 would round to another id.
    func floatingInputs(_ x: Tensor, what: String) throws -> Tensor {
        if x.dtype.isFloatingPoint || x.rank == 0 { return x }
        if x.dtype == .int64, x.count > 0 {
            let largest = x.abs().max().item
            guard largest <= Double(1 << 24) else {
                throw TrainingError.dtype(what: "\(what) inputs", expected: "float32 or float64, or integers up to 2²⁴ = 16777216 (float32 holds them exactly)",
                                          got: "int64 with a value of magnitude \(Int64(largest))")
            }
        }
        return x.converted(to: .float32)
    }

    /// Throws unless `x` is a batch of floating-point examples of the network's input shape
    /// whose values the layers reading it take (``Layer/checkValues(ofBatch:)``: an
    /// `Embedding`'s ids); an unbuilt network is built for them first (its seed draws the same
    /// weights as an eager build).
    func checkInputs(_ x: Tensor, what: String) throws {
        if let graph = network as? Graph, graph.inputs.count != 1 {
            throw TrainingError.multipleInputs(names: graph.inputs.map(\.name), what: what)
        }
        if let graph = network as? Graph, graph.outputs.count != 1 {
            throw TrainingError.multipleOutputs(names: graph.outputs, what: what)
        }
        guard x.rank >= 1, x.dtype.isFloatingPoint else {
            // Arrays come through floatingInputs; a data set's batches must be floating already.
            let expected = x.rank >= 1 ? "float32 or float64 (integer ids, as an Embedding reads them: give the data set's inputs as x.converted(to: .float32))"
                                       : "float32 or float64"
            throw TrainingError.dtype(what: "\(what) inputs", expected: expected, got: x.rank >= 1 ? "\(x.dtype)" : "a scalar")
        }
        try network.buildIfNeeded(batchShape: x.shape)
        if let expected = network.inputShape, !x.shape.dropFirst().elementsEqual(expected) {
            throw TrainingError.inputShape(expected: expected, got: x.shape, what: what)
        }
        try network.checkValues(ofBatch: x)   // an Embedding's ids in range
    }

    /// Throws unless the loss takes `y` as targets for `examples` predictions. `exampleIndices`
    /// maps an example of `y` to its index in the data set: example `i` of `y` is element
    /// `firstExample + i` of `indices` (a shuffled batch's order; read only for an error).
    func checkTargets(_ y: Tensor, examples: Int, what: String,
                      exampleIndices: (indices: Tensor, firstExample: Int)? = nil) throws {
        guard let loss, let outputShape = network.outputShape else { return }
        do {
            try loss.validateTargets(y, predictionShape: [examples] + outputShape)
        } catch LossError.invalidTargets(let name, let shape, let example, let message) {
            let index = example.map { example in
                exampleIndices.map { Int($0.indices[$0.firstExample + example].item) } ?? example
            }
            throw TrainingError.invalidTargets(
                what: "\(what) targets y", reason: .invalidTargets(loss: name, shape: shape, example: index, message: message))
        }
    }
}

import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaLosses

/// Keras's functional models in `fit`, `evaluate` and `predict`: a network that is a
/// ``/NeuronaLayers/Graph`` takes its inputs by name, and its targets come by output name, one
/// loss per output (``Model/compile(optimizer:loss:lossWeights:metrics:)``). Every batch goes
/// through the same seam as one tensor's (``Model/trainStep(_:)``, ``Model/testStep(_:)``),
/// with ``TrainingBatch/inputs`` and ``TrainingBatch/targets`` filled.
extension Model {
    /// Trains on inputs and targets by name (Keras's `fit({"a": xa, "b": xb}, {"out_a": ya,
    /// "out_b": yb})`): the network is a ``/NeuronaLayers/Graph``, `x` holds each of its inputs,
    /// `y` each output that has a loss. The losses, weights and metrics are those of
    /// ``compile(optimizer:loss:lossWeights:metrics:)`` (or one loss for a graph of one output);
    /// logs name them as Keras does (`loss`, `out_a_loss`, `out_a_accuracy`, `val_out_a_loss`).
    ///
    /// Data-parallel training (`strategy:`) takes models of one input tensor only.
    ///
    /// - Parameters:
    ///   - x: Each input of the graph by name, examples along the first axis, as many in each.
    ///   - y: Each output's targets by name.
    ///   - epochs: Train until this epoch (epochs `initialEpoch + 1 ... epochs`).
    ///   - batchSize: Examples per update.
    ///   - shuffle: Whether each epoch draws a new order from the model's generator.
    ///   - validationSplit: This fraction of the examples, taken from the end, is held out.
    ///   - validationData: Held-out inputs and targets by name, evaluated after each epoch.
    ///   - callbacks: Hooks called during training.
    ///   - verbose: How much to print.
    ///   - initialEpoch: The epoch to resume after.
    ///   - stopOnNonFinite: Throw at the first NaN or infinite loss or gradient, before its update.
    ///   - sampleWeight: One weight per example, applied to every output's loss (as Keras does).
    ///   - validationSampleWeight: One weight per example of `validationData`.
    /// - Throws: ``TrainingError/names(what:expected:missing:unknown:)`` naming the inputs or
    ///   outputs missing or unknown; ``TrainingError`` for counts, shapes, dtypes, targets or
    ///   weights that do not fit, before training.
    @discardableResult
    public func fit(x: [String: Tensor], y: [String: Tensor], epochs: Int = 1, batchSize: Int = 32, shuffle: Bool = true,
                    validationSplit: Double = 0, validationData: (x: [String: Tensor], y: [String: Tensor])? = nil,
                    callbacks: [Callback] = [], verbose: Verbosity = .progressBar, initialEpoch: Int = 0,
                    stopOnNonFinite: Bool = false, sampleWeight: Tensor? = nil,
                    validationSampleWeight: Tensor? = nil) throws -> History {
        guard isCompiled, let optimizer else { throw TrainingError.notCompiled(operation: "fit") }
        try optimizer.validate()
        guard batchSize > 0 else { throw TrainingError.invalidArgument("fit: batchSize must be positive, got \(batchSize)") }
        guard validationSplit >= 0 && validationSplit < 1 else {
            throw TrainingError.invalidArgument("fit: validationSplit must be in [0, 1), got \(validationSplit)")
        }
        let n = try checkNamedData(x, y, what: "fit")
        var weights = try sampleWeight.map { try checkedSampleWeight($0, examples: n, what: "fit sampleWeight") }
        var trainX = x, trainY = y
        var validation = validationData
        var validationWeights: Tensor?
        if let validation {
            let held = try checkNamedData(validation.x, validation.y, what: "validation data")
            validationWeights = try validationSampleWeight.map { try checkedSampleWeight($0, examples: held, what: "fit validationSampleWeight") }
        } else if validationSampleWeight != nil {
            throw TrainingError.invalidArgument("fit: validationSampleWeight without validationData; give both (Keras's validation_data=(x, y, sample_weight))")
        } else if validationSplit > 0 {
            let held = Int((Double(n) * validationSplit).rounded(.down))
            guard held > 0 && held < n else {
                throw TrainingError.invalidArgument("fit: validationSplit \(validationSplit) of \(n) examples leaves an empty part")
            }
            func part(_ tensor: Tensor, _ range: Range<Int>) -> Tensor { tensor.slice(axis: 0, start: range.lowerBound, end: range.upperBound) }
            trainX = x.mapValues { part($0, 0..<n - held) }
            trainY = y.mapValues { part($0, 0..<n - held) }
            validation = (x.mapValues { part($0, n - held..<n) }, y.mapValues { part($0, n - held..<n) })
            validationWeights = weights.map { part($0, n - held..<n) }
            weights = weights.map { part($0, 0..<n - held) }
        }
        let examples = trainX.values.first!.shape[0]
        let validate = validation.map { validation in
            { [unowned self] (batchSize: Int) in
                try evaluate(x: validation.x, y: validation.y, batchSize: batchSize, sampleWeight: validationWeights)
            }
        }
        let batchCount = (examples + batchSize - 1) / batchSize
        return try trainEpochs(batchCount: batchCount, batchSize: batchSize, epochs: epochs, validate: validate,
                               callbacks: callbacks, verbose: verbose, initialEpoch: initialEpoch,
                               stopOnNonFinite: stopOnNonFinite, strategy: nil) {
            // The order comes from the model's generator, as a shuffled DataLoader's does.
            let order = shuffle ? Tensor.permutation(examples, using: &generator) : Tensor.arange(examples, dtype: .int64)
            var position = 0
            return {
                guard position < examples else { return nil }
                let indices = order.slice(axis: 0, start: position, end: Swift.min(position + batchSize, examples))
                position += batchSize
                return TrainingBatch(inputs: trainX.mapValues { $0.indexSelect(indices) }, targets: trainY.mapValues { $0.indexSelect(indices) },
                                     sampleWeight: weights.map { $0.indexSelect(indices) })
            }
        }
    }

    /// The loss and metrics on inputs and targets by name (Keras's `evaluate` of a functional
    /// model): `loss` (the weighted sum of the outputs' losses), each output's `out_a_loss` and
    /// each output metric's `out_a_accuracy`, in batches, without recording a graph.
    ///
    /// - Parameters:
    ///   - x: Each input of the graph by name.
    ///   - y: Each output's targets by name.
    ///   - batchSize: Examples per forward pass (positive).
    ///   - sampleWeight: One weight per example, applied to every output's loss.
    /// - Throws: ``TrainingError`` naming the inputs or outputs that do not fit.
    public func evaluate(x: [String: Tensor], y: [String: Tensor], batchSize: Int = 32,
                         sampleWeight: Tensor? = nil) throws -> EvaluationResult {
        guard isCompiled else { throw TrainingError.notCompiled(operation: "evaluate") }
        guard batchSize > 0 else { throw TrainingError.invalidArgument("evaluate: batchSize must be positive, got \(batchSize)") }
        let n = try checkNamedData(x, y, what: "evaluate")
        let weights = try sampleWeight.map { try checkedSampleWeight($0, examples: n, what: "evaluate sampleWeight") }
        return try evaluateBatches(examples: n, batchSize: batchSize) { start, end in
            func part(_ tensor: Tensor) -> Tensor { tensor.slice(axis: 0, start: start, end: end) }
            return TrainingBatch(inputs: x.mapValues(part), targets: y.mapValues(part), sampleWeight: weights.map(part))
        }
    }

    /// Every output for inputs by name (Keras's `predict` of a functional model), in batches,
    /// in inference mode, without recording a graph.
    ///
    /// - Parameters:
    ///   - x: Each input of the graph by name.
    ///   - batchSize: Examples per forward pass (positive).
    /// - Returns: Each output's values by name, one row per example.
    /// - Throws: ``TrainingError`` naming the inputs that are missing, unknown or do not fit.
    public func predict(x: [String: Tensor], batchSize: Int = 256) throws -> [String: Tensor] {
        guard batchSize > 0 else { throw TrainingError.invalidArgument("predict: batchSize must be positive, got \(batchSize)") }
        let n = try checkNamedInputs(x, what: "predict")
        let graph = try namedGraph(what: "predict")
        if n == 0 {
            let dtype = parameters.first?.variable.dtype ?? .float32
            return graph.outputShapes.mapValues { Tensor.zeros([0] + $0, dtype: dtype) }
        }
        let wasTraining = network.isTraining
        network.isTraining = false
        defer { network.isTraining = wasTraining }
        return try withNoGrad {
            var parts: [[String: Tensor]] = []
            var start = 0
            while start < n {
                let end = Swift.min(start + batchSize, n)
                parts.append(try predictStep(x.mapValues { $0.slice(axis: 0, start: start, end: end) }))
                start = end
            }
            return parts.count == 1 ? parts[0] : parts[0].keys.reduce(into: [:]) { result, name in
                result[name] = Tensor.concatenate(parts.map { $0[name]! }, axis: 0)
            }
        }
    }

    // MARK: Steps

    /// Whether `batch` holds named inputs (the built-in steps then compute one loss per output).
    func usesNamedData(_ batch: TrainingBatch) -> Bool { !batch.inputs.isEmpty }

    /// The losses the built-in steps compute for named data: the compiled ones per output, or
    /// the one compiled loss for a graph of one output (logged as `loss` alone, as Keras does).
    func lossesByOutput(what: String) throws -> (losses: [OutputLoss], logsEach: Bool) {
        if !outputLosses.isEmpty { return (outputLosses, true) }
        guard let loss, let graph = network as? Graph else { throw TrainingError.notCompiled(operation: what) }
        guard graph.outputs.count == 1 else { throw TrainingError.multipleOutputs(names: graph.outputs, what: what) }
        return ([OutputLoss(output: graph.output, loss: loss, weight: 1)], false)
    }

    /// The built-in training step for named data: the forward pass to every output, the sum of
    /// the outputs' weighted losses plus the regularizers' penalties, the update, the metrics.
    func builtInNamedTrainStep(_ batch: TrainingBatch) throws -> [String: Double] {
        let (losses, logsEach) = try lossesByOutput(what: "fit")
        let graph = try namedGraph(what: "fit")
        let outputs = batch.isEmpty ? nil : graph.outputValues(batch.inputs.mapValues { Variable($0) })
        var logs: [String: Double] = [:]
        let total = try applyGradients(of: outputs.map { outputs in
            let (total, each) = outputLoss(outputs, batch, losses)
            if logsEach { logs = each }
            return total
        })
        if let outputs { updateOutputMetrics(outputs, batch.targets) }
        logs["loss"] = total
        return logs
    }

    /// The built-in evaluation step for named data: the losses and metrics of ``builtInNamedTrainStep(_:)``.
    func builtInNamedTestStep(_ batch: TrainingBatch) throws -> [String: Double] {
        let (losses, logsEach) = try lossesByOutput(what: "evaluate")
        let outputs = try namedGraph(what: "evaluate").outputValues(batch.inputs.mapValues { Variable($0) })
        let (total, each) = outputLoss(outputs, batch, losses)
        updateOutputMetrics(outputs, batch.targets)
        return (logsEach ? each : [:]).merging(["loss": total.value.item]) { _, total in total }
    }

    /// The total loss (Keras's `CompileLoss`: each output's loss times its weight, summed, plus
    /// the regularizers' penalties) and each output's unweighted loss by its log name.
    private func outputLoss(_ outputs: [String: Variable], _ batch: TrainingBatch,
                            _ losses: [OutputLoss]) -> (total: Variable, each: [String: Double]) {
        var total: Variable?
        var each: [String: Double] = [:]
        for output in losses {
            let predictions = outputs[output.output]!, targets = batch.targets[output.output]!
            let value = batch.sampleWeight.map { output.loss(predictions, targets, sampleWeight: $0) } ?? output.loss(predictions, targets)
            each[output.logName] = value.value.item
            let weighted = output.weight == 1 ? value : value * output.weight
            total = total.map { $0 + weighted } ?? weighted
        }
        let sum = total!
        return (network.regularizationLoss().map { sum + $0 } ?? sum, each)
    }

    /// Feeds each output's metrics (and, for a graph of one output compiled with one loss, the
    /// model's metrics) that output's predictions and targets.
    private func updateOutputMetrics(_ outputs: [String: Variable], _ targets: [String: Tensor]) {
        for output in outputMetrics {
            output.metric.update(predictions: outputs[output.output]!.value, targets: targets[output.output]!)
        }
        if let graph = network as? Graph, graph.outputs.count == 1, let predictions = outputs[graph.output],
           let y = targets[graph.output] {
            for metric in metrics { metric.update(predictions: predictions.value, targets: y) }
        }
    }

    // MARK: Checks

    /// The network as the ``/NeuronaLayers/Graph`` that named inputs need.
    func namedGraph(what: String) throws -> Graph {
        guard let graph = network as? Graph else {
            throw TrainingError.invalidArgument("\(what): inputs by name need a network that is a Graph; this one is \(network.typeName): give one tensor")
        }
        return graph
    }

    /// Throws unless `x` holds each input of the network (a ``/NeuronaLayers/Graph``) by name and
    /// nothing else, as many examples in each, of a floating dtype and the graph's shapes (an
    /// unbuilt graph is built for them). Returns the number of examples.
    func checkNamedInputs(_ x: [String: Tensor], what: String) throws -> Int {
        let graph = try namedGraph(what: what)
        let expected = graph.inputs.map(\.name)
        let missing = expected.filter { x[$0] == nil }, unknown = x.keys.filter { !expected.contains($0) }.sorted()
        guard missing.isEmpty && unknown.isEmpty else {
            throw TrainingError.names(what: "\(what) inputs x", expected: expected, missing: missing, unknown: unknown)
        }
        let n = x[expected[0]]!.shape.first ?? 0
        for name in expected {
            let tensor = x[name]!
            guard tensor.rank >= 1, tensor.dtype.isFloatingPoint else {
                throw TrainingError.dtype(what: "\(what) inputs x[\"\(name)\"]", expected: "float32 or float64",
                                          got: tensor.rank >= 1 ? "\(tensor.dtype)" : "a scalar")
            }
            guard tensor.shape[0] == n else {
                throw TrainingError.invalidArgument("\(what): inputs x[\"\(expected[0])\"] hold \(n) examples but x[\"\(name)\"] \(tensor.shape[0])")
            }
        }
        try graph.build(batchShapes: x.mapValues(\.shape))
        for input in graph.inputs where !x[input.name]!.shape.dropFirst().elementsEqual(input.shape ?? []) {
            throw TrainingError.inputShape(expected: input.shape ?? [], got: x[input.name]!.shape, what: "\(what) inputs x[\"\(input.name)\"]")
        }
        return n
    }

    /// Throws unless `x` fits the graph (``checkNamedInputs(_:what:)``), with at least one
    /// example, and `y` holds the targets of each output with a loss, by name, that the output's
    /// loss takes. Returns the number of examples.
    func checkNamedData(_ x: [String: Tensor], _ y: [String: Tensor], what: String) throws -> Int {
        let n = try checkNamedInputs(x, what: what)
        guard n > 0 else { throw TrainingError.noExamples(what: "\(what) inputs x", shape: [0]) }
        let graph = try namedGraph(what: what)
        let (losses, _) = try lossesByOutput(what: what)
        let expected = losses.map(\.output)
        let missing = expected.filter { y[$0] == nil }, unknown = y.keys.filter { !expected.contains($0) }.sorted()
        guard missing.isEmpty && unknown.isEmpty else {
            throw TrainingError.names(what: "\(what) targets y", expected: expected, missing: missing, unknown: unknown)
        }
        for output in losses {
            let targets = y[output.output]!
            guard targets.rank >= 1, targets.shape[0] == n else {
                throw TrainingError.countMismatch(inputs: n, targets: targets.shape.first ?? 0, what: "\(what) targets y[\"\(output.output)\"]")
            }
            do {
                try output.loss.validateTargets(targets, predictionShape: [n] + graph.outputShapes[output.output]!)
            } catch let error as LossError {
                throw TrainingError.invalidTargets(what: "\(what) targets y[\"\(output.output)\"]", reason: error)
            }
        }
        return n
    }
}

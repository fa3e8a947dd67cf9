import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaData
import NeuronaLayers
import NeuronaLosses
import NeuronaMetrics
import NeuronaOptimizers

extension Model {
    /// Trains on tensors: examples along the first axis (Keras's `fit`).
    ///
    /// - Parameters:
    ///   - x: The inputs, one example per row of the first axis.
    ///   - y: The targets, as many rows as `x` (class indices or one-hot rows, as the loss wants).
    ///   - epochs: Train until this epoch (epochs `initialEpoch + 1 ... epochs`).
    ///   - batchSize: Examples per gradient step; the last batch of an epoch may be smaller.
    ///   - shuffle: Visit the examples in a new order each epoch, drawn from the model's random
    ///     generator (so the same seed gives the same orders).
    ///   - validationSplit: This fraction of the examples, taken from the end before
    ///     shuffling, is held out for validation (as Keras does).
    ///   - validationData: Held-out data to evaluate after each epoch (instead of a split).
    ///   - callbacks: Each called, in the array's order, at the start and end of training, of each
    ///     epoch and of each batch (``Callback``).
    ///   - verbose: What to print per epoch: a Keras-style progress bar, one line, or nothing.
    ///   - initialEpoch: The epoch to resume after (`completedEpochs` of a loaded checkpoint).
    ///   - stopOnNonFinite: Check each batch's loss and gradients before the update and throw
    ///     ``TrainingError/nonFinite(epoch:batch:what:)`` at the first NaN or infinity, leaving
    ///     the last finite weights (see also ``TerminateOnNaN``).
    ///   - strategy: Trains on several processes at once (NeuronaDistributed's `DataParallel`):
    ///     `batchSize` is then the global batch, split across the processes.
    ///   - sampleWeight: One weight per example of `x` (Keras's `sample_weight`): each example's
    ///     loss is multiplied by it, and the batch's sum divided by the batch's size; the
    ///     compiled metrics stay unweighted, as Keras's `metrics=` are. A validation split takes
    ///     its share of the weights too.
    ///   - classWeight: A weight per class index (Keras's `class_weight`), for examples of that
    ///     class; a class left out weighs 1. Not with `sampleWeight`; not for validation.
    ///   - validationSampleWeight: One weight per example of `validationData` (the third element
    ///     of Keras's `validation_data=(x, y, sample_weight)`).
    /// - Returns: The ``History``: each epoch's loss and metrics (and their validation twins).
    /// - Throws: ``TrainingError`` before training when the data do not fit the model (an
    ///   unbuilt network is built for `x` first) or the weights cannot weigh them
    ///   (``TrainingError/invalidWeights(what:problem:)``), ``/NeuronaLayers/LayerError`` when the network
    ///   cannot be built for them.
    @discardableResult
    public func fit(x: Tensor, y: Tensor, epochs: Int = 1, batchSize: Int = 32, shuffle: Bool = true,
                    validationSplit: Double = 0, validationData: (x: Tensor, y: Tensor)? = nil,
                    callbacks: [Callback] = [], verbose: Verbosity = .progressBar,
                    initialEpoch: Int = 0, stopOnNonFinite: Bool = false,
                    strategy: (any TrainingStrategy)? = nil, sampleWeight: Tensor? = nil,
                    classWeight: [Int: Double]? = nil, validationSampleWeight: Tensor? = nil) throws -> History {
        try reportingFailure(to: strategy) {
            try fitArrays(x: try floatingInputs(x, what: "fit"), y: y, epochs: epochs, batchSize: batchSize, shuffle: shuffle, validationSplit: validationSplit,
                          validationData: validationData, callbacks: callbacks, verbose: verbose, initialEpoch: initialEpoch,
                          stopOnNonFinite: stopOnNonFinite, strategy: strategy, sampleWeight: sampleWeight,
                          classWeight: classWeight, validationSampleWeight: validationSampleWeight)
        }
    }

    private func fitArrays(x: Tensor, y: Tensor, epochs: Int, batchSize: Int, shuffle: Bool, validationSplit: Double,
                           validationData: (x: Tensor, y: Tensor)?, callbacks: [Callback], verbose: Verbosity,
                           initialEpoch: Int, stopOnNonFinite: Bool, strategy: (any TrainingStrategy)?,
                           sampleWeight: Tensor?, classWeight: [Int: Double]?, validationSampleWeight: Tensor?) throws -> History {
        guard isCompiled, optimizer != nil else { throw TrainingError.notCompiled(operation: "fit") }
        guard batchSize > 0 else { throw TrainingError.invalidArgument("fit: batchSize must be positive, got \(batchSize)") }
        guard validationSplit >= 0 && validationSplit < 1 else {
            throw TrainingError.invalidArgument("fit: validationSplit must be in [0, 1), got \(validationSplit)")
        }
        try checkData(x, y, what: "fit")
        var weights = try sampleWeight.map { try checkedSampleWeight($0, examples: x.shape[0], what: "fit sampleWeight") }
        if classWeight != nil && sampleWeight != nil {
            throw TrainingError.invalidWeights(what: "fit classWeight", problem: .bothGiven)
        }
        try classWeight.map { try checkClassWeight($0, what: "fit classWeight") }
        var trainX = x, trainY = y
        var validation = try validationData.map { (x: try floatingInputs($0.x, what: "validation data"), y: $0.y) }
        var validationWeights: Tensor?
        if let validation {
            try checkData(validation.x, validation.y, what: "validation data")
            validationWeights = try validationSampleWeight.map {
                try checkedSampleWeight($0, examples: validation.x.shape[0], what: "fit validationSampleWeight")
            }
        } else if validationSampleWeight != nil {
            throw TrainingError.invalidArgument("fit: validationSampleWeight without validationData; give both (Keras's validation_data=(x, y, sample_weight))")
        }
        if validationSplit > 0 && validation == nil {
            let n = x.shape[0]
            let held = Int((Double(n) * validationSplit).rounded(.down))
            guard held > 0 && held < n else {
                throw TrainingError.invalidArgument("fit: validationSplit \(validationSplit) of \(n) examples leaves an empty part")
            }
            trainX = x.slice(axis: 0, start: 0, end: n - held)
            trainY = y.slice(axis: 0, start: 0, end: n - held)
            validation = (x.slice(axis: 0, start: n - held, end: n), y.slice(axis: 0, start: n - held, end: n))
            validationWeights = weights?.slice(axis: 0, start: n - held, end: n)
            weights = weights?.slice(axis: 0, start: 0, end: n - held)
        }
        let dataset = try TensorDataset(inputs: trainX, targets: trainY, name: "fit")
        var loader = try DataLoader(dataset, batchSize: batchSize, shuffle: shuffle)
        loader.generator = generator
        defer { generator = loader.generator }
        return try fitLoader(&loader, epochs: epochs, validationData: validation, callbacks: callbacks,
                             verbose: verbose, initialEpoch: initialEpoch, stopOnNonFinite: stopOnNonFinite,
                             strategy: strategy, sampleWeight: weights, classWeight: classWeight,
                             validationSampleWeight: validationWeights)
    }

    /// Trains on the batches of a `DataLoader` (its generator drives the shuffling).
    ///
    /// Each batch is checked before its forward pass (inputs of a floating dtype and the built
    /// shape, targets the loss takes; errors name the example's index in the data set); an
    /// unbuilt network is built from the first batch. Each batch is then trained by
    /// ``trainStep(_:)`` (through the strategy, if one is given), whose logs are averaged over
    /// the epoch and passed to the callbacks.
    ///
    /// - Parameters:
    ///   - loader: The batches; its generator advances with each shuffled epoch.
    ///   - epochs: Train until this epoch (epochs `initialEpoch + 1 ... epochs`).
    ///   - validationData: Held-out data to evaluate after each epoch.
    ///   - callbacks: Hooks called during training.
    ///   - verbose: How much to print.
    ///   - initialEpoch: The epoch to resume after.
    ///   - stopOnNonFinite: Throw ``TrainingError/nonFinite(epoch:batch:what:)`` at the first
    ///     NaN or infinite loss or gradient, before its update.
    ///   - strategy: Trains on several processes at once (see ``TrainingStrategy``): each
    ///     process takes its shard of every batch of the shared order.
    ///   - classWeight: A weight per class index (Keras's `class_weight`), applied to each
    ///     batch's examples by their targets' class; a class left out weighs 1.
    /// - Throws: ``TrainingError`` when the data do not fit (no examples, a bad batch) or
    ///   `classWeight` names a class the model does not predict.
    @discardableResult
    public func fit(_ loader: inout DataLoader, epochs: Int = 1, validationData: (x: Tensor, y: Tensor)? = nil,
                    callbacks: [Callback] = [], verbose: Verbosity = .progressBar,
                    initialEpoch: Int = 0, stopOnNonFinite: Bool = false,
                    strategy: (any TrainingStrategy)? = nil, classWeight: [Int: Double]? = nil) throws -> History {
        try reportingFailure(to: strategy) {
            try fitLoader(&loader, epochs: epochs, validationData: validationData, callbacks: callbacks, verbose: verbose,
                          initialEpoch: initialEpoch, stopOnNonFinite: stopOnNonFinite, strategy: strategy,
                          sampleWeight: nil, classWeight: classWeight, validationSampleWeight: nil)
        }
    }

    /// Runs `body`; an error it throws under `strategy` reaches the strategy first
    /// (``TrainingStrategy/trainingFailed(_:)``): the other processes cannot know of it.
    func reportingFailure(to strategy: (any TrainingStrategy)?, _ body: () throws -> History) throws -> History {
        do {
            return try body()
        } catch {
            strategy?.trainingFailed(error)
            throw error
        }
    }

    /// `fit` on a loader: `sampleWeight` holds one checked weight per example of the loader's
    /// data set (the arrays' `fit`), gathered with each batch's indices.
    private func fitLoader(_ loader: inout DataLoader, epochs: Int, validationData: (x: Tensor, y: Tensor)?,
                           callbacks: [Callback], verbose: Verbosity, initialEpoch: Int, stopOnNonFinite: Bool,
                           strategy: (any TrainingStrategy)?, sampleWeight: Tensor?, classWeight: [Int: Double]?,
                           validationSampleWeight: Tensor?) throws -> History {
        guard isCompiled, let optimizer else { throw TrainingError.notCompiled(operation: "fit") }
        try optimizer.validate()
        guard loader.dataset.count > 0 else { throw TrainingError.noExamples(what: "fit data set", shape: [0]) }
        let validationData = try validationData.map { (x: try floatingInputs($0.x, what: "validation data"), y: $0.y) }
        if let validation = validationData { try checkData(validation.x, validation.y, what: "validation data") }
        var plan: LocalEpochPlan?
        if let strategy {
            try checkInputs(loader.dataset.batch(Tensor([Int64(0)], shape: [1])).inputs, what: "fit")
            try strategy.checkAgreement(trainingFacts(loader))
            plan = strategy.localEpochPlan
            try strategy.beginTraining(model: self, generator: &loader.generator)
        }
        if let classWeight {
            try checkInputs(loader.dataset.batch(Tensor([Int64(0)], shape: [1])).inputs, what: "fit")   // builds, for the class count
            try checkClassWeight(classWeight, what: "fit classWeight")
        }
        let validate = validationData.map { validation in
            { [unowned self] (batchSize: Int) in
                try evaluate(x: validation.x, y: validation.y, batchSize: batchSize, sampleWeight: validationSampleWeight)
            }
        }
        return try trainEpochs(batchCount: plan?.stepCount ?? loader.batchCount, batchSize: loader.batchSize, epochs: epochs,
                               validate: validate, callbacks: callbacks, verbose: verbose, initialEpoch: initialEpoch,
                               stopOnNonFinite: stopOnNonFinite, strategy: strategy) {
            // Sharded data: this process's own order and batches, as the strategy planned them.
            var batches = plan.map { loader.epoch(order: $0.order(shuffle: loader.shuffle, using: &loader.generator), batchSize: $0.batchSize) }
                ?? loader.epoch()
            var step = 0
            return {
                guard let (x, y) = batches.next() else { return nil }
                step += 1
                try self.checkInputs(x, what: "fit")
                try self.checkTargets(y, examples: x.shape[0], what: "fit", exampleIndices: (batches.batchIndices, firstExample: 0))
                let dtype = self.lossDType(x)
                let weights = sampleWeight.map { $0.indexSelect(batches.batchIndices) }
                    ?? classWeight.map { SampleWeights.fromClasses($0, targets: y, dtype: dtype) }
                return TrainingBatch(x: x, y: y, sampleWeight: weights, globalExamples: plan?.globalBatchExamples[step - 1])
            }
        }
    }

    /// `fit`'s loop over epochs and batches, the same for a loader and for named inputs:
    /// `nextEpoch` starts an epoch and returns its batches (checked), one per call, then nil;
    /// `validate` evaluates the held-out data after each epoch, with the training's batch size.
    func trainEpochs(batchCount: Int, batchSize: Int, epochs: Int, validate: ((Int) throws -> EvaluationResult)?,
                     callbacks: [Callback], verbose: Verbosity, initialEpoch: Int, stopOnNonFinite: Bool,
                     strategy: (any TrainingStrategy)?,
                     nextEpoch: () -> () throws -> TrainingBatch?) throws -> History {
        let callbacks = self.callbacks(callbacks, for: strategy)
        let verbose = strategy?.isPrimary == false ? .silent : verbose
        let guards = callbacks.compactMap { $0 as? any NonFiniteGuard }
        let session = TrainingSession(checksFiniteness: stopOnNonFinite || !guards.isEmpty, strategy: strategy)
        if network.isBuilt { session.parameters = parameters }
        self.session = session
        var history = History()
        var lastLogs: [String: Double] = [:]
        stopTraining = false
        // Subnormal floats (Adam's decaying moments) are many times slower; flush them.
        let flushed = FloatingPointEnvironment.flushesDenormalsToZero
        FloatingPointEnvironment.setFlushDenormalsToZero(true)
        defer {
            FloatingPointEnvironment.setFlushDenormalsToZero(flushed)
            network.isTraining = false
            self.session = nil
        }
        for callback in callbacks { callback.attach(self) }
        for callback in callbacks { try callback.onTrainBegin(logs: [:]) }
        var epoch = initialEpoch
        while epoch < epochs && !stopTraining {
            epoch += 1
            session.epoch = epoch
            for callback in callbacks { try callback.onEpochBegin(epoch, logs: [:]) }
            if verbose == .progressBar { print("Epoch \(epoch)/\(epochs)") }
            network.isTraining = true
            resetMetrics()
            session.epochOutputs = []
            var bar = ProgressBar(total: batchCount, interactive: verbose == .progressBar && isatty(STDOUT_FILENO) != 0)
            var averages = StepLogAverages()
            var batchIndex = 0
            let start = DispatchTime.now().uptimeNanoseconds
            let nextBatch = nextEpoch()
            while let batch = try nextBatch() {
                batchIndex += 1
                session.batch = batchIndex
                if session.parameters == nil { session.parameters = parameters }   // after a lazy build
                if strategy != nil { session.noTargets = batch.y.slice(axis: 0, start: 0, end: 0) }
                for callback in callbacks { try callback.onBatchBegin(batchIndex, logs: [:]) }
                let logs: [String: Double]
                do {
                    logs = try runTrainStep(batch)
                } catch TrainingError.nonFinite(let epoch, let batch, let what) where !stopOnNonFinite && !guards.isEmpty {
                    for g in guards { try g.onNonFinite(epoch: epoch, batch: batch, what: what) }
                    stopTraining = true
                    break
                }
                averages.add(logs, examples: batch.globalExamples)
                if verbose == .progressBar || !callbacks.isEmpty {
                    bar.update(step: batchIndex, values: currentLogs(averages))
                    for callback in callbacks { try callback.onBatchEnd(batchIndex, logs: logs) }
                    if stopTraining { break }
                }
            }
            network.isTraining = false
            if let strategy {
                try strategy.endEpoch(model: self)
                try updateMetricsOverReplicas(session.epochOutputs, noTargets: session.noTargets, strategy: strategy)
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            var logs = currentLogs(averages)
            if let validate {
                let scores = try validate(batchSize)
                for name in scores.names { logs.append(("val_" + name, scores[name]!)) }
            }
            switch verbose {
            case .progressBar: bar.finish(values: logs)
            case .oneLine: print("Epoch \(epoch)/\(epochs) - \(Int(seconds.rounded()))s" + logs.map { " - \($0.0): " + String(format: "%.4f", $0.1) }.joined())
            case .silent: break
            }
            let dictionary = Dictionary(logs, uniquingKeysWith: { a, _ in a }).merging(["seconds": seconds]) { a, _ in a }
            history.append(epoch: epoch, logs: dictionary)
            lastLogs = dictionary
            completedEpochs = epoch
            for callback in callbacks { try callback.onEpochEnd(epoch, logs: dictionary) }
        }
        for callback in callbacks { try callback.onTrainEnd(logs: lastLogs) }
        return history
    }

    /// The steps' logged values averaged so far, then each metric's current result, in order.
    func currentLogs(_ averages: StepLogAverages) -> [(String, Double)] {
        averages.means + metricResults()
    }

    /// Each compiled metric's name and result: the model's metrics, then each output's.
    func metricResults() -> [(String, Double)] {
        metrics.map { ($0.name, $0.result()) } + outputMetrics.map { ($0.logName, $0.metric.result()) }
    }

    /// Forgets every compiled metric's batches (at each epoch's and evaluation's start).
    func resetMetrics() {
        for metric in metrics { metric.reset() }
        for output in outputMetrics { output.metric.reset() }
    }

    /// `weights` checked as one weight per example of `examples`, in the parameters' dtype.
    func checkedSampleWeight(_ weights: Tensor, examples: Int, what: String) throws -> Tensor {
        try SampleWeights.checked(weights, examples: examples, dtype: parameters.first?.variable.dtype ?? .float32, what: what)
    }

    /// Throws unless `classWeight` weighs classes the (built) network predicts, finitely and not negatively.
    func checkClassWeight(_ classWeight: [Int: Double], what: String) throws {
        if let graph = network as? Graph, graph.outputs.count > 1 {
            throw TrainingError.invalidWeights(what: what, problem: .classWeightWithSeveralOutputs(graph.outputs))
        }
        try SampleWeights.check(classWeight: classWeight, classCount: SampleWeights.classCount(outputShape: network.outputShape ?? []),
                                what: what)
    }

    /// The dtype of the loss for inputs `x`: the parameters' (`x`'s before the network is built).
    func lossDType(_ x: Tensor) -> DType { parameters.first?.variable.dtype ?? x.dtype }

    // MARK: Evaluate and predict

    /// The loss and metrics on `x`, `y`, in batches, without recording a graph: Keras's
    /// `evaluate`. The result has the loss, each metric by name (`result["accuracy"]`) and
    /// Keras's order (``EvaluationResult/values``); `let (loss, accuracy) = try
    /// model.evaluate(x: x, y: y).lossAnd("accuracy")` is Keras's `loss, acc = model.evaluate(x, y)`.
    ///
    /// - Parameters:
    ///   - x: Inputs, examples along the first axis.
    ///   - y: Targets, one per example.
    ///   - batchSize: Examples per forward pass (positive).
    ///   - sampleWeight: One weight per example (Keras's `sample_weight`): the loss is each
    ///     batch's weighted sum over its size; the metrics stay unweighted, as Keras's `metrics=`.
    ///   - classWeight: A weight per class index, for examples of that class (1 for a class left
    ///     out): Keras's `class_weight` of `fit`, which its `evaluate` lacks; not with `sampleWeight`.
    /// - Throws: ``TrainingError`` when the data do not fit the model or hold no examples, or
    ///   the weights cannot weigh them (``TrainingError/invalidWeights(what:problem:)``).
    public func evaluate(x: Tensor, y: Tensor, batchSize: Int = 32, sampleWeight: Tensor? = nil,
                         classWeight: [Int: Double]? = nil) throws -> EvaluationResult {
        guard isCompiled else { throw TrainingError.notCompiled(operation: "evaluate") }
        guard batchSize > 0 else { throw TrainingError.invalidArgument("evaluate: batchSize must be positive, got \(batchSize)") }
        let x = try floatingInputs(x, what: "evaluate")
        try checkData(x, y, what: "evaluate")
        var weights = try sampleWeight.map { try checkedSampleWeight($0, examples: x.shape[0], what: "evaluate sampleWeight") }
        if let classWeight {
            guard sampleWeight == nil else { throw TrainingError.invalidWeights(what: "evaluate classWeight", problem: .bothGiven) }
            try checkClassWeight(classWeight, what: "evaluate classWeight")
            weights = SampleWeights.fromClasses(classWeight, targets: y, dtype: lossDType(x))
        }
        return try evaluateBatches(examples: x.shape[0], batchSize: batchSize) { start, end in
            TrainingBatch(x: x.slice(axis: 0, start: start, end: end), y: y.slice(axis: 0, start: start, end: end),
                          sampleWeight: weights?.slice(axis: 0, start: start, end: end))
        }
    }

    /// `evaluate`'s loop, the same for tensors and for named inputs: `batch(start, end)` gives
    /// examples `start..<end`.
    func evaluateBatches(examples n: Int, batchSize: Int, batch: (Int, Int) -> TrainingBatch) throws -> EvaluationResult {
        resetMetrics()
        let wasTraining = network.isTraining
        network.isTraining = false
        // Validation inside `fit` is no training step: its outputs are not the epoch's.
        let session = self.session
        self.session = nil
        defer {
            network.isTraining = wasTraining
            self.session = session
        }
        var averages = StepLogAverages()
        try withNoGrad {
            var start = 0
            while start < n {
                let end = Swift.min(start + batchSize, n)
                averages.add(try testStep(batch(start, end)), examples: end - start)
                start = end
            }
        }
        let means = averages.means
        return EvaluationResult(loss: means.first { $0.0 == "loss" }?.1 ?? .nan,
                                metrics: (means.filter { $0.0 != "loss" } + metricResults())
                                    .map { (name: $0.0, value: $0.1) })
    }

    /// The network's outputs for `x`, in batches, in inference mode, without recording a graph.
    ///
    /// An unbuilt network is built for `x` first. Zero examples give an empty result of shape
    /// `[0] + outputShape`.
    ///
    /// - Parameters:
    ///   - x: Inputs, examples along the first axis.
    ///   - batchSize: Examples per forward pass (positive).
    /// - Throws: ``TrainingError`` when `x` does not fit the model.
    public func predict(_ x: Tensor, batchSize: Int = 256) throws -> Tensor {
        guard batchSize > 0 else { throw TrainingError.invalidArgument("predict: batchSize must be positive, got \(batchSize)") }
        let x = try floatingInputs(x, what: "predict")
        try checkInputs(x, what: "predict")
        if x.shape[0] == 0, let outputShape = network.outputShape {
            return Tensor.zeros([0] + outputShape, dtype: parameters.first?.variable.dtype ?? x.dtype)
        }
        let wasTraining = network.isTraining
        network.isTraining = false
        defer { network.isTraining = wasTraining }
        return try withNoGrad {
            var parts: [Tensor] = []
            var start = 0
            while start < x.shape[0] {
                let end = Swift.min(start + batchSize, x.shape[0])
                parts.append(try predictStep(x.slice(axis: 0, start: start, end: end)))
                start = end
            }
            return parts.count == 1 ? parts[0] : Tensor.concatenate(parts, axis: 0)
        }
    }
}

import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaLosses
import NeuronaOptimizers

/// One batch of training, evaluation or prediction: the seam a subclass replaces (Keras's
/// `train_step`, `test_step`, `predict_step`). `fit` runs the epochs, the batches and the
/// callbacks and calls ``Model/trainStep(_:)`` once per batch; whatever logs the step returns
/// are averaged over the epoch (weighted by examples), printed, kept in `History` and passed to
/// the callbacks, the built-in step's and a replaced one's alike.
///
/// ```swift
/// final class TwoLossModel: Model {
///     override func trainStep(_ batch: TrainingBatch) throws -> [String: Double] {
///         guard !batch.isEmpty else { return ["loss": try applyGradients(of: nil)] }   // see applyGradients
///         let output = network(Variable(batch.x))
///         let fit = loss!(output, batch.y)
///         let smooth = (output * output).mean() * 0.01          // a second loss
///         let total = try applyGradients(of: fit + smooth)       // backward, (all-reduce), update
///         updateMetrics(predictions: output.value, targets: batch.y)
///         return ["loss": total, "smooth": smooth.value.item]
///     }
/// }
/// ```
extension Model {
    /// The built-in training step (``Model/trainStep(_:)``): the forward pass in training
    /// mode, the loss with the regularizers' penalties (``computeLoss(_:_:loss:)``),
    /// ``applyGradients(of:to:optimizer:)`` (backward pass and update)
    /// and ``updateMetrics(predictions:targets:)``.
    func builtInTrainStep(_ batch: TrainingBatch) throws -> [String: Double] {
        if usesNamedData(batch) { return try builtInNamedTrainStep(batch) }
        guard let loss else { throw TrainingError.notCompiled(operation: "fit") }
        // A process whose part of a short last batch is empty only takes part in the exchange.
        let output = batch.isEmpty ? nil : network(Variable(batch.x))
        let batchLoss = try applyGradients(of: output.map { computeLoss($0, batch.y, loss: loss, sampleWeight: batch.sampleWeight) })
        if let output { updateMetrics(predictions: output.value, targets: batch.y) }
        return ["loss": batchLoss]
    }

    /// The loss the built-in steps minimize and report (Keras's `compute_loss`): the compiled
    /// loss of `predictions` against `targets`, plus the weight penalties of the network's
    /// regularizers (``/NeuronaLayers/Layer/regularizationLoss()``, Keras's `model.losses`).
    /// A ``trainStep(_:)`` of your own calls it to keep the regularizers.
    ///
    /// - Parameters:
    ///   - predictions: The network's outputs for the batch.
    ///   - targets: The batch's targets.
    ///   - loss: The loss; the compiled one by default.
    ///   - sampleWeight: One weight per example (``TrainingBatch/sampleWeight``), or nil: each
    ///     example's loss times its weight, summed and divided by the batch's size (Keras's
    ///     `sum_over_batch_size`).
    /// - Returns: The scalar loss, on the tape.
    public func computeLoss(_ predictions: Variable, _ targets: Tensor, loss: (any Loss)? = nil,
                            sampleWeight: Tensor? = nil) -> Variable {
        guard let loss = loss ?? self.loss else { preconditionFailed("\(TrainingError.notCompiled(operation: "computeLoss"))") }
        let value = sampleWeight.map { loss(predictions, targets, sampleWeight: $0) } ?? loss(predictions, targets)
        return network.regularizationLoss().map { value + $0 } ?? value
    }

    /// The built-in evaluation step (``Model/testStep(_:)``): the forward pass in inference
    /// mode, the compiled loss and ``updateMetrics(predictions:targets:)``.
    func builtInTestStep(_ batch: TrainingBatch) throws -> [String: Double] {
        if usesNamedData(batch) { return try builtInNamedTestStep(batch) }
        guard let loss else { throw TrainingError.notCompiled(operation: "evaluate") }
        let output = network(Variable(batch.x))
        let value = computeLoss(output, batch.y, loss: loss, sampleWeight: batch.sampleWeight).value.item
        updateMetrics(predictions: output.value, targets: batch.y)
        return ["loss": value]
    }

    /// Backpropagates `loss`, lets the strategy (if `fit` runs with one) make every replica's
    /// gradients the global batch's, checks for NaN when `fit` was asked to, and applies the
    /// update: what Keras's `optimizer.apply_gradients` does inside a `train_step`.
    ///
    /// Call it once per update from ``trainStep(_:)``, on every process, also with a `nil`
    /// loss when this process's part of the batch is empty (``TrainingBatch/isEmpty``): the
    /// strategy's exchange needs every replica. A step may call it several times, each with
    /// its own parameters and optimizer (a generator and a discriminator).
    ///
    /// - Parameters:
    ///   - loss: The scalar loss to minimize (a mean over the batch), or `nil` for an empty part.
    ///   - parameters: What to update; all the model's parameters by default.
    ///   - optimizer: The optimizer to step; the compiled one by default.
    /// - Returns: The loss's value: the whole global batch's under a strategy (this part's when
    ///   the strategy keeps the gradients for a later part of the batch; see
    ///   ``TrainingStrategy/synchronizeGradients(_:batchLoss:localExamples:globalExamples:)``).
    /// - Throws: ``TrainingError/notCompiled(operation:)`` without an optimizer;
    ///   ``TrainingError/nonFinite(epoch:batch:what:)`` before the update when `fit` checks for
    ///   NaN (``TerminateOnNaN``, `stopOnNonFinite`) and the loss or a gradient is not finite.
    @discardableResult
    public func applyGradients(of loss: Variable?, to parameters: [NamedParameter]? = nil,
                               optimizer: (any Optimizer)? = nil) throws -> Double {
        guard let optimizer = optimizer ?? self.optimizer else { throw TrainingError.notCompiled(operation: "applyGradients") }
        let parameters = parameters ?? session?.parameters ?? self.parameters
        let checksFiniteness = session?.checksFiniteness ?? false
        func nonFinite(_ what: String) -> TrainingError {
            .nonFinite(epoch: session?.epoch ?? 0, batch: session?.batch ?? 0, what: what)
        }
        var batchLoss = loss?.value.item ?? 0
        if let session, let strategy = session.strategy {
            try loss?.backward()
            guard let globalLoss = try strategy.synchronizeGradients(parameters, batchLoss: batchLoss, localExamples: session.localExamples,
                                                                     globalExamples: session.globalExamples) else {
                optimizer.zeroGrad(parameters)   // the strategy kept them: the update comes with the batch's last part
                return batchLoss
            }
            batchLoss = globalLoss
            if checksFiniteness && !batchLoss.isFinite {
                optimizer.zeroGrad(parameters)
                throw nonFinite("the loss")
            }
        } else {
            if checksFiniteness && !batchLoss.isFinite { throw nonFinite("the loss") }
            try loss?.backward()
        }
        if checksFiniteness, let name = NonFiniteCheck.firstNonFiniteGradient(parameters) {
            optimizer.zeroGrad(parameters)
            throw nonFinite("the gradient of \(name)")
        }
        optimizer.step(parameters)
        optimizer.zeroGrad(parameters)
        return batchLoss
    }

    /// Updates the compiled metrics with a batch's `predictions` and `targets` (Keras's
    /// `compute_metrics`). Under a strategy, `fit` also keeps them to compute the epoch's
    /// metrics over every replica's data.
    ///
    /// - Parameters:
    ///   - predictions: The network's outputs for the batch.
    ///   - targets: The batch's targets.
    public func updateMetrics(predictions: Tensor, targets: Tensor) {
        for metric in metrics { metric.update(predictions: predictions, targets: targets) }
        if let session, session.strategy != nil, !metrics.isEmpty { session.epochOutputs.append((predictions, targets)) }
    }

    /// Runs the training step on `batch`, through the strategy when `fit` has one (which gives
    /// the step this process's part).
    func runTrainStep(_ batch: TrainingBatch) throws -> [String: Double] {
        guard let session, let strategy = session.strategy else {
            session?.localExamples = batch.examples
            session?.globalExamples = batch.globalExamples
            return try trainStep(batch)
        }
        return try strategy.runStep(on: batch) { part in
            session.localExamples = part.examples
            session.globalExamples = part.globalExamples
            return try trainStep(part)
        }
    }
}

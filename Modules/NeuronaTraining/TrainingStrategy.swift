import NeuronaAutograd
import NeuronaCore
import NeuronaLayers

/// How `fit` spreads training over several processes (Keras's `tf.distribute` strategies,
/// PyTorch's `DistributedDataParallel`). NeuronaTraining only calls these hooks; an
/// implementation (NeuronaDistributed's `DataParallel`, over Open MPI) does the communication,
/// so this module depends on no transport.
///
/// A strategy wraps the training step, not the loop (as `strategy.run(train_step)` in Keras).
/// `fit` with a strategy, on every process:
/// 1. builds the network if needed, calls ``checkAgreement(_:)`` (every process has the same
///    data size, batch size, shapes, model and settings) and ``beginTraining(model:generator:)``
///    (every replica starts from the primary's weights, optimizer state and shuffling generator);
/// 2. hands each global batch of the shared shuffled order to ``runStep(on:_:)``, which runs
///    the model's ``Model/trainStep(_:)`` on this process's part ``shard(examples:)``; inside
///    the step, ``Model/applyGradients(of:to:optimizer:)`` calls
///    ``synchronizeGradients(_:batchLoss:localExamples:globalExamples:)`` after the backward
///    pass and before the update, which leaves every replica the gradient of the whole global
///    batch and returns its loss;
/// 3. after each epoch calls ``endEpoch(model:)`` (buffers such as batch-norm statistics made
///    equal) and ``gather(_:)`` for the metrics, so `History` shows the figures of all the data;
/// 4. prints and calls ``PrimaryOnlyCallback``s (checkpoints, CSV logs) only on the primary.
public protocol TrainingStrategy: AnyObject {
    /// Whether this process prints progress and writes files (rank 0).
    var isPrimary: Bool { get }

    /// Throws, on every process alike, when the processes' `facts` differ (data set size, batch
    /// size, shapes, model, compile settings), naming the process and the field. Called once per
    /// `fit`, with the network built, before ``beginTraining(model:generator:)``.
    func checkAgreement(_ facts: TrainingFacts) throws

    /// How this process walks its own data, when the processes hold different parts of it
    /// (sharded data); `nil` (the default) when every process holds the whole data set and
    /// takes its shard of each shared global batch. Read by `fit` after
    /// ``checkAgreement(_:)``, which may have made it from every process's example count.
    var localEpochPlan: LocalEpochPlan? { get }

    /// Makes every replica start alike: the primary's weights and buffers, optimizer state and
    /// `generator` (which draws each epoch's order) replace the others'. Called once per `fit`,
    /// with the network built.
    func beginTraining(model: Model, generator: inout RandomGenerator) throws

    /// The examples of a global batch of `examples` this process trains on: disjoint, covering
    /// `0 ..< examples` over the replicas, the same rule on every process.
    func shard(examples: Int) -> Range<Int>

    /// Runs `step` (the model's training step) for the global `batch` on this process; by
    /// default on its part ``shard(examples:)``, the step's logs returned as they are. With a
    /// ``localEpochPlan``, `batch` is already this process's own (its ``TrainingBatch/globalExamples``
    /// counts the whole step's).
    ///
    /// - Parameters:
    ///   - batch: The global batch, the same on every process (or this process's, under a plan).
    ///   - step: The training step, given this process's part.
    /// - Returns: The step's logs.
    func runStep(on batch: TrainingBatch, _ step: (TrainingBatch) throws -> [String: Double]) throws -> [String: Double]

    /// Replaces each parameter's gradient (of the mean loss over this process's
    /// `localExamples`) by the gradient of the mean loss over the whole global batch of
    /// `globalExamples`, the same on every replica. A parameter without a gradient (a process
    /// whose shard is empty) counts as zeros.
    ///
    /// A strategy that runs the step several times per global batch (``runStep(on:_:)`` on
    /// fixed-size parts, as `DataParallel`'s ordered reduction does) keeps the gradients of
    /// each part but the last and returns `nil`: the update waits for the whole batch.
    ///
    /// - Returns: The global batch's mean loss (`batchLoss` is this process's), or `nil` when
    ///   the gradients were kept for a later part of the same batch and no update is due yet.
    func synchronizeGradients(_ parameters: [NamedParameter], batchLoss: Double,
                              localExamples: Int, globalExamples: Int) throws -> Double?

    /// Every replica's `tensor` concatenated along the first axis (the epoch's predictions and
    /// targets, for the metrics).
    func gather(_ tensor: Tensor) throws -> Tensor

    /// End of an epoch's training pass, before validation and callbacks: buffers that each
    /// replica updated on its own data (batch-norm running statistics) are made equal.
    func endEpoch(model: Model) throws

    /// Called when `fit` throws on this process, before the error leaves it (a shape that does
    /// not fit this process's data, a non-finite loss of its part, a callback's error). The
    /// other processes cannot know of it and would wait in their next exchange until its
    /// timeout: `DataParallel` prints the error and ends the job on every process at once.
    func trainingFailed(_ error: Error)
}

extension TrainingStrategy {
    /// No plan: every process holds the whole data set.
    public var localEpochPlan: LocalEpochPlan? { nil }

    /// Runs `step` on this process's part ``shard(examples:)`` of `batch`.
    ///
    /// - Parameters:
    ///   - batch: The global batch, the same on every process.
    ///   - step: The training step, given this process's part.
    /// - Returns: The step's logs.
    public func runStep(on batch: TrainingBatch, _ step: (TrainingBatch) throws -> [String: Double]) throws -> [String: Double] {
        try step(batch.part(shard(examples: batch.examples)))
    }
}

/// A callback that writes files, called on the primary process only when `fit` runs with a
/// ``TrainingStrategy`` (``ModelCheckpoint``, ``CSVLogger``).
public protocol PrimaryOnlyCallback: Callback {}

extension ModelCheckpoint: PrimaryOnlyCallback {}
extension CSVLogger: PrimaryOnlyCallback {}

extension Model {
    /// The callbacks this process calls: without the file-writing ones on a non-primary replica.
    func callbacks(_ callbacks: [Callback], for strategy: (any TrainingStrategy)?) -> [Callback] {
        guard let strategy, !strategy.isPrimary else { return callbacks }
        return callbacks.filter { !($0 is any PrimaryOnlyCallback) }
    }

    /// Sets the metrics to their values over every replica's predictions of the epoch
    /// (`outputs`, this process's batches; `noTargets`, a global batch's targets without rows,
    /// for a process that trained on no example).
    func updateMetricsOverReplicas(_ outputs: [(predictions: Tensor, targets: Tensor)], noTargets: Tensor,
                                   strategy: any TrainingStrategy) throws {
        guard !metrics.isEmpty else { return }
        let predictions = outputs.isEmpty
            ? Tensor.zeros([0] + (network.outputShape ?? []), dtype: parameters.first?.variable.dtype ?? .float32)
            : Tensor.concatenate(outputs.map(\.predictions), axis: 0)
        let targets = outputs.isEmpty
            ? noTargets
            : Tensor.concatenate(outputs.map(\.targets), axis: 0)
        let allPredictions = try strategy.gather(predictions)
        let allTargets = try strategy.gather(targets)
        for metric in metrics {
            metric.reset()
            metric.update(predictions: allPredictions, targets: allTargets)
        }
    }
}

import NeuronaCore

/// How one process walks its own data in each epoch of a distributed `fit` whose processes hold
/// different parts of the data (NeuronaDistributed's `DataParallel(world, data: .sharded)`):
/// a strategy makes one in ``TrainingStrategy/checkAgreement(_:)`` from every process's example
/// count, and `fit` cuts this process's batches by it instead of sharding shared global batches.
///
/// Every process takes the same number of steps per epoch (``globalBatchExamples``'s count), so
/// their gradient exchanges pair up; each step's global batch is the union of the processes'
/// batches, and ``globalBatchExamples`` says how many examples it holds (for the gradient's
/// mean and the epoch's averages).
public struct LocalEpochPlan: Equatable, Sendable {
    /// The examples this process holds.
    public let examples: Int
    /// The examples this process trains on per epoch: its own, cut to this many or repeated
    /// from the start of its shuffled order up to this many.
    public let epochExamples: Int
    /// This process's examples per step.
    public let batchSize: Int
    /// How many indices each epoch's permutation is drawn over: the largest process's example
    /// count, the same on every process, so that their shuffling generators stay in step (the
    /// indices beyond this process's data are left out, which keeps the order uniformly random).
    public let drawnExamples: Int
    /// The examples of every step's global batch, summed over the processes.
    public let globalBatchExamples: [Int]

    /// A plan; a strategy computes it from every process's example count.
    ///
    /// - Parameters:
    ///   - examples: The examples this process holds (positive).
    ///   - epochExamples: The examples it trains on per epoch (positive).
    ///   - batchSize: Its examples per step (positive).
    ///   - drawnExamples: The size of each epoch's permutation, at least `examples`.
    ///   - globalBatchExamples: Each step's global batch size: one per step, every step with
    ///     at least one of this process's examples (fewer steps than `epochExamples` fills
    ///     leave out the rest, as a dropped last batch).
    public init(examples: Int, epochExamples: Int, batchSize: Int, drawnExamples: Int, globalBatchExamples: [Int]) {
        checkPrecondition(examples > 0 && epochExamples > 0 && batchSize > 0 && drawnExamples >= examples,
                          "LocalEpochPlan: examples \(examples), epochExamples \(epochExamples), batchSize \(batchSize) must be positive and drawnExamples \(drawnExamples) ≥ examples")
        checkPrecondition(!globalBatchExamples.isEmpty && (globalBatchExamples.count - 1) * batchSize < epochExamples,
                          "LocalEpochPlan: \(globalBatchExamples.count) steps of \(batchSize) leave a step without examples of the \(epochExamples) per epoch")
        self.examples = examples
        self.epochExamples = epochExamples
        self.batchSize = batchSize
        self.drawnExamples = drawnExamples
        self.globalBatchExamples = globalBatchExamples
    }

    /// The steps of an epoch.
    public var stepCount: Int { globalBatchExamples.count }

    /// This epoch's order of this process's examples (indices into its data set, int64):
    /// shuffled from `generator` or in order, then cut or repeated to ``epochExamples`` and cut
    /// to whole steps (``stepCount`` batches of ``batchSize``, the last possibly shorter).
    ///
    /// - Parameters:
    ///   - shuffle: Whether the order is a new random one.
    ///   - generator: Draws the permutation of ``drawnExamples``; it advances alike on every process.
    /// - Returns: The indices of the epoch's examples, in training order.
    public func order(shuffle: Bool, using generator: inout RandomGenerator) -> Tensor {
        let own: [Int64] = shuffle
            ? Tensor.permutation(drawnExamples, using: &generator).scalars(as: Int64.self).filter { $0 < Int64(examples) }
            : (0..<Int64(examples)).map { $0 }
        let length = Swift.min(epochExamples, stepCount * batchSize)
        let order = (0..<length).map { own[$0 % own.count] }
        return Tensor(order, shape: [length])
    }
}

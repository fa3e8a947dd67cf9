import NeuronaCore

/// Batches of a data set, reshuffled each epoch from a seed.
///
/// ```swift
/// var loader = try DataLoader(dataset, batchSize: 32, shuffle: true, seed: 42)
/// for (x, y) in loader.epoch() { ... }
/// ```
///
/// The order of each epoch comes from ``generator``; saving it (a checkpoint does) and restoring
/// it resumes the same sequence of batches.
public struct DataLoader {
    /// The examples the batches are cut from.
    public let dataset: any Dataset
    /// The number of examples per batch (the last batch of an epoch may be smaller).
    public let batchSize: Int
    /// Whether each epoch visits the examples in a new random order.
    public let shuffle: Bool
    /// Whether an epoch leaves out a last batch smaller than ``batchSize``.
    public let dropLast: Bool
    /// The generator the next epoch's order is drawn from.
    public var generator: RandomGenerator
    /// The generator each epoch's batch generators come from (``Dataset/batch(_:using:)``): one
    /// draw per epoch, kept apart from ``generator`` so that a data set's random draws change
    /// no shuffle.
    public var batchGenerator: RandomGenerator
    /// Whether each batch is gathered on a second thread while the caller trains on the one
    /// before (PyTorch's `DataLoader` with one worker). It takes effect only when the data set
    /// allows it (``Dataset/canBatchInBackground``) and the process may use two cores or more;
    /// the batches are the same either way. Defaults to true.
    public var gathersInBackground = true

    /// A loader over `dataset`.
    ///
    /// - Parameters:
    ///   - dataset: The examples.
    ///   - batchSize: Examples per batch (positive; the last batch may be smaller).
    ///   - shuffle: Whether each epoch draws a new order from ``generator``.
    ///   - dropLast: Whether to leave out a last batch smaller than `batchSize`.
    ///   - seed: Seeds ``generator`` and ``batchGenerator``.
    /// - Throws: ``DataError`` (`invalidArgument`) when `batchSize` is not positive.
    public init(_ dataset: any Dataset, batchSize: Int, shuffle: Bool = false, dropLast: Bool = false, seed: UInt64 = 0) throws {
        guard batchSize > 0 else {
            throw DataError(.invalidArgument, file: "DataLoader", "batchSize must be positive, got \(batchSize)")
        }
        self.dataset = dataset
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.dropLast = dropLast
        self.generator = RandomGenerator(seed: seed)
        self.batchGenerator = RandomGenerator(seed: seed ^ 0xA076_1D64_78BD_642F)   // another stream from the same seed
    }

    /// The number of batches in an epoch.
    public var batchCount: Int {
        dropLast ? dataset.count / batchSize : (dataset.count + batchSize - 1) / batchSize
    }

    /// The batches of one epoch (drawing its order from the generator when shuffling).
    public mutating func epoch() -> Epoch {
        let order = shuffle ? Tensor.permutation(dataset.count, using: &generator) : Tensor.arange(dataset.count, dtype: .int64)
        let background = gathersInBackground && dataset.canBatchInBackground && Parallel.coreCount >= 2
        return Epoch(dataset: dataset, order: order, batchSize: batchSize, batchCount: batchCount, gathersInBackground: background,
                     batchSeed: batchGenerator.next())
    }

    /// The batches of one epoch over `order` (indices into the data set, int64), in batches of
    /// `batchSize` (the last may be smaller): for a caller that plans the epoch itself, as a
    /// distributed `fit` on sharded data does (the shuffling generator is not used; the batches'
    /// own generator, as in ``epoch()``, is).
    ///
    /// - Parameters:
    ///   - order: The data set's indices of the epoch's examples, in order (an index may repeat).
    ///   - batchSize: Examples per batch (positive).
    /// - Returns: The epoch's batches.
    public mutating func epoch(order: Tensor, batchSize: Int) -> Epoch {
        checkPrecondition(batchSize > 0 && order.rank == 1 && order.dtype == .int64,
                          "DataLoader.epoch(order:batchSize:): needs a 1-D int64 order and a positive batch size, got \(order.shape) \(order.dtype), \(batchSize)")
        let background = gathersInBackground && dataset.canBatchInBackground && Parallel.coreCount >= 2
        return Epoch(dataset: dataset, order: order, batchSize: batchSize, batchCount: (order.count + batchSize - 1) / batchSize,
                     gathersInBackground: background, batchSeed: batchGenerator.next())
    }

    /// One pass over the data in a fixed order.
    ///
    /// When it gathers in the background, `next()` hands the companion thread the gathering of
    /// the batch after the one it returns, so that it is ready when the caller has trained on this
    /// one. The batches are the same either way: the order is fixed when the epoch begins.
    public struct Epoch: Sequence, IteratorProtocol {
        let dataset: any Dataset
        let order: Tensor
        let batchSize: Int
        let batchCount: Int
        let gathersInBackground: Bool
        /// Batch `i` draws from `RandomGenerator(seed: batchSeed &+ i)`: fixed when the epoch
        /// begins, whichever thread gathers it.
        let batchSeed: UInt64
        var position = 0
        var ahead: BatchAhead?
        /// The data set's indices of the examples of the batch `next()` returned last (int64),
        /// so that an error in a batch can name the example in the data set.
        public private(set) var batchIndices = Tensor.zeros([0], dtype: .int64)

        public mutating func next() -> (inputs: Tensor, targets: Tensor)? {
            guard position < batchCount else { return nil }
            let current = indices(ofBatch: position)
            var drawing = generator(ofBatch: position)
            let batch = ahead?.batch(at: position) ?? dataset.batch(current, using: &drawing)
            position += 1
            batchIndices = current
            ahead = gathersInBackground && position < batchCount
                ? BatchAhead(dataset: dataset, indices: indices(ofBatch: position), generator: generator(ofBatch: position), position: position) : nil
            return batch
        }

        /// The data set's indices of the examples of batch `index`.
        func indices(ofBatch index: Int) -> Tensor {
            let start = index * batchSize
            return order.slice(axis: 0, start: start, end: Swift.min(start + batchSize, order.count))
        }

        /// The generator batch `index` draws from.
        func generator(ofBatch index: Int) -> RandomGenerator { RandomGenerator(seed: batchSeed &+ UInt64(index)) }
    }

    /// A batch being gathered on the companion thread (or, when the companion is busy or slow,
    /// by the caller when it needs it).
    final class BatchAhead: @unchecked Sendable {
        /// The batch's place in its epoch.
        let position: Int
        private var ticket: CompanionTicket?
        // Written by the companion's task; read only once the ticket says it has finished.
        private var gathered: (inputs: Tensor, targets: Tensor)?

        init(dataset: any Dataset, indices: Tensor, generator: RandomGenerator, position: Int) {
            self.position = position
            ticket = nil
            ticket = Parallel.companion.post { [self] in
                var generator = generator
                gathered = dataset.batch(indices, using: &generator)
            }
        }

        /// The batch if it is the one at `position` of the epoch and is gathered, or can be
        /// gathered here because the companion has not started; nil when the caller should gather
        /// it (a companion still at work lost its core to another program: gathering again is
        /// quicker than waiting for it to come back).
        func batch(at position: Int) -> (inputs: Tensor, targets: Tensor)? {
            guard position == self.position, let ticket, ticket.tryFinish() else { return nil }
            return gathered
        }
    }
}

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

    /// A loader over `dataset`.
    ///
    /// - Parameters:
    ///   - dataset: The examples.
    ///   - batchSize: Examples per batch (positive; the last batch may be smaller).
    ///   - shuffle: Whether each epoch draws a new order from ``generator``.
    ///   - dropLast: Whether to leave out a last batch smaller than `batchSize`.
    ///   - seed: Seeds ``generator``.
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
    }

    /// The number of batches in an epoch.
    public var batchCount: Int {
        dropLast ? dataset.count / batchSize : (dataset.count + batchSize - 1) / batchSize
    }

    /// The batches of one epoch (drawing its order from the generator when shuffling).
    public mutating func epoch() -> Epoch {
        let order = shuffle ? Tensor.permutation(dataset.count, using: &generator) : Tensor.arange(dataset.count, dtype: .int64)
        return Epoch(dataset: dataset, order: order, batchSize: batchSize, batchCount: batchCount)
    }

    /// One pass over the data in a fixed order.
    public struct Epoch: Sequence, IteratorProtocol {
        let dataset: any Dataset
        let order: Tensor
        let batchSize: Int
        let batchCount: Int
        var position = 0
        /// The data set's indices of the examples of the batch `next()` returned last (int64),
        /// so that an error in a batch can name the example in the data set.
        public private(set) var batchIndices = Tensor.zeros([0], dtype: .int64)

        public mutating func next() -> (inputs: Tensor, targets: Tensor)? {
            guard position < batchCount else { return nil }
            let start = position * batchSize
            let end = Swift.min(start + batchSize, order.count)
            position += 1
            batchIndices = order.slice(axis: 0, start: start, end: end)
            return dataset.batch(batchIndices)
        }
    }
}

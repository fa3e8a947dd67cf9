import NeuronaCore

/// A collection of (input, target) examples that can be read in batches.
public protocol Dataset {
    /// The number of examples.
    var count: Int { get }
    /// The examples at `indices`, stacked along a new first axis.
    func batch(_ indices: Tensor) -> (inputs: Tensor, targets: Tensor)
    /// The examples at `indices` for training, drawing any random numbers (an augmentation)
    /// from `generator` only. A ``DataLoader`` gives each batch of an epoch its own generator,
    /// fixed when the epoch begins, so that a run repeats bit for bit, whether the batches are
    /// gathered in the background or not. Defaults to ``batch(_:)``: a data set that draws
    /// nothing needs only that.
    ///
    /// ```swift
    /// struct NoisyImages: Dataset {      // Gaussian noise on every training batch
    ///     let base: TensorDataset
    ///     var count: Int { base.count }
    ///     var canBatchInBackground: Bool { true }
    ///     func batch(_ indices: Tensor) -> (inputs: Tensor, targets: Tensor) { base.batch(indices) }
    ///     func batch(_ indices: Tensor, using generator: inout RandomGenerator) -> (inputs: Tensor, targets: Tensor) {
    ///         let (x, y) = base.batch(indices)
    ///         return (x + Tensor.normal(x.shape, standardDeviation: 0.1, dtype: x.dtype, using: &generator), y)
    ///     }
    /// }
    /// ```
    func batch(_ indices: Tensor, using generator: inout RandomGenerator) -> (inputs: Tensor, targets: Tensor)
    /// Whether ``batch(_:using:)`` may run on another thread while the caller trains on the
    /// previous batch: true when it only reads data that nothing changes during an epoch, and
    /// draws random numbers only from the generator it is given. A ``DataLoader`` then gathers
    /// each next batch in the background. Defaults to false.
    var canBatchInBackground: Bool { get }
}

extension Dataset {
    /// False: a data set says itself that its batches may be read on another thread.
    public var canBatchInBackground: Bool { false }

    /// ``batch(_:)``: the examples as they are, for a data set that draws no random numbers.
    public func batch(_ indices: Tensor, using generator: inout RandomGenerator) -> (inputs: Tensor, targets: Tensor) {
        batch(indices)
    }

    /// One example.
    public subscript(index: Int) -> (input: Tensor, target: Tensor) {
        let b = batch(Tensor([Int64(index)], shape: [1]))
        return (b.inputs[0], b.targets[0])
    }
}

/// A data set held as two tensors whose first axes are the examples.
///
/// Batches are gathered with one `indexSelect` per tensor: no per-example copies.
public struct TensorDataset: Dataset {
    /// The inputs, one example per row of the first axis.
    public let inputs: Tensor
    /// The targets, one per row of the first axis.
    public let targets: Tensor

    /// Throws when the two tensors hold different numbers of examples.
    /// - Parameters:
    ///   - inputs: The inputs, one example per row of the first axis.
    ///   - targets: The targets, as many rows as `inputs`.
    ///   - name: The name errors give for this data set.
    public init(inputs: Tensor, targets: Tensor, name: String = "dataset") throws {
        guard inputs.rank >= 1, targets.rank >= 1, inputs.shape[0] == targets.shape[0] else {
            throw DataError(.mismatch, file: name,
                            "\(inputs.shape.first ?? 0) inputs (shape \(inputs.shape)) but \(targets.shape.first ?? 0) targets (shape \(targets.shape))")
        }
        self.inputs = inputs
        self.targets = targets
    }

    public var count: Int { inputs.shape[0] }

    public func batch(_ indices: Tensor) -> (inputs: Tensor, targets: Tensor) {
        (inputs.indexSelect(indices), targets.indexSelect(indices))
    }

    /// True: a batch only reads the two tensors, which are values nothing else can change.
    public var canBatchInBackground: Bool { true }
}

import NeuronaCore

/// A collection of (input, target) examples that can be read in batches.
public protocol Dataset {
    /// The number of examples.
    var count: Int { get }
    /// The examples at `indices`, stacked along a new first axis.
    func batch(_ indices: Tensor) -> (inputs: Tensor, targets: Tensor)
    /// Whether ``batch(_:)`` may run on another thread while the caller trains on the previous
    /// batch: true when it only reads data that nothing changes during an epoch, and draws no
    /// random numbers. A ``DataLoader`` then gathers each next batch in the background.
    /// Defaults to false.
    var canBatchInBackground: Bool { get }
}

extension Dataset {
    /// False: a data set says itself that its batches may be read on another thread.
    public var canBatchInBackground: Bool { false }

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

import NeuronaCore

/// A collection of (input, target) examples that can be read in batches.
public protocol Dataset {
    /// The number of examples.
    var count: Int { get }
    /// The examples at `indices`, stacked along a new first axis.
    func batch(_ indices: Tensor) -> (inputs: Tensor, targets: Tensor)
}

extension Dataset {
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
}

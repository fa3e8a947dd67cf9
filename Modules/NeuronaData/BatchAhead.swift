import Dispatch
import Foundation
import NeuronaCore

/// One batch of a ``TensorDataset`` gathered on another thread while the caller trains on the
/// previous one: `DataLoader.Epoch` starts the next batch when it hands out the current one.
///
/// Gathering a shuffled batch copies rows scattered over the whole data set (for Fashion-MNIST,
/// 32 rows of 3 KB out of 188 MB): cache misses that the training step need not wait for when a
/// second core is free. The batch is the same whichever thread gathers it, and only a
/// `TensorDataset` (two tensors nothing writes to) is read from another thread; other data sets
/// are gathered on the caller's thread, as before.
final class BatchAhead: @unchecked Sendable {
    private let done = DispatchGroup()
    private var batch: (inputs: Tensor, targets: Tensor)?

    /// Whether batches are gathered ahead: with more than one core (on one, the thread
    /// hand-off would only add to the step).
    static let isUseful = ProcessInfo.processInfo.activeProcessorCount > 1

    /// Starts gathering the examples at `indices` of `dataset`.
    init(_ dataset: TensorDataset, indices: Tensor) {
        DispatchQueue.global(qos: .userInitiated).async(group: done) { [self] in
            batch = dataset.batch(indices)
        }
    }

    /// The batch, once gathered (any number of times: copies of an epoch share it).
    func wait() -> (inputs: Tensor, targets: Tensor) {
        done.wait()
        return batch!
    }
}

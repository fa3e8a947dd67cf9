/// A callback that asks `fit` to check every batch's loss and gradients before the optimizer
/// applies them (one pass over the gradients). At the first NaN or infinity, the update is
/// skipped, ``onNonFinite(epoch:batch:what:)`` is called and training stops: the weights
/// stay the last finite ones.
public protocol NonFiniteGuard: Callback {
    /// Batch `batch` (counted from 1) of `epoch` gave a non-finite value; `what` names it (the
    /// loss, or the gradient of a parameter).
    func onNonFinite(epoch: Int, batch: Int, what: String) throws
}

/// Stops training at the first batch whose loss or gradients are NaN or infinite, before its
/// update is applied (Keras's `TerminateOnNaN`, which looks at the loss only after the update).
///
/// ```
/// TerminateOnNaN: epoch 1, batch 3: the gradient of layers.0.weight is NaN or infinite; training stopped before the update, the weights are the last finite ones
/// ```
public final class TerminateOnNaN: Callback, NonFiniteGuard {
    /// Whether training was stopped.
    public private(set) var triggered = false
    /// Where it stopped: the epoch, the batch (from 1) and the value that was not finite.
    public private(set) var stoppedAt: (epoch: Int, batch: Int, what: String)?
    /// Whether to print the line above when it stops (as Keras does).
    public let printsMessage: Bool

    /// - Parameter printsMessage: Whether to print where training stopped.
    public init(printsMessage: Bool = true) {
        self.printsMessage = printsMessage
    }

    override public func onTrainBegin(logs: [String: Double]) throws {
        triggered = false
        stoppedAt = nil
    }

    public func onNonFinite(epoch: Int, batch: Int, what: String) throws {
        triggered = true
        stoppedAt = (epoch, batch, what)
        if printsMessage { print("TerminateOnNaN: \(TrainingError.nonFinite(epoch: epoch, batch: batch, what: what))") }
    }
}

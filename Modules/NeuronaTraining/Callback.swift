import NeuronaCore

/// Hooks into `fit` (Keras's `keras.callbacks.Callback`): subclass it and override the hooks
/// you need, with Keras's names and arguments. ``model`` is the model being trained; set
/// `model.stopTraining = true` to end training after the current epoch (or batch).
///
/// ```swift
/// final class EpochTimer: Callback {
///     var started = 0.0
///     override func onEpochBegin(_ epoch: Int, logs: [String: Double]) { started = Date().timeIntervalSince1970 }
///     override func onEpochEnd(_ epoch: Int, logs: [String: Double]) {
///         print("epoch \(epoch): \(Date().timeIntervalSince1970 - started) s, loss \(logs["loss"]!)")
///     }
/// }
/// ```
///
/// A class, not a protocol with empty defaults: a hook declared with a signature that is not
/// one of these would compile as an unrelated method and never be called. Here the compiler
/// checks every `override` against the hooks, and a hook written without `override` (Keras's
/// habit: no keyword) is an error with a fix-it.
///
/// Epochs and batches count from 1 (Keras's count from 0). `logs` at the end of a batch are
/// what the training step returned (`loss`: that batch's loss); at the end of an epoch, the
/// epoch's means, the metrics, the `val_` values and `seconds`; at the end of training, the
/// last epoch's; at the beginnings, empty.
open class Callback {
    /// The model `fit` is training (held weakly: the caller owns it).
    private weak var attachedModel: Model?

    /// A callback attached to no model yet (`fit` attaches it).
    public init() {}

    /// The model being trained, set by `fit` before ``onTrainBegin(logs:)`` (Keras's `self.model`).
    /// Reading it before the callback was passed to `fit` stops the program with that message.
    public var model: Model {
        guard let attachedModel else {
            preconditionFailed("\(type(of: self)).model: a callback's model is set by fit; read it in its hooks")
        }
        return attachedModel
    }

    /// Makes `model` the one this callback's hooks act on.
    func attach(_ model: Model) { attachedModel = model }

    /// Called once before the first epoch.
    /// - Parameter logs: Empty (Keras's argument).
    open func onTrainBegin(logs: [String: Double]) throws {}
    /// Called before each epoch.
    /// - Parameters:
    ///   - epoch: The epoch, counting from 1.
    ///   - logs: Empty (Keras's argument).
    open func onEpochBegin(_ epoch: Int, logs: [String: Double]) throws {}
    /// Called before each training step.
    /// - Parameters:
    ///   - batch: The batch, counting from 1 within the epoch.
    ///   - logs: Empty (Keras's argument).
    open func onBatchBegin(_ batch: Int, logs: [String: Double]) throws {}
    /// Called after each training step.
    /// - Parameters:
    ///   - batch: The batch, counting from 1 within the epoch.
    ///   - logs: What the step returned: the batch's `loss` (the global batch's under a strategy).
    open func onBatchEnd(_ batch: Int, logs: [String: Double]) throws {}
    /// Called after each epoch, validation included.
    /// - Parameters:
    ///   - epoch: The epoch, counting from 1.
    ///   - logs: The epoch's `loss` and metrics, the `val_` values and `seconds`.
    open func onEpochEnd(_ epoch: Int, logs: [String: Double]) throws {}
    /// Called once after the last epoch, also when training stopped early.
    /// - Parameter logs: The last epoch's logs (empty if no epoch ended).
    open func onTrainEnd(logs: [String: Double]) throws {}
}

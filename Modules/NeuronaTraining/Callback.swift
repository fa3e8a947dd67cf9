import NeuronaCore

/// Hooks into `fit` (Keras's callbacks). Every method has an empty default; set
/// `model.stopTraining = true` to end training after the current epoch (or batch).
public protocol Callback: AnyObject {
    /// Called once before the first epoch.
    func onTrainBegin(model: Model) throws
    /// Called before each epoch (`epoch` counts from 1).
    func onEpochBegin(_ epoch: Int, model: Model) throws
    /// Called after each batch with its `loss` (`batch` counts from 1 within the epoch).
    func onBatchEnd(_ batch: Int, logs: [String: Double], model: Model) throws
    /// `logs` holds the epoch's `loss`, metrics and `val_` values.
    func onEpochEnd(_ epoch: Int, logs: [String: Double], model: Model) throws
    /// Called once after the last epoch, also when a callback stopped training early.
    func onTrainEnd(model: Model) throws
}

extension Callback {
    public func onTrainBegin(model: Model) throws {}
    public func onEpochBegin(_ epoch: Int, model: Model) throws {}
    public func onBatchEnd(_ batch: Int, logs: [String: Double], model: Model) throws {}
    public func onEpochEnd(_ epoch: Int, logs: [String: Double], model: Model) throws {}
    public func onTrainEnd(model: Model) throws {}
}

/// Stops training when a monitored value stops improving (Keras's `EarlyStopping`).
///
/// With `restoreBestWeights`, the weights of the best epoch are put back when training stops.
public final class EarlyStopping: Callback {
    /// The logged value to watch (`val_loss`, `loss`, `val_accuracy`, …).
    public let monitor: String
    /// The smallest change that counts as an improvement.
    public let minDelta: Double
    /// How many epochs without improvement to allow before stopping.
    public let patience: Int
    /// Whether to put back the best epoch's weights when training stops.
    public let restoreBestWeights: Bool
    /// Whether larger is better; by default, for names containing `acc`, `precision`,
    /// `recall`, `f1` or `r2`.
    public let maximize: Bool
    /// The best value seen so far (`nil` before the first epoch).
    public private(set) var best: Double?
    /// The epoch of ``best``.
    public private(set) var bestEpoch = 0
    /// The epoch after which it stopped training, or `nil` if it did not.
    public private(set) var stoppedEpoch: Int?
    private var wait = 0
    private var bestWeights: [String: Tensor]?

    /// A callback stopping training when `monitor` stops improving.
    /// - Parameters:
    ///   - monitor: The logged value to watch.
    ///   - minDelta: The smallest change that counts as an improvement.
    ///   - patience: How many epochs without improvement to allow.
    ///   - restoreBestWeights: Whether to put back the best epoch's weights when stopping.
    ///   - maximize: Whether larger is better; `nil` decides from the name (accuracy-like names are maximized).
    public init(monitor: String = "val_loss", minDelta: Double = 0, patience: Int = 0,
                restoreBestWeights: Bool = false, maximize: Bool? = nil) {
        self.monitor = monitor
        self.minDelta = Swift.abs(minDelta)
        self.patience = patience
        self.restoreBestWeights = restoreBestWeights
        self.maximize = maximize ?? ["acc", "precision", "recall", "f1", "r2"].contains { monitor.contains($0) }
    }

    public func onTrainBegin(model: Model) throws {
        best = nil
        wait = 0
        stoppedEpoch = nil
        bestWeights = nil
    }

    public func onEpochEnd(_ epoch: Int, logs: [String: Double], model: Model) throws {
        guard let value = logs[monitor] else {
            throw TrainingError.invalidArgument("EarlyStopping: no value \"\(monitor)\" to monitor (logged: \(logs.keys.sorted().joined(separator: ", ")))")
        }
        let improved = best.map { maximize ? value > $0 + minDelta : value < $0 - minDelta } ?? true
        if improved {
            best = value
            bestEpoch = epoch
            wait = 0
            if restoreBestWeights { bestWeights = model.network.weights() }
        } else {
            wait += 1
            if wait > patience {
                stoppedEpoch = epoch
                model.stopTraining = true
                if restoreBestWeights, let bestWeights { try model.network.loadWeights(bestWeights) }
            }
        }
    }
}

/// Changes the learning rate at the start of each epoch: `schedule(epoch, currentRate)`
/// (Keras's `LearningRateScheduler`; epochs count from 1).
public final class LearningRateScheduler: Callback {
    /// The rule: given the epoch (from 1) and the current rate, the rate for that epoch.
    public let schedule: (Int, Double) -> Double

    /// A callback setting the optimizer's learning rate before each epoch.
    /// - Parameter schedule: Given the epoch (from 1) and the current rate, the rate for that epoch.
    public init(_ schedule: @escaping (Int, Double) -> Double) {
        self.schedule = schedule
    }

    public func onEpochBegin(_ epoch: Int, model: Model) throws {
        guard let optimizer = model.optimizer else { return }
        optimizer.learningRate = schedule(epoch, optimizer.learningRate)
    }
}

/// A callback that asks `fit` to check every batch's loss and gradients before the optimizer
/// applies them (one pass over the gradients). At the first NaN or infinity, the update is
/// skipped, ``onNonFinite(epoch:batch:what:model:)`` is called and training stops: the weights
/// stay the last finite ones.
public protocol NonFiniteGuard: Callback {
    /// Batch `batch` (counted from 1) of `epoch` gave a non-finite value; `what` names it (the
    /// loss, or the gradient of a parameter).
    func onNonFinite(epoch: Int, batch: Int, what: String, model: Model) throws
}

/// Stops training at the first batch whose loss or gradients are NaN or infinite, before its
/// update is applied (Keras's `TerminateOnNaN`, which looks at the loss only after the update).
///
/// ```
/// TerminateOnNaN: epoch 1, batch 3: the gradient of layers.0.weight is NaN or infinite; training stopped before the update, the weights are the last finite ones
/// ```
public final class TerminateOnNaN: NonFiniteGuard {
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

    public func onTrainBegin(model: Model) throws {
        triggered = false
        stoppedAt = nil
    }

    public func onNonFinite(epoch: Int, batch: Int, what: String, model: Model) throws {
        triggered = true
        stoppedAt = (epoch, batch, what)
        if printsMessage { print("TerminateOnNaN: \(TrainingError.nonFinite(epoch: epoch, batch: batch, what: what))") }
    }
}

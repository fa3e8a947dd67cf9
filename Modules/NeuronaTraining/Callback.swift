import NeuronaCore

/// Hooks into `fit` (Keras's callbacks). Every method has an empty default; set
/// `model.stopTraining = true` to end training after the current epoch (or batch).
public protocol Callback: AnyObject {
    func onTrainBegin(model: Model) throws
    func onEpochBegin(_ epoch: Int, model: Model) throws
    func onBatchEnd(_ batch: Int, logs: [String: Double], model: Model) throws
    /// `logs` holds the epoch's `loss`, metrics and `val_` values.
    func onEpochEnd(_ epoch: Int, logs: [String: Double], model: Model) throws
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
    public let monitor: String
    public let minDelta: Double
    public let patience: Int
    public let restoreBestWeights: Bool
    /// Whether larger is better; by default, for names containing `acc`, `precision`,
    /// `recall`, `f1` or `r2`.
    public let maximize: Bool
    public private(set) var best: Double?
    public private(set) var bestEpoch = 0
    public private(set) var stoppedEpoch: Int?
    private var wait = 0
    private var bestWeights: [String: Tensor]?

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
    public let schedule: (Int, Double) -> Double

    public init(_ schedule: @escaping (Int, Double) -> Double) {
        self.schedule = schedule
    }

    public func onEpochBegin(_ epoch: Int, model: Model) throws {
        guard let optimizer = model.optimizer else { return }
        optimizer.learningRate = schedule(epoch, optimizer.learningRate)
    }
}

/// Stops training as soon as a batch's loss is NaN or infinite (Keras's `TerminateOnNaN`).
public final class TerminateOnNaN: Callback {
    public private(set) var triggered = false

    public init() {}

    public func onBatchEnd(_ batch: Int, logs: [String: Double], model: Model) throws {
        if let loss = logs["loss"], !loss.isFinite {
            triggered = true
            model.stopTraining = true
        }
    }
}

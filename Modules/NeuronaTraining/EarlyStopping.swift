import NeuronaCore

/// Stops training when a monitored value stops improving (Keras's `EarlyStopping`).
///
/// After `patience` epochs in a row without an improvement larger than `minDelta`, training
/// stops (Keras's rule: `patience: 2` with losses 1.0, 0.9, 0.95, 0.93 stops after the fourth
/// epoch). With `restoreBestWeights`, the weights of the best epoch are put back when training
/// ends, whether it stopped early or ran all its epochs (Keras 3's rule), and ``restoredEpoch``
/// says which epoch that was (NeuronaPictures' `TrainingCurves` can mark it).
public final class EarlyStopping: Callback {
    /// The logged value to watch (`val_loss`, `loss`, `val_accuracy`, …).
    public let monitor: String
    /// The smallest change that counts as an improvement.
    public let minDelta: Double
    /// How many epochs without improvement to allow before stopping.
    public let patience: Int
    /// Whether to put back the best epoch's weights when training ends.
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
    /// The epoch whose weights were put back when training ended, or `nil` if none were
    /// (`restoreBestWeights` off, or the best epoch was the last).
    public private(set) var restoredEpoch: Int?
    private var wait = 0
    private var bestWeights: [String: Tensor]?

    /// A callback stopping training when `monitor` stops improving.
    /// - Parameters:
    ///   - monitor: The logged value to watch.
    ///   - minDelta: The smallest change that counts as an improvement.
    ///   - patience: How many epochs without improvement to allow.
    ///   - restoreBestWeights: Whether to put back the best epoch's weights when training ends.
    ///   - maximize: Whether larger is better; `nil` decides from the name (accuracy-like names are maximized).
    public init(monitor: String = "val_loss", minDelta: Double = 0, patience: Int = 0,
                restoreBestWeights: Bool = false, maximize: Bool? = nil) {
        self.monitor = monitor
        self.minDelta = Swift.abs(minDelta)
        self.patience = patience
        self.restoreBestWeights = restoreBestWeights
        self.maximize = maximize ?? MonitoredValue.maximizedByDefault(monitor)
    }

    override public func onTrainBegin(logs: [String: Double]) throws {
        best = nil
        wait = 0
        stoppedEpoch = nil
        restoredEpoch = nil
        bestWeights = nil
    }

    override public func onEpochEnd(_ epoch: Int, logs: [String: Double]) throws {
        let value = try MonitoredValue.value(monitor, in: logs, for: "EarlyStopping")
        let improved = MonitoredValue.improves(value, on: best, maximize: maximize, minDelta: minDelta)
        if improved {
            best = value
            bestEpoch = epoch
            wait = 0
            if restoreBestWeights { bestWeights = model.network.weights() }
        } else {
            wait += 1
            if wait >= patience {   // Keras: `patience` epochs without improvement, then stop
                stoppedEpoch = epoch
                model.stopTraining = true
            }
        }
    }

    override public func onTrainEnd(logs: [String: Double]) throws {
        guard restoreBestWeights, let bestWeights, wait > 0 else { return }   // wait 0: the last epoch was the best
        try model.network.loadWeights(bestWeights)
        restoredEpoch = bestEpoch
    }
}

/// Divides the learning rate when a monitored value stops improving (Keras's
/// `ReduceLROnPlateau`, the same rule and defaults).
///
/// After each epoch: during a cooldown, the cooldown counts down and the waiting restarts; an
/// improvement larger than `minDelta` becomes the best and restarts the waiting; otherwise,
/// out of a cooldown, after `patience` epochs in a row without one the rate becomes
/// `max(rate · factor, minRate)` (if it is above `minRate`), and a cooldown of `cooldown` epochs begins.
///
/// ```swift
/// // val_loss 1.0, 0.9, 0.95, 0.93 with patience 2: the rate goes 0.1 → 0.01 after the fourth epoch
/// try model.fit(x: x, y: y, epochs: 50, validationSplit: 0.1,
///               callbacks: [ReduceLROnPlateau(monitor: "val_loss", factor: 0.1, patience: 2)])
/// ```
public final class ReduceLROnPlateau: Callback {
    /// The logged value to watch.
    public let monitor: String
    /// What the rate is multiplied by (in (0, 1)).
    public let factor: Double
    /// How many epochs without improvement to allow before reducing.
    public let patience: Int
    /// The smallest change that counts as an improvement.
    public let minDelta: Double
    /// Epochs after a reduction during which no other is made.
    public let cooldown: Int
    /// The rate is never reduced below this.
    public let minRate: Double
    /// Whether larger is better.
    public let maximize: Bool
    /// The best value seen so far (`nil` before the first epoch).
    public private(set) var best: Double?
    /// The epochs after which the rate was reduced, and the new rate.
    public private(set) var reductions: [(epoch: Int, rate: Double)] = []
    private var wait = 0
    private var cooldownLeft = 0

    /// A callback reducing the learning rate on a plateau of `monitor`.
    ///
    /// - Parameters:
    ///   - monitor: The logged value to watch.
    ///   - factor: What the rate is multiplied by, in (0, 1).
    ///   - patience: How many epochs without improvement to allow (≥ 0).
    ///   - minDelta: The smallest change that counts as an improvement.
    ///   - cooldown: Epochs after a reduction without another (≥ 0).
    ///   - minRate: The lowest rate (≥ 0).
    ///   - maximize: Whether larger is better; `nil` decides from the name (accuracy-like names are maximized).
    /// - Throws: ``TrainingError/invalidArgument(_:)`` for a factor outside (0, 1) or a negative
    ///   patience, cooldown or minimum rate (Keras raises a `ValueError` for a factor ≥ 1).
    public init(monitor: String = "val_loss", factor: Double = 0.1, patience: Int = 10, minDelta: Double = 1e-4,
                cooldown: Int = 0, minRate: Double = 0, maximize: Bool? = nil) throws {
        guard factor > 0 && factor < 1 else {
            throw TrainingError.invalidArgument("ReduceLROnPlateau: factor must be in (0, 1), got \(factor)")
        }
        guard patience >= 0, cooldown >= 0, minRate >= 0 else {
            throw TrainingError.invalidArgument(
                "ReduceLROnPlateau: patience, cooldown and minRate must be ≥ 0, got \(patience), \(cooldown), \(minRate)")
        }
        self.monitor = monitor
        self.factor = factor
        self.patience = patience
        self.minDelta = Swift.abs(minDelta)
        self.cooldown = cooldown
        self.minRate = minRate
        self.maximize = maximize ?? MonitoredValue.maximizedByDefault(monitor)
    }

    override public func onTrainBegin(logs: [String: Double]) throws {
        guard let optimizer = model.optimizer else { return }
        guard optimizer.settings.schedule == nil else {
            throw TrainingError.invalidArgument(
                "ReduceLROnPlateau: the optimizer takes its rates from a schedule, which this callback cannot change; remove one of them")
        }
        best = nil
        wait = 0
        cooldownLeft = 0
        reductions = []
    }

    override public func onEpochEnd(_ epoch: Int, logs: [String: Double]) throws {
        let value = try MonitoredValue.value(monitor, in: logs, for: "ReduceLROnPlateau")
        if cooldownLeft > 0 {
            cooldownLeft -= 1
            wait = 0
        }
        if MonitoredValue.improves(value, on: best, maximize: maximize, minDelta: minDelta) {
            best = value
            wait = 0
        } else if cooldownLeft == 0 {
            wait += 1
            if wait >= patience, let optimizer = model.optimizer, optimizer.learningRate > minRate {
                optimizer.learningRate = Swift.max(optimizer.learningRate * factor, minRate)
                reductions.append((epoch, optimizer.learningRate))
                cooldownLeft = cooldown
                wait = 0
            }
        }
    }
}

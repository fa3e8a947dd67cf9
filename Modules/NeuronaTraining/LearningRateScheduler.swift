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

    override public func onEpochBegin(_ epoch: Int, logs: [String: Double]) throws {
        guard let optimizer = model.optimizer else { return }
        optimizer.learningRate = schedule(epoch, optimizer.learningRate)
    }
}

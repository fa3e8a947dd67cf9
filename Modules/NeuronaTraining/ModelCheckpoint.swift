import Foundation

/// Saves the model after epochs (Keras's `ModelCheckpoint`): every epoch, or only when the
/// monitored value improves. `{epoch}` in the folder name is replaced by the epoch number.
public final class ModelCheckpoint: Callback {
    public let folder: String
    public let monitor: String
    public let saveBestOnly: Bool
    public let maximize: Bool
    public private(set) var best: Double?
    public private(set) var savedEpochs: [Int] = []

    public init(folder: String, monitor: String = "val_loss", saveBestOnly: Bool = false, maximize: Bool? = nil) {
        self.folder = folder
        self.monitor = monitor
        self.saveBestOnly = saveBestOnly
        self.maximize = maximize ?? ["acc", "precision", "recall", "f1", "r2"].contains { monitor.contains($0) }
    }

    public func onEpochEnd(_ epoch: Int, logs: [String: Double], model: Model) throws {
        if saveBestOnly {
            guard let value = logs[monitor] else {
                throw TrainingError.invalidArgument("ModelCheckpoint: no value \"\(monitor)\" to monitor")
            }
            if let best, maximize ? value <= best : value >= best { return }
            best = value
        }
        let path = folder.replacingOccurrences(of: "{epoch}", with: String(epoch))
        try model.save(to: URL(fileURLWithPath: path))
        savedEpochs.append(epoch)
    }
}

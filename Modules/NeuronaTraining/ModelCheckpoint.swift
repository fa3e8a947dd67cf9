import Foundation

/// Saves the model after epochs (Keras's `ModelCheckpoint`): every epoch, or only when the
/// monitored value improves. `{epoch}` in the folder name is replaced by the epoch number.
public final class ModelCheckpoint: Callback {
    /// The folder to save into; `{epoch}` in it is replaced by the epoch number.
    public let folder: URL
    /// The logged value that decides what "best" is.
    public let monitor: String
    /// Whether to save only when ``monitor`` improves.
    public let saveBestOnly: Bool
    /// Whether larger values of ``monitor`` are better.
    public let maximize: Bool
    /// The best value of ``monitor`` so far.
    public private(set) var best: Double?
    /// The epochs after which it saved.
    public private(set) var savedEpochs: [Int] = []

    /// A callback saving the model after epochs.
    /// - Parameters:
    ///   - folder: The folder to save into; `{epoch}` in it is replaced by the epoch number.
    ///   - monitor: The logged value that decides what "best" is.
    ///   - saveBestOnly: Whether to save only when `monitor` improves.
    ///   - maximize: Whether larger is better; `nil` decides from the name (accuracy-like names are maximized).
    public init(folder: URL, monitor: String = "val_loss", saveBestOnly: Bool = false, maximize: Bool? = nil) {
        self.folder = folder
        self.monitor = monitor
        self.saveBestOnly = saveBestOnly
        self.maximize = maximize ?? MonitoredValue.maximizedByDefault(monitor)
    }

    override public func onEpochEnd(_ epoch: Int, logs: [String: Double]) throws {
        if saveBestOnly {
            let value = try MonitoredValue.value(monitor, in: logs, for: "ModelCheckpoint")
            guard MonitoredValue.improves(value, on: best, maximize: maximize) else { return }
            best = value
        }
        let path = folder.path.replacingOccurrences(of: "{epoch}", with: String(epoch))
        try model.save(to: URL(fileURLWithPath: path, isDirectory: true))
        savedEpochs.append(epoch)
    }
}

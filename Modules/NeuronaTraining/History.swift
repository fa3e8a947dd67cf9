/// What `fit` returns: each logged value (`loss`, `accuracy`, `val_loss`, ...) per epoch, as
/// Keras's `History.history`.
public struct History: Codable, Equatable {
    /// The epochs trained, counting from 1.
    public var epochs: [Int] = []
    /// Each value's list, one entry per epoch.
    public var values: [String: [Double]] = [:]

    /// An empty history.
    public init() {}

    /// The values logged for `key`.
    public subscript(key: String) -> [Double] { values[key] ?? [] }

    mutating func append(epoch: Int, logs: [String: Double]) {
        epochs.append(epoch)
        for (key, value) in logs { values[key, default: []].append(value) }
    }
}

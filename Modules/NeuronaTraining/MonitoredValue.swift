/// The rule every callback that watches a logged value (``EarlyStopping``,
/// ``ReduceLROnPlateau``, ``ModelCheckpoint``) uses to decide whether larger is better when the
/// user does not say: names of scores (`accuracy`, `val_precision`, `f1`, `r2`, …) are
/// maximized, everything else (losses, errors) minimized, as Keras's `mode="auto"`.
enum MonitoredValue {
    /// Whether `monitor` names a score, larger being better.
    static func maximizedByDefault(_ monitor: String) -> Bool {
        ["acc", "precision", "recall", "f1", "r2"].contains { monitor.contains($0) }
    }

    /// Whether `value` improves on `best` by more than `minDelta` (Keras's `monitor_op`:
    /// `value < best − minDelta` when minimizing, `value > best + minDelta` when maximizing);
    /// the first value (`best` nil) always does.
    static func improves(_ value: Double, on best: Double?, maximize: Bool, minDelta: Double = 0) -> Bool {
        guard let best else { return true }
        return maximize ? value > best + minDelta : value < best - minDelta
    }

    /// `monitor`'s value in `logs`, or an error naming the logged values.
    static func value(_ monitor: String, in logs: [String: Double], for callback: String) throws -> Double {
        guard let value = logs[monitor] else {
            throw TrainingError.invalidArgument(
                "\(callback): no value \"\(monitor)\" to monitor (logged: \(logs.keys.sorted().joined(separator: ", ")))")
        }
        return value
    }
}

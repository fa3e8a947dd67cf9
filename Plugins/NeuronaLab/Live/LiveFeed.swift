import Foundation

/// What a ``LiveView`` has seen of a training run, kept for the page: every batch's loss, every
/// epoch's logs, the latest layer statistics and predictions. The page asks for what is new
/// since the last batch it has.
final class LiveFeed: @unchecked Sendable {
    /// One batch's logged values.
    struct Batch: Codable, Equatable, Sendable {
        var step: Int, epoch: Int, batch: Int
        var logs: [String: Double]
        var learningRate: Double?
    }
    /// One epoch's logged values (loss, metrics, `val_` values).
    struct Epoch: Codable, Equatable, Sendable {
        var epoch: Int
        var logs: [String: Double]
    }
    /// One layer's parameter statistics.
    struct LayerStatistics: Codable, Equatable, Sendable {
        /// The parameter's name (`layers.0.weight`).
        var name: String
        /// The gradient's L2 norm on the probe batch (nil without a probe).
        var gradientNorm: Double?
        /// The histogram's edges' ends and its counts.
        var low: Double, high: Double
        var counts: [Int]
    }
    /// One example shown with the model's guess.
    struct Prediction: Codable, Equatable, Sendable {
        /// Grayscale pixels 0…255, base64, row by row.
        var pixels: String
        var width: Int, height: Int
        var predicted: String, actual: String
    }
    /// What the page receives.
    struct Snapshot: Codable, Equatable, Sendable {
        var title: String
        var running: Bool
        var totalBatches: Int
        var batches: [Batch]
        var epochs: [Epoch]
        var layers: [LayerStatistics]
        var predictions: [Prediction]

        /// The answer when no training run is attached (the lab alone).
        static let none = Snapshot(title: "", running: false, totalBatches: 0, batches: [], epochs: [], layers: [], predictions: [])
    }

    private let lock = NSLock()
    private var state: Snapshot
    /// The most batches kept: older ones are thinned to every other one, so a long run's curve stays whole.
    static let maximumBatches = 20_000
    private var stride = 1
    private var seen = 0
    /// Counts the changes, so that ``LiveSocket`` sends a snapshot only when something is new.
    private var version = 0

    init(title: String) {
        state = Snapshot(title: title, running: false, totalBatches: 0, batches: [], epochs: [], layers: [], predictions: [])
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    /// Changes the state, counting the change.
    private func changing(_ body: () -> Void) {
        locked {
            version += 1
            body()
        }
    }

    func begin() { changing { state.running = true } }
    func end() { changing { state.running = false } }

    func add(_ batch: Batch) {
        changing {
            seen += 1
            state.totalBatches = seen
            guard seen % stride == 0 else { return }
            state.batches.append(batch)
            if state.batches.count >= Self.maximumBatches {
                state.batches = state.batches.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
                stride *= 2
            }
        }
    }

    func add(_ epoch: Epoch) { changing { state.epochs.append(epoch) } }
    func set(layers: [LayerStatistics]) { changing { state.layers = layers } }
    func set(predictions: [Prediction]) { changing { state.predictions = predictions } }

    /// Everything, with only the batches after step `since`.
    func snapshot(since: Int) -> Snapshot { changes(since: since, after: nil)!.snapshot }

    /// Everything, with only the batches after step `since`, and the version it shows; nil
    /// when nothing changed after `version`.
    func changes(since: Int, after version: Int?) -> (snapshot: Snapshot, version: Int)? {
        locked {
            guard version != self.version else { return nil }
            var copy = state
            copy.batches = state.batches.filter { $0.step > since }
            return (copy, self.version)
        }
    }
}

import Foundation
import NeuronaCore
import NeuronaLayers

/// One page's playground: its trainer, its uploaded data, and the loss curve not yet sent.
/// Each browser tab has its own, so tabs train independently.
final class PlaygroundSession: @unchecked Sendable {
    let id: String
    /// Held while training or reading the trainer: one tab's requests run one at a time.
    private let lock = NSLock()
    private var trainer: PlaygroundTrainer
    private var uploaded: PlaygroundData?
    private var unsent: [PlaygroundFrame.LossPoint] = []
    private(set) var lastUsed = Date()

    init(id: String, settings: PlaygroundSettings) throws {
        self.id = id
        trainer = try PlaygroundTrainer(settings: settings)
        unsent = [Self.lossPoint(trainer)]
    }

    private static func lossPoint(_ trainer: PlaygroundTrainer) -> PlaygroundFrame.LossPoint {
        let m = trainer.measure()
        return .init(epoch: trainer.epoch, trainLoss: m.trainLoss, testLoss: m.testLoss)
    }

    private func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        lastUsed = Date()
        return try body()
    }

    private func frame(epochsPerSecond: Double? = nil, includeData: Bool) -> PlaygroundFrame {
        defer { unsent = [] }
        return trainer.frame(session: id, history: unsent, epochsPerSecond: epochsPerSecond, includeData: includeData)
    }

    /// The current picture, with the data.
    func current() -> PlaygroundFrame { locked { frame(includeData: true) } }

    /// Trains up to `epochs` epochs, stopping early once `budget` seconds have passed (at least one).
    func step(epochs: Int, budget: Double) throws -> PlaygroundFrame {
        try locked {
            let start = Date()
            var done = 0
            while done < epochs {
                try trainOneEpoch()
                done += 1
                if Date().timeIntervalSince(start) >= budget { break }
            }
            let elapsed = Date().timeIntervalSince(start)
            return frame(epochsPerSecond: elapsed > 0 ? Double(done) / elapsed : nil, includeData: false)
        }
    }

    /// Trains one epoch, keeping its loss point for the next frame (``PlaygroundSocket`` plays this way).
    func trainEpoch() throws { try locked { try trainOneEpoch() } }

    private func trainOneEpoch() throws {
        try trainer.trainEpoch()
        unsent.append(Self.lossPoint(trainer))
    }

    /// The network now, with the loss points trained since the previous frame.
    /// - Parameter epochsPerSecond: The speed of the training since then.
    func frame(epochsPerSecond: Double?) -> PlaygroundFrame { locked { frame(epochsPerSecond: epochsPerSecond, includeData: false) } }

    /// The same network with another learning rate and regularization rate (the
    /// TensorFlow playground changes these two without starting over).
    func tune(settings: PlaygroundSettings) throws -> PlaygroundFrame {
        try locked {
            try trainer.tune(learningRate: settings.learningRate, regularizationRate: settings.regularizationRate)
            return frame(includeData: false)
        }
    }

    /// A fresh network for `settings` (new weights, epoch 0), on the uploaded points when
    /// `useUploaded` and there are some, else on the settings' data set.
    func reset(settings: PlaygroundSettings, useUploaded: Bool) throws -> PlaygroundFrame {
        try locked {
            let next = try PlaygroundTrainer(settings: settings, data: useUploaded ? uploaded : nil)
            trainer = next
            unsent = [Self.lossPoint(next)]
            return frame(includeData: true)
        }
    }

    /// Trains from now on the points of an uploaded CSV (a fresh network).
    func upload(csv: String, settings: PlaygroundSettings) throws -> PlaygroundFrame {
        try locked {
            let data = try PlaygroundData(csv: csv, seed: settings.seed)
            let next = try PlaygroundTrainer(settings: settings, data: data)
            uploaded = data
            trainer = next
            unsent = [Self.lossPoint(next)]
            return frame(includeData: true)
        }
    }

    /// The trained network as a file: `json` (Neurona's layer JSON), `safetensors` (its
    /// weights) or `swift` (a snippet that rebuilds it).
    func export(format: String) throws -> (data: Data, contentType: String, fileName: String) {
        try locked {
            switch format {
            case "json": return (Data(try LayerRegistry.json(for: trainer.network).utf8), "application/json", "playground-model.json")
            case "safetensors":
                return (Safetensors.encode(trainer.network.weights(), metadata: ["format": "pt"]), "application/octet-stream",
                        "playground-model.safetensors")
            case "swift": return (Data(PlaygroundSnippet.swift(for: trainer).utf8), "text/plain; charset=utf-8", "PlaygroundModel.swift")
            default: throw LabError.badRequest("export format '\(format)' is not one of json, safetensors, swift")
            }
        }
    }

    /// Puts back exported weights: `safetensors` must fit the current network exactly; `json`,
    /// when given, must describe the same network.
    func importModel(json: String?, safetensors: Data) throws -> PlaygroundFrame {
        try locked {
            if let json {
                let given: any Layer
                do { given = try LayerRegistry.default.make(from: json) } catch {
                    throw LabError.badUpload(what: "model JSON", message: "\(error)")
                }
                guard try LayerRegistry.json(for: given) == LayerRegistry.json(for: trainer.network) else {
                    throw LabError.badUpload(what: "model JSON", message: "it describes another network; set the same layers first")
                }
            }
            let contents: Safetensors.Contents
            do { contents = try Safetensors.decode(safetensors, file: "the uploaded safetensors") } catch {
                throw LabError.badUpload(what: "safetensors", message: "\(error)")
            }
            do { try trainer.network.loadWeights(contents.tensors) } catch {
                throw LabError.badUpload(what: "safetensors", message: "\(error)")
            }
            unsent = [Self.lossPoint(trainer)]
            return frame(includeData: false)
        }
    }
}

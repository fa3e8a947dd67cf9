import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaLosses
import NeuronaMetrics
import NeuronaOptimizers

/// A saved model folder:
/// - `model.json`: the network's JSON description and the compile settings (optimizer and
///   loss configs, metric names);
/// - `weights.safetensors`: every parameter and buffer by its stable name;
/// - `optimizer.safetensors`: the optimizer's state (`<parameter>.<slot>`, `iterations`);
/// - `training.json`: completed epochs and the random generators (the model's and each
///   stochastic layer's), so that resumed training draws the same numbers.
///
/// Saving never leaves the destination without a complete checkpoint: the folder is written and
/// fsynced beside its destination (`.<name>.saving-<UUID>`), then swapped with the old one in one
/// atomic step (`renameat2` with `RENAME_EXCHANGE`; see `CheckpointFiles`), the parent folder is
/// fsynced, and the replaced version and any staging folders of earlier interrupted saves are
/// removed. `load` from a path an interrupted save left empty recovers the newest complete
/// folder beside it.
extension Model {
    struct TrainingState: Codable {
        var completedEpochs: Int
        var generator: RandomGenerator
        var layerGenerators: [String: RandomGenerator]
    }

    /// The files of a checkpoint folder, in the order `save` writes them.
    static let checkpointFiles = ["model.json", "weights.safetensors", "optimizer.safetensors", "training.json"]

    /// Test hooks by destination path (see ``CheckpointSaveHook``); tests of other folders,
    /// running in parallel, are not affected.
    nonisolated(unsafe) private static var saveHooks: [String: CheckpointSaveHook] = [:]
    private static let saveHooksLock = NSLock()

    /// Installs (or with nil removes) the test hook for saves to `url`.
    static func setSaveHook(_ hook: CheckpointSaveHook?, for url: URL) {
        saveHooksLock.lock()
        defer { saveHooksLock.unlock() }
        saveHooks[url.standardizedFileURL.path] = hook
    }

    static func saveHook(for url: URL) -> CheckpointSaveHook? {
        saveHooksLock.lock()
        defer { saveHooksLock.unlock() }
        return saveHooks[url.path]
    }

    /// A registered object's config as a JSON object with its `"type"`.
    static func configObject(type: String, _ encode: @escaping (Encoder) throws -> Void) throws -> [String: Any] {
        let body = try JSONEncoder().encode(EncodableClosure(encode))
        var object = try JSONSerialization.jsonObject(with: body) as? [String: Any] ?? [:]
        object["type"] = type
        return object
    }

    /// The optimizer's and the loss's type and settings, as a checkpoint's `model.json` holds them
    /// (nil before `compile`).
    func compileSettings() throws -> (optimizer: [String: Any]?, loss: [String: Any]?) {
        (try optimizer.map { o in try Model.configObject(type: type(of: o).typeName) { try o.encodeConfig(to: $0) } },
         try loss.map { l in try Model.configObject(type: type(of: l).typeName) { try l.encodeConfig(to: $0) } })
    }

    static func jsonText(_ object: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    }

    /// The contents of each checkpoint file, in ``checkpointFiles`` order.
    func checkpointContents() throws -> [Data] {
        var description: [String: Any] = [
            "format": "neurona-model", "version": 1, "metrics": metricNames,
            "network": try JSONSerialization.jsonObject(with: Data(LayerRegistry.json(for: network).utf8)),
        ]
        let settings = try compileSettings()
        description["optimizer"] = settings.optimizer
        description["loss"] = settings.loss
        var layerGenerators: [String: RandomGenerator] = [:]
        for (path, layer) in network.allLayers() {
            if let stochastic = layer as? any StochasticLayer { layerGenerators[path] = stochastic.generator }
        }
        let state = TrainingState(completedEpochs: completedEpochs, generator: generator, layerGenerators: layerGenerators)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return [try Model.jsonText(description),
                Safetensors.encode(network.weights(), metadata: ["format": "pt"]),
                Safetensors.encode(optimizer?.stateTensors() ?? [:]),
                try encoder.encode(state)]
    }

    /// Saves everything needed to resume training exactly into the folder at `url`, replacing
    /// any folder there in one atomic step.
    ///
    /// - Parameter url: The checkpoint folder.
    /// - Throws: ``TrainingError/badCheckpoint(file:message:)`` naming the file or folder that
    ///   could not be written; the folder at `url` is then unchanged.
    public func save(to url: URL) throws {
        let fm = FileManager.default
        let url = url.standardizedFileURL
        let hook = Model.saveHook(for: url)
        func step(_ done: CheckpointSaveStep) throws { try hook?.afterStep(done) }
        let parent = url.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let contents = try checkpointContents()
        let staging = parent.appendingPathComponent(CheckpointFiles.stagingPrefix(for: url) + UUID().uuidString)
        try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        do {
            try step(.createdStaging)
            for (name, data) in zip(Model.checkpointFiles, contents) {
                try CheckpointFiles.writeSynced(data, to: staging.appendingPathComponent(name)) { try step(.wroteHalf(name)) }
                try step(.wrote(name))
            }
            try CheckpointFiles.syncFolder(staging)
            try step(.syncedStaging)
            if fm.fileExists(atPath: url.path) {
                if hook?.exchanges ?? true, try CheckpointFiles.exchange(staging, url) {
                    try step(.exchanged)        // the old version is now at `staging`
                } else {
                    let old = parent.appendingPathComponent(CheckpointFiles.oldPrefix(for: url) + UUID().uuidString)
                    try CheckpointFiles.rename(url, to: old)
                    try step(.movedOldAway)
                    try CheckpointFiles.rename(staging, to: url)
                    try step(.movedNewIn)
                }
            } else {
                try CheckpointFiles.rename(staging, to: url)
                try step(.movedNewIn)
            }
            try CheckpointFiles.syncFolder(parent)
            try step(.syncedParent)
        } catch let stop as CheckpointSaveInterruption {
            throw stop   // a simulated crash: leave everything as it is
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
        // The new version is in place: remove the replaced one and what interrupted saves left.
        for leftover in CheckpointFiles.leftovers(of: url) {
            try fm.removeItem(at: leftover)
        }
        try step(.removedStale)
    }

    /// A model restored from a folder written by ``save(to:)``: the network through `registry`,
    /// its weights (strictly: missing and unexpected keys are named), the optimizer with its
    /// state, the loss, the metrics, the epoch count and the random generators.
    ///
    /// When nothing is at `url` but a save of it was interrupted after writing a complete
    /// folder beside it, that folder is moved into place and loaded.
    ///
    /// - Parameters:
    ///   - url: The checkpoint folder.
    ///   - registry: Makes the network's layers from their JSON.
    /// - Throws: ``TrainingError/badCheckpoint(file:message:)`` naming the missing or bad file.
    public static func load(from url: URL, registry: LayerRegistry = .default) throws -> Model {
        let url = url.standardizedFileURL
        if !FileManager.default.fileExists(atPath: url.path), let recovered = recoverInterruptedSave(of: url, registry: registry) {
            return recovered
        }
        return try loadFolder(url, registry: registry)
    }

    /// The newest complete folder an interrupted save of `url` left beside it, moved to `url`
    /// and loaded; nil when there is none.
    static func recoverInterruptedSave(of url: URL, registry: LayerRegistry) -> Model? {
        var best: (model: Model, folder: URL, date: Date)?
        for folder in CheckpointFiles.leftovers(of: url) {
            guard let model = try? loadFolder(folder, registry: registry) else { continue }   // incomplete: skip
            let stamp = folder.appendingPathComponent("training.json").path
            let date = (try? FileManager.default.attributesOfItem(atPath: stamp)[.modificationDate] as? Date) ?? .distantPast
            if best == nil || date > best!.date { best = (model, folder, date) }
        }
        guard let best else { return nil }
        // Put it back where it belongs; if that fails (a read-only folder), the model still loads.
        if (try? CheckpointFiles.rename(best.folder, to: url)) != nil {
            try? CheckpointFiles.syncFolder(url.deletingLastPathComponent())
        }
        return best.model
    }

    /// A model from the complete checkpoint folder at `url`.
    static func loadFolder(_ url: URL, registry: LayerRegistry) throws -> Model {
        func file(_ name: String) throws -> URL {
            let file = url.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: file.path) else {
                let reason = FileManager.default.fileExists(atPath: url.path) ? "missing file \(name) in the checkpoint folder"
                    : "missing file: no checkpoint folder at \(url.path)"
                throw TrainingError.badCheckpoint(file: file.path, message: reason)
            }
            return file
        }
        func read(_ name: String) throws -> Data {
            let path = try file(name)
            do {
                return try Data(contentsOf: path)
            } catch {
                throw TrainingError.badCheckpoint(file: path.path, message: "cannot read the file: \(error.localizedDescription)")
            }
        }
        let modelFile = url.appendingPathComponent("model.json").path
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: read("model.json"))
        } catch let error as TrainingError {
            throw error
        } catch {
            throw TrainingError.badCheckpoint(file: modelFile, message: "not valid JSON (\((error as NSError).userInfo[NSDebugDescriptionErrorKey] ?? error.localizedDescription))")
        }
        guard let description = parsed as? [String: Any] else {
            throw TrainingError.badCheckpoint(file: modelFile, message: "not a JSON object")
        }
        guard description["format"] as? String == "neurona-model", description["version"] as? Int == 1,
              let networkObject = description["network"] as? [String: Any] else {
            throw TrainingError.badCheckpoint(file: modelFile, message: "not a Neurona model description (format neurona-model, version 1, with a network)")
        }
        /// Runs `body`, naming `file` (and what was being read) in any error it throws that
        /// does not name a file already.
        func inFile<T>(_ file: String, _ what: String, _ body: () throws -> T) throws -> T {
            do {
                return try body()
            } catch let error as TrainingError {
                throw error
            } catch let error as SafetensorsError {
                throw error
            } catch {
                throw TrainingError.badCheckpoint(file: file, message: "\(what): \(error)")
            }
        }
        let network = try inFile(modelFile, "network") {
            do {
                return try registry.make(from: jsonText(networkObject))
            } catch LayerError.unknownType(let path, let name, let closest, nil) {
                // Keras's answer is `custom_objects`; here the type is registered once, before loading.
                let error = LayerError.unknownType(path: path, name: name, closest: closest, plugin: nil)
                throw TrainingError.badCheckpoint(
                    file: modelFile,
                    message: "network: \(error); if \(name) is a layer of your own, register it before loading: "
                        + "try LayerRegistry.default.register(\(name).self, package: \"MyPackage\"), or pass Model.load(from:registry:) a registry that has it "
                        + "(Keras's custom_objects)")
            }
        }
        let metricNames = description["metrics"] as? [String] ?? []
        let model = Model(network)
        let weightsFile = try file("weights.safetensors")
        try inFile(weightsFile.path, "weights") { try model.network.loadWeights(Safetensors.read(from: weightsFile)) }
        if let optimizerConfig = description["optimizer"], let lossConfig = description["loss"] {
            try inFile(modelFile, "compile settings") {
                model.compile(optimizer: try OptimizerRegistry.default.make(fromJSON: String(decoding: jsonText(optimizerConfig), as: UTF8.self)),
                              loss: try LossRegistry.default.make(fromJSON: String(decoding: jsonText(lossConfig), as: UTF8.self)),
                              metrics: try metricNames.map { try MetricRegistry.default.make($0) })
            }
            model.metricNames = metricNames
            let stateFile = try file("optimizer.safetensors")
            try inFile(stateFile.path, "optimizer state") {
                try model.optimizer!.loadStateTensors(Safetensors.read(from: stateFile), for: model.parameters)
            }
        }
        let trainingFile = try file("training.json")
        let state: TrainingState
        do {
            state = try JSONDecoder().decode(TrainingState.self, from: read("training.json"))
        } catch {
            throw TrainingError.badCheckpoint(file: trainingFile.path, message: "not a training state: \(error)")
        }
        model.completedEpochs = state.completedEpochs
        model.generator = state.generator
        for (path, layer) in model.network.allLayers() {
            if let stochastic = layer as? any StochasticLayer, let g = state.layerGenerators[path] {
                stochastic.generator = g
            }
        }
        return model
    }
}

/// A test hook for saves to one folder: `afterStep` is called after every step of `save` (each
/// half and whole file write, each fsync of a folder, each rename); throwing
/// ``CheckpointSaveInterruption`` from it stops the save on the spot, without any cleanup, as a
/// crash would. `exchanges: false` takes the fallback path of systems without `RENAME_EXCHANGE`.
struct CheckpointSaveHook {
    var exchanges = true
    var afterStep: (CheckpointSaveStep) throws -> Void
}

/// What the fault-injection test hook throws to stop a save as a crash would (no cleanup).
struct CheckpointSaveInterruption: Error {
    let step: CheckpointSaveStep
}

/// Encodes by calling a closure.
struct EncodableClosure: Encodable {
    let body: (Encoder) throws -> Void
    init(_ body: @escaping (Encoder) throws -> Void) { self.body = body }
    func encode(to encoder: Encoder) throws { try body(encoder) }
}

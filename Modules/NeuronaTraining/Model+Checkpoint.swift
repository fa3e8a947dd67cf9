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
/// The folder is written beside its destination and renamed into place, so a crash never
/// leaves a half-written checkpoint.
extension Model {
    struct TrainingState: Codable {
        var completedEpochs: Int
        var generator: RandomGenerator
        var layerGenerators: [String: RandomGenerator]
    }

    /// A registered object's config as a JSON object with its `"type"`.
    static func configObject(type: String, _ encode: @escaping (Encoder) throws -> Void) throws -> [String: Any] {
        let body = try JSONEncoder().encode(EncodableClosure(encode))
        var object = try JSONSerialization.jsonObject(with: body) as? [String: Any] ?? [:]
        object["type"] = type
        return object
    }

    static func jsonText(_ object: Any) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    }

    /// Saves everything needed to resume training exactly into the folder at `url`.
    public func save(to url: URL) throws {
        let fm = FileManager.default
        let parent = url.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(url.lastPathComponent).saving-\(UUID().uuidString)")
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            var description: [String: Any] = [
                "format": "neurona-model", "version": 1, "metrics": metricNames,
                "network": try JSONSerialization.jsonObject(with: Data(LayerRegistry.json(for: network).utf8)),
            ]
            if let optimizer {
                description["optimizer"] = try Model.configObject(type: type(of: optimizer).typeName) { try optimizer.encodeConfig(to: $0) }
            }
            if let loss {
                description["loss"] = try Model.configObject(type: type(of: loss).typeName) { try loss.encodeConfig(to: $0) }
            }
            try Model.jsonText(description).write(to: staging.appendingPathComponent("model.json"), options: .atomic)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try Safetensors.write(network.weights(), metadata: ["format": "pt"], to: staging.appendingPathComponent("weights.safetensors"))
            try Safetensors.write(optimizer?.stateTensors() ?? [:], to: staging.appendingPathComponent("optimizer.safetensors"))
            var layerGenerators: [String: RandomGenerator] = [:]
            for (path, layer) in network.allLayers() {
                if let stochastic = layer as? any StochasticLayer { layerGenerators[path] = stochastic.generator }
            }
            let state = TrainingState(completedEpochs: completedEpochs, generator: generator, layerGenerators: layerGenerators)
            try encoder.encode(state).write(to: staging.appendingPathComponent("training.json"), options: .atomic)
            // Swap the finished folder into place.
            if fm.fileExists(atPath: url.path) {
                let old = parent.appendingPathComponent(".\(url.lastPathComponent).old-\(UUID().uuidString)")
                try fm.moveItem(at: url, to: old)
                try fm.moveItem(at: staging, to: url)
                try? fm.removeItem(at: old)
            } else {
                try fm.moveItem(at: staging, to: url)
            }
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
    }

    /// A model restored from a folder written by ``save(to:)``: the network through `registry`,
    /// its weights (strictly: missing and unexpected keys are named), the optimizer with its
    /// state, the loss, the metrics, the epoch count and the random generators.
    public static func load(from url: URL, registry: LayerRegistry = .default) throws -> Model {
        func read(_ name: String) throws -> Data {
            let file = url.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: file.path) else {
                throw TrainingError.badCheckpoint(file: file.path, message: "missing or unreadable")
            }
            return data
        }
        let modelFile = url.appendingPathComponent("model.json").path
        guard let description = try? JSONSerialization.jsonObject(with: read("model.json")) as? [String: Any] else {
            throw TrainingError.badCheckpoint(file: modelFile, message: "not a JSON object")
        }
        guard description["format"] as? String == "neurona-model", description["version"] as? Int == 1,
              let networkObject = description["network"] as? [String: Any] else {
            throw TrainingError.badCheckpoint(file: modelFile, message: "not a Neurona model description (format neurona-model, version 1, with a network)")
        }
        let network = try registry.make(from: jsonText(networkObject))
        let metricNames = description["metrics"] as? [String] ?? []
        let model = Model(network)
        try model.network.loadWeights(Safetensors.read(from: url.appendingPathComponent("weights.safetensors")))
        if let optimizerConfig = description["optimizer"], let lossConfig = description["loss"] {
            model.compile(optimizer: try OptimizerRegistry.default.make(fromJSON: String(decoding: jsonText(optimizerConfig), as: UTF8.self)),
                          loss: try LossRegistry.default.make(fromJSON: String(decoding: jsonText(lossConfig), as: UTF8.self)),
                          metrics: try metricNames.map { try MetricRegistry.default.make($0) })
            model.metricNames = metricNames
            try model.optimizer!.loadStateTensors(Safetensors.read(from: url.appendingPathComponent("optimizer.safetensors")),
                                                  for: model.parameters)
        }
        let state = try JSONDecoder().decode(TrainingState.self, from: read("training.json"))
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

/// Encodes by calling a closure.
struct EncodableClosure: Encodable {
    let body: (Encoder) throws -> Void
    init(_ body: @escaping (Encoder) throws -> Void) { self.body = body }
    func encode(to encoder: Encoder) throws { try body(encoder) }
}

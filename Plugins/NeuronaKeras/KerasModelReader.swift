import Foundation
import NeuronaAttention
import NeuronaLayers

/// A Keras layer of the model and the Neurona layer made for it: where its weights are in
/// `model.weights.h5` and where it is in `config.json`.
package struct KerasLayerEntry {
    /// The layer's group in `model.weights.h5` (`layers/dense_1`).
    package var weightsPath: String
    /// The layer's JSON path in `config.json` (`config.layers[2]`).
    package var configPath: String
    /// Keras's `class_name`.
    package var className: String
    /// The Neurona layer.
    package var layer: any Layer
    /// Its mapping.
    package var mapping: KerasLayerMapping
}

/// Reads `config.json`: a Keras `Sequential` or functional `Model` becomes Neurona's `Sequential`
/// or `Graph`, each Keras layer made by the ``LayerRegistry`` under the class name Keras gives it
/// (aliases included: `MaxPooling2D` is `MaxPool2D`), from the settings its
/// ``KerasLayerMapping`` reads off Keras's config.
package struct KerasModelReader {
    /// The `.keras` file's name, for errors.
    package var file: String
    /// The registry that makes the layers (with NeuronaNormalization's, NeuronaRecurrent's and
    /// NeuronaAttention's layers registered).
    package var registry: LayerRegistry

    package init(file: String, registry: LayerRegistry) {
        self.file = file
        self.registry = registry
    }

    /// The network and its layers, in the order Keras keeps their weights.
    package func read(_ config: Data) throws -> (network: any Layer, layers: [KerasLayerEntry]) {
        let root: JSONValue
        do { root = try JSONDecoder().decode(JSONValue.self, from: config) } catch {
            throw KerasError.invalidConfig(file: file, path: "", message: "not JSON (\(error))")
        }
        guard let top = root.objectValue else { throw invalid("", "expected an object describing a Keras model, found \(root.kerasText.prefix(40))") }
        let className = top["class_name"]?.stringValue ?? ""
        guard let body = top["config"]?.objectValue else { throw invalid("config", "expected the model's config object") }
        switch className {
        case "Sequential": return try sequential(body, top: top)
        case "Functional", "Model": return try functional(body)
        default:
            throw invalid("class_name", "\"\(className)\" is not a model Neurona reads: a .keras file of a Sequential or a functional Model (subclassed models keep their code in Python)")
        }
    }

    func invalid(_ path: String, _ message: String) -> KerasError {
        .invalidConfig(file: file, path: path, message: message)
    }

    /// Keras's names for a layer's weights group: the snake-cased class name, `_1`, `_2`… for
    /// the second and third layers of a class in the model's `layers` (Keras's `_get_unique_name`).
    struct WeightsKeys {
        var used: [String: Int] = [:]
        mutating func next(_ className: String) -> String {
            let base = snakeCase(className)
            if let count = used[base] {
                used[base] = count + 1
                return "layers/\(base)_\(count + 1)"
            }
            used[base] = 0
            return "layers/\(base)"
        }
    }

    /// The one layer `description` (`{"class_name": …, "config": {…}}`) at `path` describes.
    func layer(_ description: [String: JSONValue], path: String, weightsPath: String) throws -> KerasLayerEntry {
        guard let className = description["class_name"]?.stringValue else { throw invalid(path + ".class_name", "expected the layer's class name") }
        guard let values = description["config"]?.objectValue else { throw invalid(path + ".config", "expected the layer's config object") }
        if className == "Sequential" || className == "Functional" || className == "Model" {
            throw KerasError.unsupportedLayer(file: file, path: path, className: className,
                                             hint: "a model nested in a model is not read; save the inner layers in the outer model")
        }
        let keras = KerasLayerConfig(file: file, path: path, className: className, values: values)
        guard let canonical = registry.canonicalName(for: className) else {
            throw KerasError.unsupportedLayer(file: file, path: path, className: className,
                                             hint: "NeuronaKeras reads \(KerasLayerMapping.kerasClassNames.joined(separator: ", "))")
        }
        // An alias (`MaxPooling2D`) is a registered name of its own: the type is the one it stands for.
        let plain = canonical.split(separator: ">").last.map(String.init) ?? canonical
        let typeName = LayerRegistry.kerasAliases[plain] ?? plain
        guard let mapping = KerasLayerMapping.all[typeName] else {
            throw KerasError.unsupportedLayer(file: file, path: path, className: className,
                                             hint: "Neurona registers \(canonical), but NeuronaKeras has no mapping of Keras's \(className) to it")
        }
        let settings = try mapping.settings(keras)
        do {
            return KerasLayerEntry(weightsPath: weightsPath, configPath: path, className: className,
                                   layer: try registry.make(canonical, settings: settings), mapping: mapping)
        } catch {
            throw invalid(path + ".config", "Neurona's \(typeName) refuses these settings: \(error)")
        }
    }

    /// The shape without the batch axis from an InputLayer's `batch_shape` (or Keras 2's `batch_input_shape`).
    func inputShape(_ values: [String: JSONValue], path: String) throws -> [Int] {
        guard let batchShape = (values["batch_shape"] ?? values["batch_input_shape"])?.arrayValue, !batchShape.isEmpty else {
            throw invalid(path + ".config.batch_shape", "expected [null, …]: the batch axis, then one example's shape")
        }
        let shape = batchShape.dropFirst().map(\.kerasInt)
        guard shape.allSatisfy({ ($0 ?? 0) > 0 }) else {
            throw invalid(path + ".config.batch_shape", "\(JSONValue.array(batchShape).kerasText): every axis but the batch needs a known size for Neurona to build the model")
        }
        return shape.map { $0! }
    }

    // MARK: Sequential

    func sequential(_ body: [String: JSONValue], top: [String: JSONValue]) throws -> (network: any Layer, layers: [KerasLayerEntry]) {
        guard let descriptions = body["layers"]?.arrayValue else { throw invalid("config.layers", "expected the list of layers") }
        var keys = WeightsKeys()
        var shape: [Int]?
        var entries: [KerasLayerEntry] = []
        for (i, item) in descriptions.enumerated() {
            let path = "config.layers[\(i)]"
            guard let description = item.objectValue else { throw invalid(path, "expected a layer's description") }
            if description["class_name"]?.stringValue == "InputLayer" {
                guard i == 0 else { throw invalid(path, "an InputLayer can only come first") }
                shape = try inputShape(description["config"]?.objectValue ?? [:], path: path)
                continue
            }
            // Sequential's `layers` (what Keras walks saving the weights) leaves the InputLayer out.
            entries.append(try layer(description, path: path, weightsPath: keys.next(description["class_name"]?.stringValue ?? "")))
        }
        if shape == nil, let built = top["build_config"]?.objectValue?["input_shape"]?.arrayValue, !built.isEmpty {
            shape = try inputShape(["batch_shape": .array(built)], path: "build_config")
        }
        guard let shape else {
            throw invalid("config.layers", "the model has no input shape (no InputLayer, no build_config): Keras saved it unbuilt, without weights")
        }
        let network = Sequential(entries.map(\.layer))
        do { try network.build(inputShape: shape, seed: 0) } catch {
            throw invalid("config.layers", "the layers do not fit inputs of shape \(shape): \(error)")
        }
        return (network, entries)
    }

    // MARK: Functional

    /// A tensor reference's layer name (`keras_history[0]`), checking it is a layer's only output.
    func historyName(_ tensor: JSONValue, path: String) throws -> String {
        guard let history = tensor.objectValue?["config"]?.objectValue?["keras_history"]?.arrayValue, history.count == 3,
              let name = history[0].stringValue else {
            throw invalid(path, "expected a Keras tensor (an object with config.keras_history)")
        }
        guard history[1].kerasInt == 0, history[2].kerasInt == 0 else {
            throw invalid(path, "uses output \(history[2].kerasText) of call \(history[1].kerasText) of \"\(name)\": Neurona's graph calls each layer once and takes its one output")
        }
        return name
    }

    /// `[name, 0, 0]` or a list of them: the names.
    func endpoints(_ value: JSONValue?, path: String) throws -> [String] {
        guard let items = value?.arrayValue, !items.isEmpty else { throw invalid(path, "expected [name, 0, 0] or a list of them") }
        let list = items[0].arrayValue != nil ? items : [value!]
        return try list.enumerated().map { i, item in
            guard let triple = item.arrayValue, triple.count == 3, let name = triple[0].stringValue,
                  triple[1].kerasInt == 0, triple[2].kerasInt == 0 else {
                throw invalid("\(path)[\(i)]", "expected [name, 0, 0], found \(item.kerasText)")
            }
            return name
        }
    }

    func functional(_ body: [String: JSONValue]) throws -> (network: any Layer, layers: [KerasLayerEntry]) {
        guard let descriptions = body["layers"]?.arrayValue else { throw invalid("config.layers", "expected the list of layers") }
        let inputNames = try endpoints(body["input_layers"], path: "config.input_layers")
        let outputs = try endpoints(body["output_layers"], path: "config.output_layers")
        var keys = WeightsKeys()
        var inputs: [Graph.Input] = []
        var nodes: [Graph.Node] = []
        var entries: [KerasLayerEntry] = []
        for (i, item) in descriptions.enumerated() {
            let path = "config.layers[\(i)]"
            guard let description = item.objectValue, let className = description["class_name"]?.stringValue else {
                throw invalid(path, "expected a layer's description")
            }
            guard let name = description["name"]?.stringValue ?? description["config"]?.objectValue?["name"]?.stringValue else {
                throw invalid(path + ".name", "expected the layer's name")
            }
            // A functional model's `layers` (what Keras walks saving the weights) includes its InputLayers.
            let weightsPath = keys.next(className)
            if className == "InputLayer" {
                inputs.append(Graph.Input(name: name, shape: try inputShape(description["config"]?.objectValue ?? [:], path: path)))
                continue
            }
            var entry = try layer(description, path: path, weightsPath: weightsPath)
            let (sources, causal) = try inbound(description["inbound_nodes"], path: path + ".inbound_nodes", entry: entry)
            if causal { entry = try causalAttention(entry) }
            entries.append(entry)
            nodes.append(Graph.Node(name: name, layer: entry.layer, inputs: sources))
        }
        let declared = Set(inputs.map(\.name))
        for (i, name) in inputNames.enumerated() where !declared.contains(name) {
            throw invalid("config.input_layers[\(i)]", "\"\(name)\" is not an InputLayer of the model")
        }
        inputs.sort { inputNames.firstIndex(of: $0.name) ?? .max < inputNames.firstIndex(of: $1.name) ?? .max }
        do {
            return (try Graph(inputs: inputs, nodes: nodes, outputs: outputs), entries)
        } catch {
            throw invalid("config.layers", "Neurona's Graph cannot be made from these layers: \(error)")
        }
    }

    /// The names of a node's inputs, and attention's `use_causal_mask`.
    func inbound(_ value: JSONValue?, path: String, entry: KerasLayerEntry) throws -> ([String], Bool) {
        guard let calls = value?.arrayValue, !calls.isEmpty else { throw invalid(path, "the layer is never called (no inbound node)") }
        guard calls.count == 1 else {
            throw KerasError.unsupportedLayer(file: file, path: entry.configPath, className: entry.className,
                                             hint: "it is called \(calls.count) times (a shared layer); Neurona's graph calls each layer once")
        }
        guard let call = calls[0].objectValue, let args = call["args"]?.arrayValue, !args.isEmpty else {
            throw invalid(path + "[0].args", "expected the call's arguments")
        }
        var causal = false
        for (key, value) in (call["kwargs"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            switch (key, value) {
            case (_, .null), ("training", _), ("return_attention_scores", .bool(false)): continue
            case ("use_causal_mask", .bool(let b)) where entry.layer is MultiHeadAttention: causal = b
            default:
                throw KerasError.unsupportedSetting(file: file, path: path + "[0].kwargs", className: entry.className, setting: key,
                                                    message: "\(value.kerasText): Neurona's graph passes no such argument")
            }
        }
        if entry.layer is MultiHeadAttention {
            // attention(query, value[, key]): Neurona's MultiHeadAttention is self-attention.
            let names = try args.enumerated().map { try historyName($1, path: "\(path)[0].args[\($0)]") }
            guard Set(names).count == 1 else {
                throw KerasError.unsupportedSetting(file: file, path: path + "[0].args", className: entry.className, setting: "args",
                                                    message: "query and value come from \(names.joined(separator: ", ")); Neurona's MultiHeadAttention is self-attention (query = key = value)")
            }
            return ([names[0]], causal)
        }
        guard args.count == 1 else { throw invalid(path + "[0].args", "expected one argument (a tensor or a list of tensors), found \(args.count)") }
        if let list = args[0].arrayValue {
            return (try list.enumerated().map { try historyName($1, path: "\(path)[0].args[0][\($0)]") }, false)
        }
        return ([try historyName(args[0], path: "\(path)[0].args[0]")], false)
    }

    /// Keras passes `use_causal_mask` when calling attention; Neurona's MultiHeadAttention has it
    /// in its config: the entry's layer remade with it.
    func causalAttention(_ entry: KerasLayerEntry) throws -> KerasLayerEntry {
        guard let attention = entry.layer as? MultiHeadAttention else { return entry }
        var copy = entry
        copy.layer = MultiHeadAttention(heads: attention.config.numHeads, keyDim: attention.config.keyDim, causal: true)
        return copy
    }
}

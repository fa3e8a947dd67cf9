import Foundation
import NeuronaAttention
import NeuronaLayers

/// Writes `config.json` for a Neurona `Sequential` (Keras's `Sequential`) or `Graph` (a
/// functional `Model`), every layer through its ``KerasLayerMapping``, and lists the layers in
/// the order Keras will walk them loading the weights.
package struct KerasModelWriter {
    package init() {}

    /// The config and the layers, in Keras's weights order.
    /// - Throws: ``KerasError/noKerasEquivalent(layer:typeName:hint:)`` naming the first layer Keras has no twin of.
    package func write(_ network: any Layer) throws -> (config: JSONValue, layers: [KerasLayerEntry]) {
        switch network {
        case let sequential as Sequential: return try write(sequential)
        case let graph as Graph: return try write(graph)
        default:
            throw KerasError.noKerasEquivalent(layer: "the model's network", typeName: network.typeName,
                                               hint: "a .keras file holds a Sequential or a Graph (Keras's functional Model)")
        }
    }

    /// The mapping of `layer` at `path`, or the error naming it.
    func mapping(_ layer: any Layer, path: String) throws -> KerasLayerMapping {
        guard let mapping = KerasLayerMapping.all[layer.typeName] else {
            throw KerasError.noKerasEquivalent(layer: path, typeName: layer.typeName,
                                               hint: "NeuronaKeras writes \(KerasLayerMapping.all.keys.sorted().joined(separator: ", "))")
        }
        return mapping
    }

    /// `{"module": "keras.layers", "class_name": …, "config": {…}}` for a layer named `name`.
    func description(_ layer: any Layer, name: String, path: String) throws -> (JSONValue, KerasLayerMapping) {
        let mapping = try mapping(layer, path: path)
        var config: [String: JSONValue]
        do { config = try mapping.kerasConfig(layer) } catch KerasError.noKerasEquivalent(_, let typeName, let hint) {
            throw KerasError.noKerasEquivalent(layer: path, typeName: typeName, hint: hint)
        }
        config["name"] = .string(name)
        config["trainable"] = .bool(true)
        config["dtype"] = .string("float32")
        return (.object(["module": .string("keras.layers"), "class_name": .string(mapping.kerasClassName),
                         "config": .object(config), "registered_name": .null]), mapping)
    }

    static func batchShape(_ shape: [Int]) -> JSONValue { .array([.null] + shape.map(JSONValue.int)) }

    static func inputLayer(name: String, shape: [Int]) -> [String: JSONValue] {
        ["module": .string("keras.layers"), "class_name": .string("InputLayer"), "registered_name": .null,
         "config": .object(["batch_shape": batchShape(shape), "dtype": .string("float32"), "sparse": .bool(false),
                            "ragged": .bool(false), "name": .string(name)])]
    }

    // MARK: Sequential

    func write(_ sequential: Sequential) throws -> (config: JSONValue, layers: [KerasLayerEntry]) {
        guard let shape = sequential.inputShape else {
            throw KerasError.noKerasEquivalent(layer: "the model's network", typeName: "Sequential",
                                               hint: "it is not built yet (build it, or fit or predict once) so its weights do not exist")
        }
        var keys = KerasModelReader.WeightsKeys()
        var names = LayerNames()
        var layers: [JSONValue] = [.object(Self.inputLayer(name: "input_layer", shape: shape))]
        var entries: [KerasLayerEntry] = []
        for (i, layer) in sequential.layers.enumerated() {
            let path = "layers.\(i)"
            let m = try mapping(layer, path: path)
            let (description, _) = try self.description(layer, name: names.next(m.kerasClassName), path: path)
            layers.append(description)
            entries.append(KerasLayerEntry(weightsPath: keys.next(m.kerasClassName), configPath: "config.layers[\(i + 1)]",
                                           className: m.kerasClassName, layer: layer, mapping: m))
        }
        let config: JSONValue = .object([
            "module": .string("keras"), "class_name": .string("Sequential"), "registered_name": .null,
            "config": .object(["name": .string("sequential"), "trainable": .bool(true), "dtype": .string("float32"), "layers": .array(layers)]),
            "build_config": .object(["input_shape": Self.batchShape(shape)]),
        ])
        return (config, entries)
    }

    /// Keras's default layer names: the snake-cased class, `_1`, `_2`… after the first.
    struct LayerNames {
        var used: [String: Int] = [:]
        mutating func next(_ className: String) -> String {
            let base = snakeCase(className)
            defer { used[base, default: -1] += 1 }
            return used[base].map { "\(base)_\($0 + 1)" } ?? base
        }
    }

    // MARK: Graph

    /// The graph's inputs and reachable nodes in the order Keras's functional model keeps its
    /// layers (Keras's `map_graph`): by depth from the outputs, deepest first, ties in the order a
    /// depth-first walk from the outputs, one after the other, first meets them.
    static func kerasOrder(_ graph: Graph) -> [String] {
        let inputsOf = Dictionary(uniqueKeysWithValues: graph.nodes.map { ($0.name, $0.inputs) })
        var index: [String: Int] = [:]
        var finished: [String] = []          // post-order: inputs before the nodes using them
        func visit(_ name: String) {
            guard index[name] == nil else { return }
            index[name] = index.count
            for input in inputsOf[name] ?? [] { visit(input) }
            finished.append(name)
        }
        for output in graph.outputs { visit(output) }   // Keras walks its outputs in order
        var depth: [String: Int] = [:]
        for name in finished.reversed() {
            let d = depth[name, default: 0]
            depth[name] = d
            for input in inputsOf[name] ?? [] { depth[input] = max(depth[input, default: 0], d + 1) }
        }
        // Inputs the output does not use stay in the model (Keras keeps unused InputLayers).
        for input in graph.inputs where index[input.name] == nil {
            index[input.name] = -1
            depth[input.name] = 0
        }
        return depth.keys.sorted { (depth[$0]!, -index[$0]!) > (depth[$1]!, -index[$1]!) }
    }

    static func tensor(_ name: String, shape: [Int]?) -> JSONValue {
        .object(["class_name": .string("__keras_tensor__"), "config": .object([
            "shape": shape.map(batchShape) ?? .null, "dtype": .string("float32"),
            "keras_history": .array([.string(name), .int(0), .int(0)]),
        ])])
    }

    func write(_ graph: Graph) throws -> (config: JSONValue, layers: [KerasLayerEntry]) {
        guard graph.isBuilt else {
            throw KerasError.noKerasEquivalent(layer: "the model's network", typeName: "Graph",
                                               hint: "it is not built yet (give its inputs shapes, or fit or predict once) so its weights do not exist")
        }
        var shapes: [String: [Int]] = [:]
        for input in graph.inputs { shapes[input.name] = input.shape }
        for node in graph.nodes { shapes[node.name] = node.layer.layer.outputShape }
        let nodesByName = Dictionary(uniqueKeysWithValues: graph.nodes.map { ($0.name, $0) })
        var keys = KerasModelReader.WeightsKeys()
        var layers: [JSONValue] = []
        var entries: [KerasLayerEntry] = []
        for name in Self.kerasOrder(graph) {
            guard let node = nodesByName[name] else {
                var input = Self.inputLayer(name: name, shape: shapes[name] ?? [])
                input["name"] = .string(name)
                input["inbound_nodes"] = .array([])
                layers.append(.object(input))
                _ = keys.next("InputLayer")
                continue
            }
            let layer = node.layer.layer
            let path = "nodes.\(name)"
            let (description, m) = try self.description(layer, name: name, path: path)
            let arguments = node.inputs.map { Self.tensor($0, shape: shapes[$0]) }
            var kwargs: [String: JSONValue] = [:]
            var args: [JSONValue]
            if let attention = layer as? MultiHeadAttention {
                args = [arguments[0], arguments[0]]          // query, value: self-attention
                if attention.config.useCausalMask { kwargs["use_causal_mask"] = .bool(true) }
            } else {
                args = layer is any MergeLayer ? [.array(arguments)] : arguments
            }
            guard case .object(var object) = description else { continue }
            object["name"] = .string(name)
            object["inbound_nodes"] = .array([.object(["args": .array(args), "kwargs": .object(kwargs)])])
            layers.append(.object(object))
            entries.append(KerasLayerEntry(weightsPath: keys.next(m.kerasClassName), configPath: "config.layers[\(layers.count - 1)]",
                                           className: m.kerasClassName, layer: layer, mapping: m))
        }
        func endpoints(_ names: [String]) -> JSONValue {
            let list = names.map { JSONValue.array([.string($0), .int(0), .int(0)]) }
            return list.count == 1 ? list[0] : .array(list)
        }
        let config: JSONValue = .object([
            "module": .string("keras.src.models.functional"), "class_name": .string("Functional"), "registered_name": .string("Functional"),
            "config": .object(["name": .string("functional"), "trainable": .bool(true), "layers": .array(layers),
                               "input_layers": endpoints(graph.inputs.map(\.name)), "output_layers": endpoints(graph.outputs)]),
        ])
        return (config, entries)
    }
}

/// Keras's `to_snake_case`: `MaxPooling2D` → `max_pooling2d`, `GRU` → `gru`, `SimpleRNN` →
/// `simple_rnn`, as Python's `re.sub("(.)([A-Z][a-z]+)", r"\1_\2")` then
/// `re.sub("([a-z])([A-Z])", r"\1_\2")` then `lower()` compute it.
func snakeCase(_ name: String) -> String {
    func isUpper(_ c: Character) -> Bool { c.isASCII && c.isUppercase }
    func isLower(_ c: Character) -> Bool { c.isASCII && c.isLowercase }
    let chars = Array(name.filter { $0.isLetter || $0.isNumber || $0 == "_" })
    var first: [Character] = []
    var i = 0
    while i < chars.count {
        if i + 2 < chars.count, isUpper(chars[i + 1]), isLower(chars[i + 2]) {
            var end = i + 3
            while end < chars.count, isLower(chars[end]) { end += 1 }
            first += [chars[i], "_"] + chars[(i + 1)..<end]
            i = end
        } else {
            first.append(chars[i])
            i += 1
        }
    }
    var second: [Character] = []
    for (k, c) in first.enumerated() {
        second.append(c)
        if k + 1 < first.count, isLower(c), isUpper(first[k + 1]) { second.append("_") }
    }
    return String(second).lowercased()
}

import NeuronaAutograd
import NeuronaCore

/// A model whose layers form a directed acyclic graph: named inputs, then nodes that each apply
/// a layer to earlier nodes, and one output node. Merge layers (``Add``, ``Concatenate``,
/// ``Multiply``) join branches, so residual and inception-style blocks can be written.
///
/// Concretely: each node computes `layer(inputs…)` from nodes listed before it; the graph's
/// value is its output node's. Parameters are named `nodes.<node name>.<name>`.
///
/// ```json
/// {"type": "Graph", "inputs": [{"name": "x", "shape": [16]}],
///  "nodes": [{"name": "a", "layer": {"type": "Dense", "units": 16, "activation": "relu"}, "inputs": ["x"]},
///            {"name": "sum", "layer": {"type": "Add"}, "inputs": ["x", "a"]}],
///  "output": "sum"}
/// ```
///
/// A graph may have several outputs (`"outputs": ["out_a", "out_b"]`, Keras's functional model
/// with a dictionary of outputs): ``outputValues(_:)`` computes each by name, which is what a
/// NeuronaTraining's `Model` trains with one loss per output; used as a layer, the graph's value
/// is its first output.
///
/// An input without a shape (`{"name": "x"}`) is filled in from the first batch the graph sees
/// (in `fit`, `evaluate`, `predict` or a direct call), as Keras builds a model lazily; the
/// weights are then drawn from the graph's seed, the same as an eager build with that seed.
public final class Graph: ConfigurableLayer, StatefulLayer, ContainerLayer, LazilyBuiltLayer {
    public static let typeName = "Graph"

    /// A named input and its shape (no batch dimension); nil until the first batch when the
    /// graph builds itself.
    public struct Input: Codable, Equatable {
        /// The name nodes refer to.
        public var name: String
        /// The shape of one example, or nil to take it from the first batch.
        public var shape: [Int]?
        /// - Parameters:
        ///   - name: The name nodes refer to.
        ///   - shape: The shape of one example, or nil to take it from the first batch.
        public init(name: String, shape: [Int]? = nil) {
            self.name = name
            self.shape = shape
        }
    }

    /// A node: a layer applied to earlier nodes (or inputs), by name.
    public struct Node: Codable, Equatable {
        /// The node's name, which later nodes and ``Graph/output`` refer to.
        public var name: String
        /// The layer the node applies.
        public var layer: LayerDescription
        /// The names of the nodes or inputs it reads, in order (several for a merge layer).
        public var inputs: [String]
        /// A node applying `layer` to `inputs`.
        /// - Parameters:
        ///   - name: The node's name.
        ///   - layer: The layer it applies.
        ///   - inputs: The names of the nodes or graph inputs it reads.
        public init(name: String, layer: any Layer, inputs: [String]) {
            self.name = name
            self.layer = LayerDescription(layer)
            self.inputs = inputs
        }
    }

    /// The inputs; a shape missing at first is filled in when the graph builds itself.
    public private(set) var inputs: [Input]
    /// The nodes, each after the nodes it reads.
    public let nodes: [Node]
    /// The name of the node whose value is the graph's output (its first output when it has several).
    public let output: String
    /// The names of the output nodes, in order (``output`` alone for a graph of one output).
    public let outputs: [String]
    /// Each output node's shape (no batch dimension), by name; empty until the graph is built.
    public private(set) var outputShapes: [String: [Int]] = [:]
    public var layerState = LayerState()
    /// The seed of the weights (at once when every input has a shape, else at the first batch).
    public let buildSeed: UInt64

    /// A graph, checked (names unique, every reference to an earlier node, merge layers only
    /// where a node has several inputs) and built for the inputs' shapes with weights from `seed`;
    /// when an input has no shape, it is built from the first batch instead.
    ///
    /// - Parameters:
    ///   - inputs: The named inputs.
    ///   - nodes: The nodes, each after the nodes it uses.
    ///   - output: The node whose value the graph returns.
    ///   - seed: Seeds the weights.
    public convenience init(inputs: [Input], nodes: [Node], output: String, seed: UInt64 = 0) throws {
        try self.init(inputs: inputs, nodes: nodes, outputs: [output], seed: seed)
    }

    /// A graph of several outputs (Keras's `Model(inputs, {"out_a": …, "out_b": …})`), checked
    /// and built as ``init(inputs:nodes:output:seed:)`` is.
    ///
    /// - Parameters:
    ///   - inputs: The named inputs.
    ///   - nodes: The nodes, each after the nodes it uses.
    ///   - outputs: The nodes whose values the graph returns, by name (at least one, each once).
    ///   - seed: Seeds the weights.
    public init(inputs: [Input], nodes: [Node], outputs: [String], seed: UInt64 = 0) throws {
        guard let first = outputs.first else {
            throw LayerError.invalidDescription(path: "outputs", message: "a graph needs at least one output")
        }
        self.inputs = inputs
        self.nodes = nodes
        self.output = first
        self.outputs = outputs
        self.buildSeed = seed
        try validate()
        if inputs.allSatisfy({ $0.shape != nil }) {
            var generator = RandomGenerator(seed: seed)
            try buildNodes(generator: &generator)
        }
    }

    /// The settings, as in JSON: `inputs`, `nodes` and `output`.
    public struct Config: Codable, Equatable {
        /// The graph's inputs.
        public var inputs: [Input]
        /// The graph's nodes, each after the nodes it reads.
        public var nodes: [Node]
        /// The name of the output node (the first, when there are several).
        public var output: String
        /// Every output node, in order, for a graph of several outputs (absent for one).
        public var outputs: [String]? = nil
    }

    /// A graph from its JSON settings, checked as ``init(inputs:nodes:output:seed:)`` checks them.
    /// - Parameter config: The inputs, nodes and output.
    public convenience init(config: Config) throws {
        if let outputs = config.outputs, outputs.first != config.output {
            throw LayerError.invalidDescription(path: "output", message: "\"\(config.output)\" is not the first of \"outputs\" (\(outputs.joined(separator: ", ")))")
        }
        try self.init(inputs: config.inputs, nodes: config.nodes, outputs: config.outputs ?? [config.output])
    }

    /// The graph's settings, as written to JSON.
    public var config: Config { Config(inputs: inputs, nodes: nodes, output: output, outputs: outputs.count > 1 ? outputs : nil) }

    public var sublayers: [(name: String, layer: any Layer)] {
        nodes.map { ("nodes.\($0.name)", $0.layer.layer) }
    }

    private func validate() throws {
        var known = Set<String>()
        for (i, input) in inputs.enumerated() {
            guard known.insert(input.name).inserted else {
                throw LayerError.invalidDescription(path: "inputs[\(i)].name", message: "duplicate name \"\(input.name)\"")
            }
        }
        for (i, node) in nodes.enumerated() {
            for (j, name) in node.inputs.enumerated() where !known.contains(name) {
                throw LayerError.invalidDescription(
                    path: "nodes[\(i)].inputs[\(j)]",
                    message: "unknown node \"\(name)\"; a node may use the inputs and earlier nodes: \(known.sorted().joined(separator: ", "))")
            }
            if node.inputs.isEmpty {
                throw LayerError.invalidDescription(path: "nodes[\(i)].inputs", message: "a node needs at least one input")
            }
            if node.inputs.count > 1 && !(node.layer.layer is any MergeLayer) {
                throw LayerError.invalidDescription(
                    path: "nodes[\(i)]", message: "\(node.layer.layer.typeName) takes one input, got \(node.inputs.count); join branches with Add, Concatenate or Multiply")
            }
            guard known.insert(node.name).inserted else {
                throw LayerError.invalidDescription(path: "nodes[\(i)].name", message: "duplicate name \"\(node.name)\"")
            }
        }
        for (i, output) in outputs.enumerated() {
            let path = outputs.count == 1 ? "output" : "outputs[\(i)]"
            guard known.contains(output), !inputs.contains(where: { $0.name == output }) || nodes.isEmpty else {
                throw LayerError.invalidDescription(path: path, message: "unknown node \"\(output)\"")
            }
            guard outputs.firstIndex(of: output) == i else {
                throw LayerError.invalidDescription(path: path, message: "\"\(output)\" is listed twice")
            }
        }
    }

    private func buildNodes(generator: inout RandomGenerator) throws {
        var shapes: [String: [Int]] = [:]
        for input in inputs { shapes[input.name] = input.shape! }
        for node in nodes {
            let layer = node.layer.layer
            let inputShapes = node.inputs.map { shapes[$0]! }
            do {
                if let merge = layer as? any MergeLayer {
                    shapes[node.name] = try merge.build(inputShapes: inputShapes)
                } else {
                    shapes[node.name] = try layer.build(inputShape: inputShapes[0], generator: &generator)
                }
            } catch let error as LayerError {
                throw error.inside("nodes.\(node.name)", layer.typeName)
            }
        }
        layerState.inputShape = inputs.count == 1 ? inputs[0].shape : nil
        layerState.outputShape = shapes[output]
        outputShapes = Dictionary(uniqueKeysWithValues: outputs.map { ($0, shapes[$0]!) })
    }

    /// Builds again (new weights from `generator`). A graph's input shapes are part of its
    /// description, so `inputShape` must match its single input (or fills it in when it has none).
    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        guard inputs.count == 1, inputs[0].shape == nil || inputs[0].shape == inputShape else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "\(inputs.map { $0.shape.map { "\($0)" } ?? "any" })", got: inputShape)
        }
        let declared = inputs
        inputs[0].shape = inputShape
        do {
            try buildNodes(generator: &generator)
        } catch {
            inputs = declared
            throw error
        }
        return layerState.outputShape!
    }

    /// Builds an unbuilt graph for batches of these shapes (batch first), by input name, with
    /// weights from the graph's seed, as its first call would; a built graph is left as it is.
    ///
    /// - Parameter batchShapes: Each input's batch shape, by name.
    /// - Throws: ``LayerError`` when a node cannot be built for them; the graph stays unbuilt.
    public func build(batchShapes: [String: [Int]]) throws {
        guard !isBuilt else { return }
        let declared = inputs
        for i in inputs.indices where inputs[i].shape == nil {
            guard let shape = batchShapes[inputs[i].name], !shape.isEmpty else {
                throw LayerError.invalidDescription(path: "inputs[\(i)]", message: "no batch shape given for input \"\(inputs[i].name)\"")
            }
            inputs[i].shape = Array(shape.dropFirst())
        }
        do {
            var generator = RandomGenerator(seed: buildSeed)
            try buildNodes(generator: &generator)
        } catch {
            inputs = declared
            throw error
        }
    }

    /// The forward pass for a graph with one input.
    public func callAsFunction(_ input: Variable) -> Variable {
        checkPrecondition(inputs.count == 1, "Graph: has \(inputs.count) inputs; call it with a dictionary of them")
        return callAsFunction([inputs[0].name: input])
    }

    /// The forward pass, inputs by name: the first output. An unbuilt graph first builds itself
    /// for these inputs.
    public func callAsFunction(_ values: [String: Variable]) -> Variable {
        evaluate(values, outputs: [output])[output]!
    }

    /// The forward pass, inputs by name: every output, by name (Keras's functional model called
    /// on a dictionary). An unbuilt graph first builds itself for these inputs.
    ///
    /// - Parameter values: One value per input, by the input's name.
    /// - Returns: Each of ``outputs`` by name.
    public func outputValues(_ values: [String: Variable]) -> [String: Variable] {
        evaluate(values, outputs: outputs)
    }

    private func evaluate(_ values: [String: Variable], outputs wanted: [String]) -> [String: Variable] {
        var computed = values
        for input in inputs {
            checkPrecondition(computed[input.name] != nil, "Graph: missing input \"\(input.name)\"")
        }
        if !isBuilt {
            do {
                try build(batchShapes: values.mapValues(\.shape))
            } catch {
                preconditionFailed("Graph: cannot build itself for inputs of shapes \(values.mapValues(\.shape)): \(error)")
            }
        }
        for input in inputs {
            let shape = values[input.name]!.shape
            checkPrecondition(shape.count >= 1 && Array(shape.dropFirst()) == input.shape,
                              "Graph: input \"\(input.name)\" takes shape [batch] + \(input.shape ?? []), got \(shape)")
        }
        for node in nodes {
            let args = node.inputs.map { computed[$0]! }
            if let merge = node.layer.layer as? any MergeLayer {
                computed[node.name] = merge.merge(args)
            } else {
                computed[node.name] = node.layer.layer(args[0])
            }
        }
        return Dictionary(uniqueKeysWithValues: wanted.map { ($0, computed[$0]!) })
    }

    public var isTraining: Bool {
        get { layerState.isTraining }
        set {
            layerState.isTraining = newValue
            setChildrenTraining(newValue)
        }
    }
}

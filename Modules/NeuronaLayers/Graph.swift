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
public final class Graph: ConfigurableLayer, StatefulLayer, ContainerLayer {
    public static let typeName = "Graph"

    /// A named input and its shape (no batch dimension).
    public struct Input: Codable, Equatable {
        public var name: String
        public var shape: [Int]
        public init(name: String, shape: [Int]) {
            self.name = name
            self.shape = shape
        }
    }

    /// A node: a layer applied to earlier nodes (or inputs), by name.
    public struct Node: Codable, Equatable {
        public var name: String
        public var layer: LayerDescription
        public var inputs: [String]
        public init(name: String, layer: any Layer, inputs: [String]) {
            self.name = name
            self.layer = LayerDescription(layer)
            self.inputs = inputs
        }
    }

    public let inputs: [Input]
    public let nodes: [Node]
    public let output: String
    public var layerState = LayerState()

    /// A graph, checked (names unique, every reference to an earlier node, merge layers only
    /// where a node has several inputs) and built for the inputs' shapes with weights from `seed`.
    public init(inputs: [Input], nodes: [Node], output: String, seed: UInt64 = 0) throws {
        self.inputs = inputs
        self.nodes = nodes
        self.output = output
        try validate()
        var generator = RandomGenerator(seed: seed)
        try buildNodes(generator: &generator)
    }

    public struct Config: Codable, Equatable {
        public var inputs: [Input]
        public var nodes: [Node]
        public var output: String
    }

    public convenience init(config: Config) throws {
        try self.init(inputs: config.inputs, nodes: config.nodes, output: config.output)
    }

    public var config: Config { Config(inputs: inputs, nodes: nodes, output: output) }

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
        guard known.contains(output), !inputs.contains(where: { $0.name == output }) || nodes.isEmpty else {
            throw LayerError.invalidDescription(path: "output", message: "unknown node \"\(output)\"")
        }
    }

    private func buildNodes(generator: inout RandomGenerator) throws {
        var shapes: [String: [Int]] = [:]
        for input in inputs { shapes[input.name] = input.shape }
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
    }

    /// Builds again (new weights from `generator`). A graph's input shapes are part of its
    /// description, so `inputShape` must match its single input.
    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        guard inputs.count == 1, inputs[0].shape == inputShape else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "\(inputs.map(\.shape))", got: inputShape)
        }
        try buildNodes(generator: &generator)
        return layerState.outputShape!
    }

    /// The forward pass for a graph with one input.
    public func callAsFunction(_ input: Variable) -> Variable {
        precondition(inputs.count == 1, "Graph: has \(inputs.count) inputs; call it with a dictionary of them")
        return callAsFunction([inputs[0].name: input])
    }

    /// The forward pass, inputs by name.
    public func callAsFunction(_ values: [String: Variable]) -> Variable {
        var computed = values
        for input in inputs {
            precondition(computed[input.name] != nil, "Graph: missing input \"\(input.name)\"")
        }
        for node in nodes {
            let args = node.inputs.map { computed[$0]! }
            if let merge = node.layer.layer as? any MergeLayer {
                computed[node.name] = merge.merge(args)
            } else {
                computed[node.name] = node.layer.layer(args[0])
            }
        }
        return computed[output]!
    }

    public var isTraining: Bool {
        get { layerState.isTraining }
        set {
            layerState.isTraining = newValue
            setChildrenTraining(newValue)
        }
    }
}

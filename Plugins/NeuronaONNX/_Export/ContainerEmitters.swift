import NeuronaAttention
import NeuronaLayers
import NeuronaResidual

// Layers made of layers: each child is written at its own path (`layers.1`, `nodes.a`), so the
// ONNX names match the checkpoint's parameter names.
extension ONNXGraphBuilder {
    /// A Sequential (or any chain of children): each child reads the previous one's output.
    func emitSequence(_ children: [(name: String, layer: any Layer)], _ input: ONNXValue, path: String) throws -> ONNXValue {
        var x = input
        for child in children { x = try emit(child.layer, x, path: Self.join(path, child.name)) }
        return x
    }

    /// A Graph: its inputs are `inputs`, in the order of `graph.inputs`; each node reads the
    /// values it names.
    package func emitGraph(_ graph: Graph, _ inputs: [ONNXValue], path: String) throws -> ONNXValue {
        guard graph.outputs.count == 1 else {
            throw ONNXExportError.unsupportedLayer(layer: Graph.typeName, path: path, reason:
                "it has \(graph.outputs.count) outputs (\(graph.outputs.joined(separator: ", "))); the exporter writes models of one output")
        }
        var values: [String: ONNXValue] = [:]
        for (input, value) in zip(graph.inputs, inputs) { values[input.name] = value }
        for node in graph.nodes {
            let args = node.inputs.map { values[$0]! }
            let layer = node.layer.layer
            let nodePath = Self.join(path, "nodes.\(node.name)")
            if let merge = layer as? any MergeLayer {
                values[node.name] = try emitMerge(merge, args, path: nodePath)
            } else {
                values[node.name] = try emit(layer, args[0], path: nodePath)
            }
        }
        return values[graph.output]!
    }

    /// A ResidualBlock: `activation(layers(x) + shortcut(x))`, the shortcut the identity or its projection.
    func emitResidualBlock(_ block: ResidualBlock, _ input: ONNXValue, path: String) throws -> ONNXValue {
        let stack = block.sublayers.filter { $0.name != "shortcut" }
        let x = try emitSequence(stack, input, path: path)
        let skip = try block.projection.map { try emit($0, input, path: Self.join(path, "shortcut")) } ?? input
        let sum = value("Add", [x.name, skip.name], path: path)
        return ONNXValue(name: try activation(block.config.activation, sum, path: path), shape: x.shape)
    }

    /// A TransformerEncoder, as its forward pass: `h = norm1(x + attention(x))`,
    /// `norm2(h + ff2(ff1(h)))` (its dropouts are the identity at inference).
    func emitTransformerEncoder(_ encoder: TransformerEncoder, _ input: ONNXValue, path: String) throws -> ONNXValue {
        let parts = Dictionary(uniqueKeysWithValues: encoder.sublayers.map { ($0.name, $0.layer) })
        func apply(_ name: String, _ x: ONNXValue) throws -> ONNXValue {
            try emit(parts[name]!, x, path: Self.join(path, name))
        }
        let attended = try apply("attention_dropout", try apply("attention", input))
        let h = try apply("norm1", ONNXValue(name: value("Add", [input.name, attended.name], path: path), shape: input.shape))
        let f = try apply("ff_dropout", try apply("ff2", try apply("ff1", h)))
        return try apply("norm2", ONNXValue(name: value("Add", [h.name, f.name], path: path), shape: input.shape))
    }
}

import NeuronaCore

/// Collects the nodes and initializers of an ONNX graph as the layer emitters write them, names
/// every value uniquely after the layer that made it (`layers.0/Gemm`), and keeps channels-first
/// copies of channels-last images so that stacked convolutions transpose once.
///
/// Neurona's images are channels-last (`[N, H, W, C]`) and ONNX's `Conv` and pooling
/// channels-first (`[N, C, H, W]`): an image layer transposes its input to channels-first and its
/// output back, and records the pair, so the next image layer reads the channels-first value
/// directly and the unused transpose is dropped by ``finishedGraph(outputs:)``.
package final class ONNXGraphBuilder {
    /// The nodes written so far, in order.
    package private(set) var nodes: [ONNXNodeProto] = []
    /// The initializers (weights and constants) written so far.
    package private(set) var initializers: [ONNXTensorProto] = []
    private var usedNames: Set<String> = []
    /// For a channels-last value made by transposing a channels-first one, that one's name.
    private var channelsFirstSources: [String: String] = [:]

    /// An empty graph whose inputs are called `inputNames` (reserved, so no node takes them).
    package init(inputNames: [String]) {
        usedNames.formUnion(inputNames)
    }

    /// `base`, or `base_2`, `base_3`... when taken.
    package func uniqueName(_ base: String) -> String {
        var name = base
        var suffix = 2
        while usedNames.contains(name) {
            name = "\(base)_\(suffix)"
            suffix += 1
        }
        usedNames.insert(name)
        return name
    }

    /// Writes an `op` node reading `inputs` (an empty name is an omitted optional input) and
    /// returns its `outputs` output names, named after `path`.
    @discardableResult
    package func node(_ op: String, _ inputs: [String], path: String, outputs: Int = 1,
                      attributes: [ONNXAttributeProto] = []) -> [String] {
        let base = path.isEmpty ? op : "\(path)/\(op)"
        let name = uniqueName(base)
        var node = ONNXNodeProto()
        node.opType = op
        node.name = name
        node.input = inputs
        node.output = outputs == 1 ? [name] : (0..<outputs).map { uniqueName("\(name):\($0)") }
        node.attribute = attributes
        nodes.append(node)
        return node.output
    }

    /// Writes a one-output `op` node and returns its output's name.
    package func value(_ op: String, _ inputs: [String], path: String, attributes: [ONNXAttributeProto] = []) -> String {
        node(op, inputs, path: path, attributes: attributes)[0]
    }

    /// Adds `tensor` (as float32) as an initializer called `name` (made unique) and returns the name.
    package func weight(_ tensor: Tensor, name: String) -> String {
        let unique = uniqueName(name)
        initializers.append(ONNXTensorProto(float: tensor, name: unique))
        return unique
    }

    /// Adds a 1-D int64 constant (a shape, axes) and returns its name.
    package func int64s(_ values: [Int], name: String) -> String {
        let unique = uniqueName(name)
        initializers.append(ONNXTensorProto(int64: values, name: unique))
        return unique
    }

    /// Adds a float32 scalar constant and returns its name.
    package func scalar(_ value: Double, name: String) -> String {
        weight(Tensor(value, dtype: .float32), name: name)
    }

    // MARK: Channels-last images and ONNX's channels-first operators

    /// The channels-first (`[N, C, H, W]`) form of the channels-last image `value`: the value it
    /// was transposed from, or a new `Transpose`.
    package func channelsFirst(_ value: ONNXValue, path: String) -> String {
        if let source = channelsFirstSources[value.name] { return source }
        return self.value("Transpose", [value.name], path: path, attributes: [.ints("perm", [0, 3, 1, 2])])
    }

    /// The channels-last image of `shape` ([H, W, C]) transposed from the channels-first value
    /// `name`, remembered so that the next image layer reads `name` directly.
    package func channelsLast(fromChannelsFirst name: String, shape: [Int], path: String) -> ONNXValue {
        let last = value("Transpose", [name], path: path, attributes: [.ints("perm", [0, 2, 3, 1])])
        channelsFirstSources[last] = name
        return ONNXValue(name: last, shape: shape)
    }

    // MARK: Finishing

    /// The nodes the graph's `outputs` depend on (a transpose no layer read is dropped), with
    /// their initializers; in the order written, which is topological.
    package func finishedGraph(outputs: [String]) -> (nodes: [ONNXNodeProto], initializers: [ONNXTensorProto]) {
        var needed = Set(outputs)
        var kept: [ONNXNodeProto] = []
        for node in nodes.reversed() where node.output.contains(where: needed.contains) {
            kept.append(node)
            needed.formUnion(node.input)
        }
        return (kept.reversed(), initializers.filter { needed.contains($0.name) })
    }

    /// Renames the value `name` to `newName` where it is made and read (the graph's output takes
    /// its public name so).
    package func rename(_ name: String, to newName: String) {
        usedNames.insert(newName)
        for i in nodes.indices {
            nodes[i].output = nodes[i].output.map { $0 == name ? newName : $0 }
            nodes[i].input = nodes[i].input.map { $0 == name ? newName : $0 }
        }
    }

    /// Whether a node makes `name` (not a graph input or initializer).
    package func isNodeOutput(_ name: String) -> Bool {
        nodes.contains { $0.output.contains(name) }
    }
}

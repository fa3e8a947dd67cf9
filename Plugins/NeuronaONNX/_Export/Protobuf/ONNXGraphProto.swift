/// ONNX's `GraphProto`: the nodes in topological order, the initializers (weights and
/// constants) they read, and the graph's inputs and outputs with their types.
package struct ONNXGraphProto: ProtobufMessage, Equatable, Sendable {
    /// `node` (field 1): the operators, each after the nodes whose outputs it reads.
    package var node: [ONNXNodeProto] = []
    /// `name` (field 2): the graph's name (the exporter writes the file's name without its
    /// extension). Written even when empty: a set proto2 field.
    package var name = ""
    /// `initializer` (field 5): the weights and constants, by name.
    package var initializer: [ONNXTensorProto] = []
    /// `input` (field 11): the values the caller feeds.
    package var input: [ONNXValueInfoProto] = []
    /// `output` (field 12): the values the graph returns.
    package var output: [ONNXValueInfoProto] = []

    /// An empty graph.
    package init() {}

    /// Writes the fields in field-number order.
    package func encode(to writer: inout ProtobufWriter) {
        for node in node { writer.writeMessage(node, field: 1) }
        writer.writeString(name, field: 2)
        for tensor in initializer { writer.writeMessage(tensor, field: 5) }
        for value in input { writer.writeMessage(value, field: 11) }
        for value in output { writer.writeMessage(value, field: 12) }
    }
}

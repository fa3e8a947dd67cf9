/// ONNX's `NodeProto`: one operator applied to named values, making named values.
package struct ONNXNodeProto: ProtobufMessage, Equatable, Sendable {
    /// `input` (field 1): the names of the values it reads, in the operator's order; an empty
    /// name is an optional input left out (written all the same: its place counts).
    package var input: [String] = []
    /// `output` (field 2): the names of the values it makes.
    package var output: [String] = []
    /// `name` (field 3): the node's own name, unique in the graph.
    package var name = ""
    /// `op_type` (field 4): the operator (`Gemm`, `Relu`), from the default ONNX domain.
    package var opType = ""
    /// `attribute` (field 5): the operator's settings (`axis`, `perm`).
    package var attribute: [ONNXAttributeProto] = []

    /// An empty node.
    package init() {}

    /// Writes the fields in field-number order.
    package func encode(to writer: inout ProtobufWriter) {
        for name in input { writer.writeString(name, field: 1) }
        for name in output { writer.writeString(name, field: 2) }
        writer.writeString(name, field: 3)
        writer.writeString(opType, field: 4)
        for attribute in attribute { writer.writeMessage(attribute, field: 5) }
    }
}

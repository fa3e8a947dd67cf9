/// ONNX's `ValueInfoProto`: a graph input's or output's name and type.
package struct ONNXValueInfoProto: ProtobufMessage, Equatable, Sendable {
    /// `name` (field 1): the value's name.
    package var name = ""
    /// `type` (field 2): its element type and shape.
    package var type = ONNXTypeProto()

    /// An empty value description.
    package init() {}

    /// Writes the fields in field-number order.
    package func encode(to writer: inout ProtobufWriter) {
        writer.writeString(name, field: 1)
        writer.writeMessage(type, field: 2)
    }
}

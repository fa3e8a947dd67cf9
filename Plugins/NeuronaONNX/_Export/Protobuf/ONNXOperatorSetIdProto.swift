/// ONNX's `OperatorSetIdProto`: an operator set the model's nodes come from, and its version.
package struct ONNXOperatorSetIdProto: ProtobufMessage, Equatable, Sendable {
    /// `domain` (field 1): the set's domain, empty for ONNX's default one. Written even when
    /// empty, as ONNX's own `make_opsetid` does (a set proto2 field).
    package var domain = ""
    /// `version` (field 2): the operator set's version (the opset).
    package var version: Int64 = 0

    /// An empty operator set id.
    package init() {}

    /// Writes the fields in field-number order.
    package func encode(to writer: inout ProtobufWriter) {
        writer.writeString(domain, field: 1)
        writer.writeInt64(version, field: 2)
    }
}

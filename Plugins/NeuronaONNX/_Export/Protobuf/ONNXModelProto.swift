/// ONNX's `ModelProto`: the whole file, a graph with the IR version and operator set it is
/// written in. The fields the exporter sets, all written: ONNX's schema is proto2, where a set
/// field is written even when it holds its default.
package struct ONNXModelProto: ProtobufMessage, Equatable, Sendable {
    /// `ir_version` (field 1): the version of ONNX's file format.
    package var irVersion: Int64 = 0
    /// `producer_name` (field 2): the program that wrote the file.
    package var producerName = ""
    /// `graph` (field 7): the computation.
    package var graph = ONNXGraphProto()
    /// `opset_import` (field 8): the operator sets the graph's nodes come from, with their versions.
    package var opsetImport: [ONNXOperatorSetIdProto] = []

    /// An empty model; the exporter sets its fields one by one.
    package init() {}

    /// Writes the fields in field-number order.
    package func encode(to writer: inout ProtobufWriter) {
        writer.writeInt64(irVersion, field: 1)
        writer.writeString(producerName, field: 2)
        writer.writeMessage(graph, field: 7)
        for opset in opsetImport { writer.writeMessage(opset, field: 8) }
    }
}

/// ONNX's `TypeProto`: a value's type. ONNX's is a choice (a `oneof`) of tensor, sequence, map
/// and other types; the exporter's values are all tensors, so this holds the tensor type only.
package struct ONNXTypeProto: ProtobufMessage, Equatable, Sendable {
    /// ONNX's `TypeProto.Tensor`: a dense tensor's element type and shape.
    package struct Tensor: ProtobufMessage, Equatable, Sendable {
        /// `elem_type` (field 1): an ``ONNXTensorProto/DataType`` raw value.
        package var elemType: Int32 = 0
        /// `shape` (field 2): the dimensions, sizes or symbolic names.
        package var shape = ONNXTensorShapeProto()

        /// An empty tensor type.
        package init() {}

        /// Writes the fields in field-number order.
        package func encode(to writer: inout ProtobufWriter) {
            writer.writeInt32(elemType, field: 1)
            writer.writeMessage(shape, field: 2)
        }
    }

    /// `tensor_type` (field 1).
    package var tensorType = Tensor()

    /// An empty type.
    package init() {}

    /// Writes the tensor type.
    package func encode(to writer: inout ProtobufWriter) {
        writer.writeMessage(tensorType, field: 1)
    }
}

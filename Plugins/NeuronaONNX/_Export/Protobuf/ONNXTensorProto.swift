import Foundation

/// ONNX's `TensorProto`: an initializer (a weight or a constant), its shape, element type and
/// values. Float tensors keep their values in ``rawData``, int64 ones in ``int64Data``.
package struct ONNXTensorProto: ProtobufMessage, Equatable, Sendable {
    /// The element types the exporter writes, with ONNX's numbers (`TensorProto.DataType`).
    package enum DataType: Int32, Sendable {
        /// float32.
        case float = 1
        /// int64.
        case int64 = 7
    }

    /// `dims` (field 1): the shape; none for a scalar. Not packed: ONNX's proto2 schema does not
    /// ask for it here (it does for `int64_data`).
    package var dims: [Int64] = []
    /// `data_type` (field 2): a ``DataType`` raw value (an `int32` in ONNX's schema).
    package var dataType: Int32 = 0
    /// `int64_data` (field 7): the values of an int64 tensor, packed.
    package var int64Data: [Int64] = []
    /// `name` (field 8): the name nodes read it by.
    package var name = ""
    /// `raw_data` (field 9): the values as little-endian bytes, or `nil` when they are in a
    /// typed field (``int64Data``). ONNX reads this field when it is set, so a set one is
    /// written even when empty (proto2's rule).
    package var rawData: Data?

    /// An empty tensor.
    package init() {}

    /// Writes the fields in field-number order.
    package func encode(to writer: inout ProtobufWriter) {
        for size in dims { writer.writeInt64(size, field: 1) }
        writer.writeInt32(dataType, field: 2)
        writer.writePackedInt64s(int64Data, field: 7)
        writer.writeString(name, field: 8)
        if let rawData { writer.writeBytes(rawData, field: 9) }
    }
}

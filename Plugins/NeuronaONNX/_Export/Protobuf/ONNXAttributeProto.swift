/// ONNX's `AttributeProto`: a node's named setting. ONNX reads its value from the field its
/// ``type`` names, so that field is the one written (as ONNX's own helper does); the others stay
/// unset.
package struct ONNXAttributeProto: ProtobufMessage, Equatable, Sendable {
    /// The kinds of attribute value the exporter writes, with ONNX's numbers
    /// (`AttributeProto.AttributeType`).
    package enum AttributeType: Int32, Sendable {
        /// One float, in ``ONNXAttributeProto/f``.
        case float = 1
        /// One integer, in ``ONNXAttributeProto/i``.
        case int = 2
        /// A list of integers, in ``ONNXAttributeProto/ints``.
        case ints = 7
    }

    /// `name` (field 1): the setting's name (`axis`).
    package var name = ""
    /// `f` (field 2): the value of a ``AttributeType/float`` attribute.
    package var f: Float = 0
    /// `i` (field 3): the value of an ``AttributeType/int`` attribute.
    package var i: Int64 = 0
    /// `ints` (field 8): the values of an ``AttributeType/ints`` attribute. Not packed: ONNX's
    /// schema is proto2 and does not ask for it, so each value is a field of its own.
    package var ints: [Int64] = []
    /// `type` (field 20): which of the value fields holds the value (an integer until set: the
    /// exporter always sets it).
    package var type = AttributeType.int

    /// An empty attribute.
    package init() {}

    /// Writes the name, the value field ``type`` names, then the type: field-number order.
    package func encode(to writer: inout ProtobufWriter) {
        writer.writeString(name, field: 1)
        switch type {
        case .float: writer.writeFloat(f, field: 2)
        case .int: writer.writeInt64(i, field: 3)
        case .ints: for value in ints { writer.writeInt64(value, field: 8) }
        }
        writer.writeInt32(type.rawValue, field: 20)
    }
}

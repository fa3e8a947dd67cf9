/// ONNX's `TensorShapeProto`: a tensor's dimensions, each a size or a symbolic name (the batch
/// axis, whose size is known only when the model runs).
package struct ONNXTensorShapeProto: ProtobufMessage, Equatable, Sendable {
    /// ONNX's `TensorShapeProto.Dimension`: a size or a name, one of the two (a `oneof`).
    package struct Dimension: ProtobufMessage, Equatable, Sendable {
        /// Which of the two a dimension is, and its value.
        package enum Value: Equatable, Sendable {
            /// `dim_value` (field 1): a fixed size.
            case dimValue(Int64)
            /// `dim_param` (field 2): a name for a size given when the model runs.
            case dimParam(String)
        }

        /// The size or the name; `nil` for a dimension of unknown size (which the exporter
        /// never writes).
        package var value: Value?

        /// An empty dimension.
        package init() {}

        /// The fixed size, 0 when the dimension is not one; setting it makes the dimension a size.
        package var dimValue: Int64 {
            get { if case .dimValue(let size) = value { size } else { 0 } }
            set { value = .dimValue(newValue) }
        }

        /// The symbolic name, empty when the dimension is not one; setting it makes the
        /// dimension a name.
        package var dimParam: String {
            get { if case .dimParam(let name) = value { name } else { "" } }
            set { value = .dimParam(newValue) }
        }

        /// Writes whichever of the two is set (even a size of 0: a oneof's set member is
        /// always written).
        package func encode(to writer: inout ProtobufWriter) {
            switch value {
            case .dimValue(let size): writer.writeInt64(size, field: 1)
            case .dimParam(let name): writer.writeString(name, field: 2)
            case nil: break
            }
        }
    }

    /// `dim` (field 1): the dimensions, outermost first.
    package var dim: [Dimension] = []

    /// A shape of no dimensions.
    package init() {}

    /// Writes the dimensions.
    package func encode(to writer: inout ProtobufWriter) {
        for dimension in dim { writer.writeMessage(dimension, field: 1) }
    }
}

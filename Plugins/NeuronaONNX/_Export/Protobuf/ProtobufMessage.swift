import Foundation

/// A message the exporter writes in protobuf's wire format: one of ONNX's messages, as a plain
/// struct holding the fields the exporter sets.
package protocol ProtobufMessage {
    /// Writes the message's fields into `writer` in field-number order, as protoc's code does,
    /// so that the bytes are the ones ONNX's own tools write for the same message.
    func encode(to writer: inout ProtobufWriter)
}

extension ProtobufMessage {
    /// The message's bytes (a whole ONNX file, for an ``ONNXModelProto``).
    package func encoded() -> Data {
        var writer = ProtobufWriter()
        encode(to: &writer)
        return Data(writer.bytes)
    }
}

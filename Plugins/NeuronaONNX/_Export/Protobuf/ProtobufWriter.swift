import Foundation

/// Protobuf's wire format, written: the encoding of an ONNX file. Hand-written because the
/// exporter writes nine message types, a few kinds of field each, where a protobuf library and
/// the code generated from `onnx.proto` cost a fifth of a clean build (ARCHITECTURE.md).
///
/// A message is a sequence of fields, each a tag (`field number << 3 | wire type`, as a varint)
/// and a value: a varint (integers and enums), 4 little-endian bytes (`float`), or a length
/// (a varint) followed by that many bytes (strings, bytes, nested messages, packed lists).
/// Nothing marks a message's end; its enclosing field's length does.
/// (The format: https://protobuf.dev/programming-guides/encoding/.)
package struct ProtobufWriter {
    /// How a field's value is laid out, the low 3 bits of its tag: a reader skips a field it
    /// does not know by this alone.
    private enum WireType: UInt8 {
        /// A varint: integers, booleans, enums.
        case varint = 0
        /// A length, then that many bytes: strings, bytes, messages, packed lists.
        case lengthDelimited = 2
        /// 4 bytes, little-endian: `float`, `fixed32`.
        case fixed32 = 5
    }

    /// The bytes written so far.
    package private(set) var bytes: [UInt8] = []

    /// An empty writer.
    package init() {}

    // MARK: Building blocks

    /// `value` as a varint: 7 bits at a time, lowest first, the high bit of each byte set when
    /// another follows (1 byte for 0–127, 10 for values of 64 bits).
    package mutating func writeVarint(_ value: UInt64) {
        var rest = value
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    /// The tag of field `field` holding a value of `wireType`.
    private mutating func writeTag(field: Int, _ wireType: WireType) {
        writeVarint(UInt64(field) << 3 | UInt64(wireType.rawValue))
    }

    /// A length-delimited value: its length, then `value`.
    private mutating func writeLengthDelimited(_ value: some Collection<UInt8>, field: Int) {
        writeTag(field: field, .lengthDelimited)
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    // MARK: Fields

    /// An `int64` field: a negative value is written as its 64-bit two's complement, so it
    /// takes 10 bytes (protobuf's `int64`, not the zigzag `sint64`).
    package mutating func writeInt64(_ value: Int64, field: Int) {
        writeTag(field: field, .varint)
        writeVarint(UInt64(bitPattern: value))
    }

    /// An `int32` (or enum) field: as protobuf writes it, sign-extended to 64 bits first, so a
    /// reader of either width reads the same number.
    package mutating func writeInt32(_ value: Int32, field: Int) {
        writeInt64(Int64(value), field: field)
    }

    /// A `float` field: its 4 bytes, little-endian.
    package mutating func writeFloat(_ value: Float, field: Int) {
        writeTag(field: field, .fixed32)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// A `string` field: its UTF-8 bytes.
    package mutating func writeString(_ value: String, field: Int) {
        writeLengthDelimited(value.utf8, field: field)
    }

    /// A `bytes` field.
    package mutating func writeBytes(_ value: Data, field: Int) {
        writeLengthDelimited(value, field: field)
    }

    /// A message field: `message` written on its own first, since its length comes before it.
    package mutating func writeMessage(_ message: some ProtobufMessage, field: Int) {
        var nested = ProtobufWriter()
        message.encode(to: &nested)
        writeLengthDelimited(nested.bytes, field: field)
    }

    /// A packed `repeated int64` field: one length-delimited field holding the varints, the
    /// form ONNX's schema asks for with `[packed = true]`. Nothing when `values` is empty.
    package mutating func writePackedInt64s(_ values: [Int64], field: Int) {
        guard !values.isEmpty else { return }
        var packed = ProtobufWriter()
        for value in values { packed.writeVarint(UInt64(bitPattern: value)) }
        writeLengthDelimited(packed.bytes, field: field)
    }
}

import Foundation
import NeuronaONNX
import NeuronaLayers
import Testing
import _NeuronaTestSupport

/// The tests' protobuf reader: it reads what protobuf allows, and throws (never traps) on
/// truncated or malformed bytes.
struct ProtobufReaderTests {
    @Test(arguments: [UInt64(0), 127, 128, 16_384, UInt64(Int64.max), UInt64(bitPattern: -1)])
    func varintsReadBackAsWritten(_ value: UInt64) throws {
        var writer = ProtobufWriter()
        writer.writeVarint(value)
        var reader = ProtobufReader(ArraySlice(writer.bytes))
        try expectEqual(reader.readVarint(), value)
        #expect(reader.isAtEnd)
    }

    @Test(arguments: ["80",                       // cut off after a continuation bit
                      "ffffffffffffffffff02",     // ten bytes, but the tenth holds more than the 64th bit
                      "ffffffffffffffffffff01"])  // eleven bytes
    func badVarintsThrow(_ hex: String) {
        var reader = ProtobufReader(ArraySlice([UInt8](hex: hex)))
        #expect(throws: ProtobufReader.Malformed.self) { try reader.readVarint() }
    }

    @Test(arguments: ["0001",       // field number 0
                      "0b",         // wire type 3 (a group)
                      "0e",         // wire type 6 (none such)
                      "0a0561",     // a length of 5 with 1 byte left
                      "0affffffffffffffff7f",   // a length near 2^63
                      "150000",     // a fixed32 of 2 bytes
                      "0900",       // a fixed64 of 1 byte
                      "08"])        // a tag with no value
    func malformedFieldsThrow(_ hex: String) {
        var reader = ProtobufReader(ArraySlice([UInt8](hex: hex)))
        #expect(throws: ProtobufReader.Malformed.self) { try reader.nextField() }
    }

    @Test(arguments: ["1801",       // NodeProto's name (3) as a varint
                      "1a01ff",     // NodeProto's name, not UTF-8
                      "2a020a05"])  // an attribute (5) whose name runs past the attribute's end
    func aNodeOfTheWrongShapeThrows(_ hex: String) {
        #expect(throws: ProtobufReader.Malformed.self) { try ONNXNodeProto(protobuf: Data([UInt8](hex: hex))) }
    }

    @Test func anInt32OutOfRangeThrows() {
        // TensorProto's data_type (field 2, an int32) holding 2^32.
        #expect(throws: ProtobufReader.Malformed.self) { try ONNXTensorProto(protobuf: Data([UInt8](hex: "108080808010"))) }
    }

    @Test func unknownFieldsAreSkipped() throws {
        // Relu's node (ONNXProtoBytesTests) with a field 15 varint and a field 50 string added.
        let known = ONNXProtoBytesTests.reluNode
        let withUnknown = try ONNXNodeProto(protobuf: Data([UInt8](hex: known + "7801" + "920303616263")))
        expectEqual(withUnknown, (try ONNXNodeProto(protobuf: Data([UInt8](hex: known)))))
    }

    @Test func repeatedIntsAreReadPackedOrNot() throws {
        // `perm` [0, 2, 1, 3]: unpacked as ONNX writes it, then packed in one field 8.
        let unpacked = try ONNXAttributeProto(protobuf: Data([UInt8](hex: "0a047065726d" + "4000400240014003" + "a00107")))
        let packed = try ONNXAttributeProto(protobuf: Data([UInt8](hex: "0a047065726d" + "420400020103" + "a00107")))
        #expect(unpacked.ints == [0, 2, 1, 3] && packed == unpacked)
    }

    /// Cut anywhere inside its graph field, a model's bytes are a message that runs past its
    /// end: each cut throws. (A cut between two top-level fields is a valid, shorter message:
    /// protobuf has no end marker.)
    @Test func everyCutInsideTheGraphThrows() throws {
        let bytes = [UInt8](try ONNXExporter.fileData(for: try Sequential([Dense(units: 2, activation: .relu)], inputShape: [3], seed: 1)))
        // 08 08 (ir_version), 12 07 "Neurona" (producer_name): the graph's tag is at byte 11; the
        // opset (42 04 0a 00 10 11) is the last 6 bytes.
        #expect(bytes[11] == 0x3a && bytes.suffix(6) == [0x42, 0x04, 0x0a, 0x00, 0x10, 0x11])
        for cut in 12..<(bytes.count - 6) {
            #expect(throws: ProtobufReader.Malformed.self) { try ONNXModelProto(protobuf: Data(bytes[..<cut])) }
        }
    }

    /// Any one byte of a model's file overwritten: the reader throws or reads something, and
    /// never traps.
    @Test func corruptedBytesNeverTrap() throws {
        let bytes = [UInt8](try ONNXExporter.fileData(for: try Sequential([Dense(units: 2)], inputShape: [2], seed: 1)))
        var thrown = 0
        for index in bytes.indices {
            for replacement: UInt8 in [0x00, 0x7f, 0xff] where bytes[index] != replacement {
                var corrupted = bytes
                corrupted[index] = replacement
                do { _ = try ONNXModelProto(protobuf: Data(corrupted)) } catch { thrown += 1 }
            }
        }
        #expect(thrown > 0)
    }
}

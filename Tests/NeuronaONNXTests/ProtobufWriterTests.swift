import Foundation
import NeuronaONNX
import Testing
import _NeuronaTestSupport

/// The wire format's building blocks, byte by byte. The expected bytes follow protobuf's
/// encoding guide (https://protobuf.dev/programming-guides/encoding/: 150 is `96 01`, −1 as an
/// int64 is ten bytes); the messages' bytes against ONNX's own are in ONNXProtoBytesTests.
struct ProtobufWriterTests {
    @Test(arguments: [(UInt64(0), "00"), (1, "01"), (127, "7f"), (128, "8001"), (150, "9601"), (16_383, "ff7f"),
                      (16_384, "808001"), (UInt64(UInt32.max), "ffffffff0f"), (UInt64.max, "ffffffffffffffffff01")])
    func varints(_ value: UInt64, _ hex: String) {
        var writer = ProtobufWriter()
        writer.writeVarint(value)
        expectEqual(writer.bytes.hex, hex)
    }

    @Test func aNegativeInt64IsItsTwosComplementInTenBytes() {
        var writer = ProtobufWriter()
        writer.writeInt64(-1, field: 3)       // tag 3 << 3 | 0 = 0x18
        writer.writeInt64(.min, field: 3)
        expectEqual(writer.bytes.hex, "18" + "ffffffffffffffffff01" + "18" + "80808080808080808001")
    }

    @Test func aNegativeInt32IsSignExtendedToTenBytes() {
        var writer = ProtobufWriter()
        writer.writeInt32(-2, field: 1)
        expectEqual(writer.bytes.hex, "08feffffffffffffffff01")
    }

    @Test func aFloatIsFourLittleEndianBytes() {
        var writer = ProtobufWriter()
        writer.writeFloat(1, field: 2)        // tag 2 << 3 | 5 = 0x15; 1.0f is 0x3f800000
        writer.writeFloat(-2.5, field: 2)     // 0xc0200000
        expectEqual(writer.bytes.hex, "150000803f" + "15000020c0")
    }

    @Test func aStringIsItsLengthThenItsUTF8() {
        var writer = ProtobufWriter()
        writer.writeString("é", field: 1)    // two UTF-8 bytes
        writer.writeString("", field: 1)     // an empty string is still a field
        expectEqual(writer.bytes.hex, "0a02c3a9" + "0a00")
    }

    @Test func fieldNumbersAbove15TakeATwoByteTag() {
        var writer = ProtobufWriter()
        writer.writeInt64(1, field: 20)       // 20 << 3 = 160: a0 01
        expectEqual(writer.bytes.hex, "a00101")
    }

    @Test func packedInt64sAreOneFieldOfVarints() {
        var writer = ProtobufWriter()
        writer.writePackedInt64s([0, 300, -1], field: 7)   // 1 + 2 + 10 bytes
        expectEqual(writer.bytes.hex, "3a0d" + "00" + "ac02" + "ffffffffffffffffff01")
        var empty = ProtobufWriter()
        empty.writePackedInt64s([], field: 7)
        #expect(empty.bytes.isEmpty)
    }

    /// A nested message is its length, then its bytes; a length of 128 or more takes two bytes.
    @Test func aNestedMessageIsLengthPrefixed() {
        var node = ONNXNodeProto()
        node.opType = String(repeating: "x", count: 200)   // 0x22 (field 4), length c8 01, then 200 bytes
        node.name = "n"                                   // 0x1a 01 6e
        var writer = ProtobufWriter()
        writer.writeMessage(node, field: 1)
        let inner = "1a016e" + "22c801" + String(repeating: "78", count: 200)
        expectEqual(writer.bytes.hex, "0a" + "ce01" + inner)   // 3 + 3 + 200 = 206 = ce 01
    }
}

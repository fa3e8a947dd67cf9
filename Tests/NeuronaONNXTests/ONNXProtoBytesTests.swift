import Foundation
import NeuronaONNX
import NeuronaCore
import NeuronaLayers
import Testing
import _NeuronaTestSupport

/// The ONNX messages' bytes against those of ONNX's own Python package (onnx 1.23.2, its
/// `helper` functions, `SerializeToString().hex()`): a wrong field number, wire type or
/// packing shows here, in the writer and in the tests' reader alike.
struct ONNXProtoBytesTests {
    /// `onnx.helper.make_node('Relu', ['x'], ['y'], name='r')`.
    static let reluNode = "0a01781201791a0172220452656c75"

    @Test func aNode() throws {
        var node = ONNXNodeProto()
        node.input = ["x"]
        node.output = ["y"]
        node.name = "r"
        node.opType = "Relu"
        expectEqual([UInt8](node.encoded()).hex, Self.reluNode)
        try expectEqual(ONNXNodeProto(protobuf: Data([UInt8](hex: Self.reluNode))), node)
    }

    @Test(arguments: [
        // make_attribute('perm', [0, 2, 1, 3]): ints unpacked (proto2), then type INTS (7) in field 20.
        (ONNXAttributeProto.ints("perm", [0, 2, 1, 3]), "0a047065726d4000400240014003a00107"),
        // make_attribute('axis', -1): a ten-byte varint.
        (.int("axis", -1), "0a046178697318ffffffffffffffffff01a00102"),
        // make_attribute('alpha', 0.2): float32 0x3e4ccccd.
        (.float("alpha", 0.2), "0a05616c70686115cdcc4c3ea00101"),
    ])
    func anAttribute(_ attribute: ONNXAttributeProto, _ hex: String) throws {
        expectEqual([UInt8](attribute.encoded()).hex, hex)
        try expectEqual(ONNXAttributeProto(protobuf: Data([UInt8](hex: hex))), attribute)
    }

    @Test func aFloatTensorInRawData() throws {
        // make_tensor('w', TensorProto.FLOAT, [2, 1], np.array([1, -2.5], dtype=np.float32).tobytes(), raw=True):
        // dims unpacked (proto2), raw_data little-endian.
        let hex = "0802080110014201774a080000803f000020c0"
        let tensor = ONNXTensorProto(float: Tensor([1, -2.5] as [Float], shape: [2, 1]), name: "w")
        expectEqual([UInt8](tensor.encoded()).hex, hex)
        try expectEqual(ONNXTensorProto(protobuf: Data([UInt8](hex: hex))), tensor)
    }

    @Test func anInt64Tensor() throws {
        // make_tensor('shape', TensorProto.INT64, [3], [0, 6, -1]): int64_data packed ([packed = true] in onnx.proto).
        let hex = "080310073a0c0006ffffffffffffffffff0142057368617065"
        let tensor = ONNXTensorProto(int64: [0, 6, -1], name: "shape")
        expectEqual([UInt8](tensor.encoded()).hex, hex)
        try expectEqual(ONNXTensorProto(protobuf: Data([UInt8](hex: hex))), tensor)
    }

    @Test func aGraphInputsTypeAndShape() throws {
        // make_tensor_value_info('input', TensorProto.FLOAT, ['batch', 3]).
        let hex = "0a05696e70757412130a110801120d0a07120562617463680a020803"
        let input = ONNXValueInfoProto(name: "input", exampleShape: [3])
        expectEqual([UInt8](input.encoded()).hex, hex)
        try expectEqual(ONNXValueInfoProto(protobuf: Data([UInt8](hex: hex))), input)
    }

    @Test func anOperatorSetWritesItsEmptyDomain() throws {
        // make_opsetid('', 17): the empty domain is set, so written (proto2).
        var opset = ONNXOperatorSetIdProto()
        opset.domain = ""
        opset.version = 17
        expectEqual([UInt8](opset.encoded()).hex, "0a001011")
        try expectEqual(ONNXOperatorSetIdProto(protobuf: Data([UInt8](hex: "0a001011"))), opset)
    }

    /// A whole exported file against the same model made by ONNX's helpers:
    /// ```python
    /// scalar = lambda name, value: helper.make_tensor(name, TensorProto.FLOAT, [], np.float32(value).tobytes(), raw=True)
    /// clip = helper.make_node("Clip", ["input", "layers.0.min", "layers.0.max"], ["output"], name="layers.0/Clip")
    /// graph = helper.make_graph([clip], "Neurona", [helper.make_tensor_value_info("input", TensorProto.FLOAT, ["batch", 3])],
    ///                           [helper.make_tensor_value_info("output", TensorProto.FLOAT, ["batch", 3])],
    ///                           initializer=[scalar("layers.0.min", -1), scalar("layers.0.max", 1)])
    /// model = helper.make_model(graph, producer_name="Neurona", ir_version=8, opset_imports=[helper.make_opsetid("", 17)])
    /// print(model.SerializeToString().hex())
    /// ```
    @Test func aWholeFile() throws {
        let hex = "080812074e6575726f6e613ab8010a400a05696e7075740a0c6c61796572732e302e6d696e0a0c6c61796572732e302e6d6178"
            + "12066f75747075741a0d6c61796572732e302f436c69702204436c697012074e6575726f6e612a161001420c6c61796572732e302e"
            + "6d696e4a04000080bf2a161001420c6c61796572732e302e6d61784a040000803f5a1c0a05696e70757412130a110801120d0a0712"
            + "0562617463680a020803621d0a066f757470757412130a110801120d0a07120562617463680a02080342040a001011"
        let data = try ONNXExporter.fileData(for: try Sequential([Activation("hard_tanh")], inputShape: [3]))
        expectEqual([UInt8](data).hex, hex)
        let read = try ONNXModelProto(protobuf: Data([UInt8](hex: hex)))
        #expect(read.ops == ["Clip"] && read.graph.initializer.map(\.name) == ["layers.0.min", "layers.0.max"])
    }

    /// A model with every kind of field the exporter writes reads back equal to the one written.
    @Test func aModelRoundTrips() throws {
        // Attributes of the three types, float and int64 tensors, a symbolic and fixed dimensions.
        let network = try Sequential([Conv2D(filters: 2, kernelSize: 3, activation: "leaky_relu"), AvgPool2D(poolSize: 2), Flatten(),
                                      Reshape([2, 4]), Dense(units: 3, activation: .softmax)], inputShape: [6, 6, 1], seed: 1)
        let model = try ONNXExporter.model(for: network)
        try expectEqual(ONNXModelProto(protobuf: model.encoded()), model)
    }
}

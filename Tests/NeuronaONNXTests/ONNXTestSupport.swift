import NeuronaONNX
import NeuronaCore
import NeuronaLayers

/// The exported model of `network`, read back from its bytes (what a reader of the file sees).
func exported(_ network: any Layer) throws -> Onnx_ModelProto {
    try ONNXExporter.read(ONNXExporter.fileData(for: network))
}

extension Onnx_ModelProto {
    /// The graph's operators, in order.
    var ops: [String] { graph.node.map(\.opType) }

    /// The initializer called `name`, as a Neurona tensor.
    func initializer(_ name: String) -> Tensor? {
        graph.initializer.first { $0.name == name }?.floatTensor
    }

    /// The node of type `op` (the first).
    func node(_ op: String) -> Onnx_NodeProto? { graph.node.first { $0.opType == op } }
}

extension Onnx_NodeProto {
    /// The integer list attribute `name`.
    func ints(_ name: String) -> [Int]? { attribute.first { $0.name == name }.map { $0.ints.map(Int.init) } }
    /// The integer attribute `name`.
    func int(_ name: String) -> Int? { attribute.first { $0.name == name }.map { Int($0.i) } }
}

extension Onnx_ValueInfoProto {
    /// The shape as written: `"batch"` for the symbolic axis, sizes otherwise.
    var writtenShape: [String] {
        type.tensorType.shape.dim.map { $0.dimParam.isEmpty ? "\($0.dimValue)" : $0.dimParam }
    }
}

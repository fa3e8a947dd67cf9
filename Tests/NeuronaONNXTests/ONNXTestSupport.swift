import Foundation
import NeuronaONNX
import NeuronaCore
import NeuronaLayers

/// The exported model of `network`, read back from its bytes (what a reader of the file sees).
func exported(_ network: any Layer) throws -> ONNXModelProto {
    try ONNXModelProto(protobuf: ONNXExporter.fileData(for: network))
}

extension ONNXModelProto {
    /// The graph's operators, in order.
    var ops: [String] { graph.node.map(\.opType) }

    /// The initializer called `name`, as a Neurona tensor.
    func initializer(_ name: String) -> Tensor? {
        graph.initializer.first { $0.name == name }?.floatTensor
    }

    /// The node of type `op` (the first).
    func node(_ op: String) -> ONNXNodeProto? { graph.node.first { $0.opType == op } }
}

extension ONNXNodeProto {
    /// The integer list attribute `name`.
    func ints(_ name: String) -> [Int]? { attribute.first { $0.name == name }.map { $0.ints.map(Int.init) } }
    /// The integer attribute `name`.
    func int(_ name: String) -> Int? { attribute.first { $0.name == name }.map { Int($0.i) } }
}

extension ONNXValueInfoProto {
    /// The shape as written: `"batch"` for the symbolic axis, sizes otherwise.
    var writtenShape: [String] {
        type.tensorType.shape.dim.map { $0.dimParam.isEmpty ? "\($0.dimValue)" : $0.dimParam }
    }
}

extension Collection<UInt8> {
    /// The bytes in lowercase hexadecimal, two digits each (as Python's `bytes.hex()`).
    var hex: String { map { String(format: "%02x", $0) }.joined() }
}

extension [UInt8] {
    /// The bytes of the hexadecimal `hex` (two digits a byte).
    init(hex: String) {
        let digits = Array(hex.utf8)
        self = stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
    }
}

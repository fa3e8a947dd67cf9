import Foundation
import NeuronaCore

// Initializers (weights and constants) as ONNX tensors, and the type of the graph's inputs and
// outputs. Weights are written as float32 (ONNX's `FLOAT`), little-endian in `raw_data`, the
// layout ONNX's own tools write.
extension ONNXTensorProto {
    /// `tensor` as a float32 initializer called `name` (a float64 tensor is rounded to float32).
    package init(float tensor: Tensor, name: String) {
        self.init()
        self.name = name
        dims = tensor.shape.map(Int64.init)
        dataType = ONNXTensorProto.DataType.float.rawValue
        let scalars = tensor.converted(to: .float32).scalars(as: Float.self)
        var bytes = Data(capacity: scalars.count * 4)
        for value in scalars {
            withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
        }
        rawData = bytes
    }

    /// A 1-D int64 initializer called `name` (a shape, axes).
    package init(int64 values: [Int], name: String) {
        self.init()
        self.name = name
        dims = [Int64(values.count)]
        dataType = ONNXTensorProto.DataType.int64.rawValue
        int64Data = values.map(Int64.init)
    }

    /// The tensor's values as Neurona float32 tensor (what `init(float:name:)` wrote).
    package var floatTensor: Tensor? {
        guard dataType == ONNXTensorProto.DataType.float.rawValue, let rawData, rawData.count % 4 == 0 else { return nil }
        let scalars = rawData.withUnsafeBytes { raw in
            (0..<rawData.count / 4).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self))) }
        }
        let shape = dims.map(Int.init)
        guard shape.reduce(1, *) == scalars.count else { return nil }
        return Tensor(scalars, shape: shape)
    }
}

extension ONNXValueInfoProto {
    /// A float32 graph input or output called `name` of shape `[batch] + shape`: the batch axis
    /// is the symbolic dimension `batch`, so any batch size runs.
    package init(name: String, exampleShape shape: [Int]) {
        self.init()
        self.name = name
        var tensorType = ONNXTypeProto.Tensor()
        tensorType.elemType = ONNXTensorProto.DataType.float.rawValue
        var batch = ONNXTensorShapeProto.Dimension()
        batch.dimParam = "batch"
        tensorType.shape.dim = [batch] + shape.map { size in
            var dimension = ONNXTensorShapeProto.Dimension()
            dimension.dimValue = Int64(size)
            return dimension
        }
        type.tensorType = tensorType
    }
}

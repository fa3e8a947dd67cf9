import NeuronaLayers

// Layers that only move values around: Flatten, Reshape and the global poolings. Reshapes keep
// the batch axis with ONNX's 0 ("copy this dimension"), so any batch size runs.
extension ONNXGraphBuilder {
    /// Flatten: ONNX's Flatten at axis 1 (channels-last order, as Neurona flattens).
    func emitFlatten(_ flatten: Flatten, _ input: ONNXValue, path: String) -> ONNXValue {
        ONNXValue(name: value("Flatten", [input.name], path: path, attributes: [.int("axis", 1)]), shape: flatten.outputShape!)
    }

    /// A reshape of each example to `shape`.
    func emitReshape(to shape: [Int], _ input: ONNXValue, path: String) -> ONNXValue {
        let target = int64s([0] + shape, name: Self.join(path, "shape"))
        return ONNXValue(name: value("Reshape", [input.name, target], path: path), shape: shape)
    }

    /// `op` (ReduceMean, ReduceMax) over `axes`, which are dropped.
    func reduce(_ op: String, axes: [Int], _ input: ONNXValue, path: String) -> ONNXValue {
        let y = value(op, [input.name], path: path, attributes: [.ints("axes", axes), .int("keepdims", 0)])
        let shape = input.shape.enumerated().filter { !axes.contains($0.offset + 1) }.map(\.element)
        return ONNXValue(name: y, shape: shape)
    }
}

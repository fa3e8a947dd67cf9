import NeuronaLayers

extension ONNXGraphBuilder {
    /// Dense: `Gemm(x, W, b)` for `[batch, inputs]` (W is `[inputs, units]` in both), else
    /// `MatMul` then `Add` along the last axis; then the activation.
    func emitDense(_ dense: Dense, _ input: ONNXValue, path: String) throws -> ONNXValue {
        let w = weight(try tensor(dense.weight, dense, path: path), name: Self.join(path, "weight"))
        let b = dense.bias.map { weight($0.value, name: Self.join(path, "bias")) }
        var y: String
        if input.shape.count == 1 {
            y = value("Gemm", [input.name, w] + (b.map { [$0] } ?? []), path: path)
        } else {
            y = value("MatMul", [input.name, w], path: path)
            if let b { y = value("Add", [y, b], path: path) }
        }
        return ONNXValue(name: try activation(dense.config.activation, y, path: path), shape: dense.outputShape!)
    }
}

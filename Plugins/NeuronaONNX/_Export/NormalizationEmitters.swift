import NeuronaCore
import NeuronaLayers
import NeuronaNormalization

extension ONNXGraphBuilder {
    /// BatchNormalization at inference: `(x − running_mean) / √(running_var + ε) · γ + β` over
    /// the last axis, written as Neurona computes it (Sub, Div, Mul, Add broadcasting over the
    /// last axis, with `√(running_var + ε)` computed here in float32 as Neurona does). ONNX's
    /// BatchNormalization operator wants the channels at axis 1, which Neurona's
    /// channels-last features are not.
    func emitBatchNormalization(_ norm: BatchNormalization, _ input: ONNXValue, path: String) throws -> ONNXValue {
        let mean = try tensor(norm.runningMean, norm, path: path).converted(to: .float32)
        let variance = try tensor(norm.runningVariance, norm, path: path).converted(to: .float32)
        let scale = (variance + norm.config.epsilon).sqrt()
        let centered = value("Sub", [input.name, weight(mean, name: Self.join(path, "running_mean"))], path: path)
        let normalized = value("Div", [centered, weight(scale, name: Self.join(path, "running_std"))], path: path)
        let scaled = value("Mul", [normalized, weight(try tensor(norm.weight, norm, path: path), name: Self.join(path, "weight"))], path: path)
        let y = value("Add", [scaled, weight(try tensor(norm.bias, norm, path: path), name: Self.join(path, "bias"))], path: path)
        return ONNXValue(name: y, shape: input.shape)
    }

    /// LayerNormalization: ONNX's LayerNormalization (opset 17) over the last axis, with the
    /// population variance, as Neurona's.
    func emitLayerNormalization(_ norm: LayerNormalization, _ input: ONNXValue, path: String) throws -> ONNXValue {
        let gamma = weight(try tensor(norm.weight, norm, path: path), name: Self.join(path, "weight"))
        let beta = weight(try tensor(norm.bias, norm, path: path), name: Self.join(path, "bias"))
        let y = value("LayerNormalization", [input.name, gamma, beta], path: path,
                      attributes: [.int("axis", -1), .float("epsilon", norm.config.epsilon)])
        return ONNXValue(name: y, shape: input.shape)
    }
}

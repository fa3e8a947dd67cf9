import NeuronaAttention
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaNormalization
import NeuronaRecurrent
import NeuronaResidual

// Which emitter writes which layer: the one place that lists the layers ONNX export knows.
extension ONNXGraphBuilder {
    /// Writes `layer` applied to `input` and returns its output. `path` is the layer's place in
    /// the model (`layers.2`), which names its nodes and initializers and any error.
    ///
    /// - Throws: ``ONNXExportError/unsupportedLayer(layer:path:reason:)`` for a layer with no
    ///   ONNX form here, ``ONNXExportError/unsupportedActivation(activation:path:)``.
    package func emit(_ layer: any Layer, _ input: ONNXValue, path: String) throws -> ONNXValue {
        guard layer.isBuilt else {
            throw ONNXExportError.unsupportedLayer(layer: layer.typeName, path: path, reason: "it is not built")
        }
        switch layer {
        case let dense as Dense: return try emitDense(dense, input, path: path)
        case let conv as Conv2D: return try emitConv2D(conv, input, path: path)
        case let pool as MaxPool2D: return emitPooling("MaxPool", pool.geometry!, input, path: path)
        case let pool as AvgPool2D: return emitPooling("AveragePool", pool.geometry!, input, path: path)
        case is GlobalAveragePooling2D: return reduce("ReduceMean", axes: [1, 2], input, path: path)
        case is GlobalMaxPooling2D: return reduce("ReduceMax", axes: [1, 2], input, path: path)
        case is GlobalAveragePooling1D: return reduce("ReduceMean", axes: [1], input, path: path)
        case let flatten as Flatten: return emitFlatten(flatten, input, path: path)
        case let reshape as Reshape: return emitReshape(to: reshape.outputShape!, input, path: path)
        case is Dropout: return input   // the identity at inference
        case let activation as Activation:
            return ONNXValue(name: try self.activation(activation.activation, input.name, path: path), shape: input.shape)
        case let merge as any MergeLayer: return try emitMerge(merge, [input], path: path)
        case let sequential as Sequential: return try emitSequence(sequential.sublayers, input, path: path)
        case let graph as Graph: return try emitGraph(graph, [input], path: path)
        case let block as ResidualBlock: return try emitResidualBlock(block, input, path: path)
        case let norm as BatchNormalization: return try emitBatchNormalization(norm, input, path: path)
        case let norm as LayerNormalization: return try emitLayerNormalization(norm, input, path: path)
        case let rnn as SimpleRNN: return try emitRecurrent(rnn, op: "RNN", gateOrder: [0], input, path: path)
        // Neurona's LSTM gates are i, f, g, o; ONNX's i, o, f, c (c is Neurona's g).
        case let lstm as LSTM: return try emitRecurrent(lstm, op: "LSTM", gateOrder: [0, 3, 1, 2], input, path: path)
        // Neurona's GRU gates are z, r, h, as ONNX's; the reset-before GRU is ONNX's
        // linear_before_reset = 0, the reset-after one (Keras's default) 1.
        case let gru as GRU: return try emitRecurrent(gru, op: "GRU", gateOrder: [0, 1, 2], input, path: path)
        case let attention as MultiHeadAttention: return try emitMultiHeadAttention(attention, input, path: path)
        case let encoder as TransformerEncoder: return try emitTransformerEncoder(encoder, input, path: path)
        case let encoding as PositionalEncoding:
            let table = weight(encoding.table!, name: Self.join(path, "table"))
            return ONNXValue(name: value("Add", [input.name, table], path: path), shape: input.shape)
        default:
            throw ONNXExportError.unsupportedLayer(
                layer: layer.typeName, path: path,
                reason: "the ONNX exporter has no form for \(layer.typeName) (see the NeuronaONNX article \"To ONNX\" for the layers it writes)")
        }
    }

    /// `child`'s path inside `parent` (`layers.2.weight`; `child` alone at the top).
    package static func join(_ parent: String, _ child: String) -> String {
        parent.isEmpty ? child : "\(parent).\(child)"
    }

    /// The trained value of a built layer's parameter (every emitter's layers are built).
    func tensor(_ variable: Variable?, _ layer: any Layer, path: String) throws -> Tensor {
        guard let variable else {
            throw ONNXExportError.unsupportedLayer(layer: layer.typeName, path: path, reason: "it is not built")
        }
        return variable.value
    }
}

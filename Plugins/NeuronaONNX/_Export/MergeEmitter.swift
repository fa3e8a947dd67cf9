import NeuronaLayers

extension ONNXGraphBuilder {
    /// Add, Multiply (pairwise, left to right, as Neurona sums) and Concatenate (ONNX's axis
    /// counts the batch axis, as Neurona's `axis` does).
    func emitMerge(_ merge: any MergeLayer, _ inputs: [ONNXValue], path: String) throws -> ONNXValue {
        let shape = merge.outputShape!
        switch merge {
        case is Add, is NeuronaLayers.Multiply:
            guard inputs.count > 1 else { return inputs[0] }
            let op = merge is Add ? "Add" : "Mul"
            let y = inputs.dropFirst().reduce(inputs[0].name) { sum, next in value(op, [sum, next.name], path: path) }
            return ONNXValue(name: y, shape: shape)
        case let concatenate as Concatenate:
            guard inputs.count > 1 else { return inputs[0] }
            let y = value("Concat", inputs.map(\.name), path: path, attributes: [.int("axis", concatenate.config.axis)])
            return ONNXValue(name: y, shape: shape)
        default:
            throw ONNXExportError.unsupportedLayer(layer: merge.typeName, path: path,
                                                   reason: "the ONNX exporter writes the merge layers Add, Multiply and Concatenate only")
        }
    }
}

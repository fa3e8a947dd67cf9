import Foundation
import NeuronaLayers

/// Turns a built network into an ONNX model: graph inputs named as the network's (`input`, or a
/// Graph's own input names), one output called `output`, every weight an initializer named by
/// its checkpoint key (`layers.0.weight`), the batch axis symbolic.
package enum ONNXExporter {
    /// The ONNX operator set written: 17 (ONNX 1.12), the first with LayerNormalization, read
    /// by every onnxruntime since 1.12.
    package static let opsetVersion: Int64 = 17
    /// The IR version that goes with opset 17.
    package static let irVersion: Int64 = 8
    /// The graph output's name.
    package static let outputName = "output"

    /// The ONNX model of `network`.
    ///
    /// - Throws: ``ONNXExportError/notBuilt`` for an unbuilt network; the emitters' errors for a
    ///   layer or activation with no ONNX form, naming it and its place.
    package static func model(for network: any Layer, name: String = "Neurona") throws -> ONNXModelProto {
        guard network.isBuilt else { throw ONNXExportError.notBuilt }
        let inputs: [ONNXValue]
        if let graph = network as? Graph {
            inputs = graph.inputs.map { ONNXValue(name: $0.name, shape: $0.shape ?? []) }
        } else {
            inputs = [ONNXValue(name: "input", shape: network.inputShape ?? [])]
        }
        let builder = ONNXGraphBuilder(inputNames: inputs.map(\.name) + [outputName])
        var output: ONNXValue
        if let graph = network as? Graph {
            output = try builder.emitGraph(graph, inputs, path: "")
        } else {
            output = try builder.emit(network, inputs[0], path: "")
        }
        // The output takes its public name: the value renamed where a node makes it, or an
        // Identity when it is an input or a weight (a model of one Dropout).
        if builder.isNodeOutput(output.name) && !inputs.contains(where: { $0.name == output.name }) {
            builder.rename(output.name, to: outputName)
        } else {
            builder.node("Identity", [output.name], path: outputName)
            builder.rename(builder.nodes.last!.output[0], to: outputName)
        }
        output.name = outputName

        let (nodes, initializers) = builder.finishedGraph(outputs: [outputName])
        var graph = ONNXGraphProto()
        graph.name = name
        graph.node = nodes
        graph.initializer = initializers
        graph.input = inputs.map { ONNXValueInfoProto(name: $0.name, exampleShape: $0.shape) }
        graph.output = [ONNXValueInfoProto(name: outputName, exampleShape: output.shape)]

        var opset = ONNXOperatorSetIdProto()
        opset.domain = ""
        opset.version = opsetVersion
        var model = ONNXModelProto()
        model.irVersion = irVersion
        model.producerName = "Neurona"
        model.opsetImport = [opset]
        model.graph = graph
        return model
    }

    /// The bytes of the ONNX file of `network` (``model(for:name:)`` in protobuf's wire format).
    package static func fileData(for network: any Layer, name: String = "Neurona") throws -> Data {
        try model(for: network, name: name).encoded()
    }
}

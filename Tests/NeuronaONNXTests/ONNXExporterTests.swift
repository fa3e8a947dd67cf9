import Foundation
import NeuronaONNX
import NeuronaCore
import NeuronaLayers
import NeuronaTraining
import Testing
import _NeuronaTestSupport

/// The model-level structure of an export: opset, inputs and outputs with a symbolic batch,
/// initializers named by checkpoint key, Graph inputs by name.
struct ONNXExporterTests {
    @Test func sequentialDenseStackIsGemmsWithItsActivations() throws {
        let network = try Sequential([Dense(units: 4, activation: .relu), Dropout(rate: 0.5), Dense(units: 2, activation: .softmax)],
                                     inputShape: [3], seed: 1)
        let model = try exported(network)
        expectEqual(model.irVersion, 8)
        expectEqual(model.opsetImport.map(\.version), [17])
        expectEqual(model.ops, ["Gemm", "Relu", "Gemm", "Softmax"])   // Dropout writes nothing
        expectEqual(model.graph.input.map(\.name), ["input"])
        expectEqual(model.graph.input[0].writtenShape, ["batch", "3"])
        expectEqual(model.graph.output.map(\.name), ["output"])
        expectEqual(model.graph.output[0].writtenShape, ["batch", "2"])
        expectEqual(model.graph.node.last?.output, ["output"])
        // The weights keep their checkpoint names and Neurona's [inputs, units] layout (Gemm's B).
        let layer = network.layers[0] as! Dense
        expectEqual(model.initializer("layers.0.weight"), layer.weight!.value)
        expectEqual(model.initializer("layers.0.bias"), layer.bias!.value)
        expectEqual(Set(model.graph.initializer.map(\.name)), ["layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias"])
    }

    @Test func denseOnSequencesIsMatMulThenAdd() throws {
        let model = try exported(try Sequential([Dense(units: 2, useBias: true)], inputShape: [5, 3], seed: 2))
        expectEqual(model.ops, ["MatMul", "Add"])
        expectEqual(model.graph.output[0].writtenShape, ["batch", "5", "2"])
    }

    @Test func graphInputsKeepTheirNamesAndOrder() throws {
        let graph = try Graph(inputs: [.init(name: "image", shape: [4]), .init(name: "extra", shape: [4])],
                              nodes: [.init(name: "sum", layer: Add(), inputs: ["image", "extra", "image"]),
                                      .init(name: "both", layer: Concatenate(axis: 1), inputs: ["sum", "extra"])],
                              output: "both")
        let model = try exported(graph)
        expectEqual(model.graph.input.map(\.name), ["image", "extra"])
        expectEqual(model.ops, ["Add", "Add", "Concat"])   // three inputs summed left to right
        expectEqual(model.node("Concat")?.int("axis"), 1)
        expectEqual(model.graph.output[0].writtenShape, ["batch", "8"])
    }

    @Test func aModelThatOnlyPassesItsInputOnIsAnIdentity() throws {
        let model = try exported(try Sequential([Dropout(rate: 0.2)], inputShape: [3]))
        expectEqual(model.ops, ["Identity"])
        #expect(model.graph.node[0].input == ["input"] && model.graph.node[0].output == ["output"])
    }

    @Test func exportWritesAFileOnnxCanParse() throws {
        let folder = temporaryFolder("onnx-export")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("mlp.onnx")
        let model = Model(try Sequential([Dense(units: 3, activation: .tanh)], inputShape: [2], seed: 3))
        try model.export(onnx: url)
        let read = try ONNXModelProto(protobuf: Data(contentsOf: url))
        expectEqual(read.graph.name, "mlp")
        expectEqual(read.producerName, "Neurona")
        expectEqual(read.ops, ["Gemm", "Tanh"])
        try expectEqual(FileManager.default.contentsOfDirectory(atPath: folder.path), ["mlp.onnx"])   // no temporary left
    }
}

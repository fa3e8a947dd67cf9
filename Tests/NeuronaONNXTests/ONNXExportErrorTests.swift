import Foundation
import NeuronaONNX
import NeuronaAutograd
import NeuronaCore
import NeuronaLayers
import NeuronaRegistry
import NeuronaTraining
import Testing
import _NeuronaTestSupport

/// A layer the exporter does not know (a user's own), to check the error names it and its place.
private final class Doubling: UnconfiguredLayer, StatefulLayer {
    static let typeName = "Doubling"
    var layerState = LayerState()
    init() {}
    func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        layerState.built(input: inputShape, output: inputShape)
    }
    func callAsFunction(_ input: Variable) -> Variable { input * 2 }
}

/// The typed errors of export, and that a failed export leaves the destination as it was.
struct ONNXExportErrorTests {
    @Test func anUnknownLayerIsNamedWithItsPlace() throws {
        let graph = try Graph(inputs: [.init(name: "x", shape: [3])],
                              nodes: [.init(name: "inner", layer: Sequential([Dense(units: 3), Doubling()]), inputs: ["x"])],
                              output: "inner")
        let network = try Sequential([Dense(units: 3), graph], inputShape: [3])
        #expect(throws: ONNXExportError.unsupportedLayer(
            layer: "Doubling", path: "layers.1.nodes.inner.layers.1",
            reason: "the ONNX exporter has no form for Doubling (see the NeuronaONNX article \"To ONNX\" for the layers it writes)")) {
            try ONNXExporter.model(for: network)
        }
    }

    @Test func anActivationWithNoOnnxFormIsNamed() throws {
        let registry = ActivationRegistry()
        try registry.register("cube", package: "ONNXTests", settings: NumericSettings()) { s in
            ActivationFunction(s) { x in x * x * x }
        }
        let network = try Sequential([Dense(units: 2), Dense(units: 2, activation: try registry.make("cube"))], inputShape: [2])
        #expect {
            try ONNXExporter.model(for: network)
        } throws: { error in
            guard case .unsupportedActivation(let name, let path)? = error as? ONNXExportError else { return false }
            return name.hasSuffix("cube") && path == "layers.1"
        }
    }

    /// A graph of two outputs would lose one in a model of one output: refused, naming them.
    @Test func aGraphOfSeveralOutputsIsRefused() throws {
        let graph = try Graph(inputs: [.init(name: "x", shape: [3])], nodes: [
            .init(name: "a", layer: Dense(units: 2), inputs: ["x"]), .init(name: "b", layer: Dense(units: 1), inputs: ["x"]),
        ], outputs: ["a", "b"], seed: 1)
        #expect(throws: ONNXExportError.unsupportedLayer(
            layer: "Graph", path: "", reason: "it has 2 outputs (a, b); the exporter writes models of one output")) {
            try ONNXExporter.model(for: graph)
        }
    }

    @Test func anUnbuiltModelSaysToBuildIt() {
        #expect(throws: ONNXExportError.notBuilt) { try ONNXExporter.model(for: Sequential([Dense(units: 2)])) }
        #expect("\(ONNXExportError.notBuilt)".contains("run fit or predict once"))
    }

    @Test func aFailedExportLeavesTheOldFileWhole() throws {
        let folder = temporaryFolder("onnx-errors")
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("model.onnx")
        try Data("previous".utf8).write(to: url)
        let model = Model(try Sequential([Dense(units: 2), Doubling()], inputShape: [2]))
        #expect(throws: ONNXExportError.self) { try model.export(onnx: url) }
        try expectEqual(Data(contentsOf: url), Data("previous".utf8))
        try expectEqual(FileManager.default.contentsOfDirectory(atPath: folder.path), ["model.onnx"])
    }

    @Test func anUnwritablePlaceIsATypedError() throws {
        let url = URL(fileURLWithPath: "/nonexistent-folder-\(UUID().uuidString)/model.onnx")
        let model = Model(try Sequential([Dense(units: 2)], inputShape: [2]))
        #expect {
            try model.export(onnx: url)
        } throws: { error in
            guard case .unwritable(let path, _)? = error as? ONNXExportError else { return false }
            return path == url.path
        }
    }
}

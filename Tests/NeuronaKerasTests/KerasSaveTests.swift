import Foundation
import NeuronaAttention
import NeuronaCore
@testable import NeuronaKeras
import NeuronaLayers
import NeuronaNormalization
import NeuronaRecurrent
import NeuronaTraining
import Testing
import _NeuronaTestSupport

/// `model.save(keras:)`: what it writes reads back to the same predictions, lays the weights out
/// as Keras does (the groups Keras's loader walks), and never leaves half a file. That Keras
/// itself loads these files and predicts the same is checked by Scripts/keras-checks.sh.
struct KerasSaveTests {
    /// Every Keras fixture, loaded, saved by Neurona and loaded again, predicts bit for bit the same.
    @Test(arguments: KerasFixture.predictionNames)
    func roundTripsExactly(_ name: String) throws {
        let folder = temporaryFolder("keras")
        defer { try? FileManager.default.removeItem(at: folder) }
        let fixture = try KerasFixture(name)
        let model = try Model.load(keras: KerasFixture.url(name))
        let url = folder.appendingPathComponent("\(name).keras")
        try model.save(keras: url)
        let again = try Model.load(keras: url)
        try expectEqual(again.predict(fixture.input).doubles, model.predict(fixture.input).doubles)
        // The same layers, in the same groups, as Keras wrote them.
        let ours = try HDF5Tree.read(KerasArchive.read(contentsOf: url).weights)
        let keras = try HDF5Tree.read(KerasArchive.read(contentsOf: KerasFixture.url(name)).weights)
        expectEqual(Set(ours.datasets.keys), Set(keras.datasets.keys), "\(name)")
        for (path, dataset) in keras.datasets { expectEqual(ours.datasets[path], dataset, "\(name): \(path)") }
    }

    /// The user's path: a Keras model loaded, compiled, trained further in Swift, saved for Keras.
    @Test func loadedModelTrainsAndSavesAgain() throws {
        let folder = temporaryFolder("keras")
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = try Model.load(keras: KerasFixture.url("gru_reset_after"))
        try model.compile(optimizer: "adam", loss: "mse")
        var generator = RandomGenerator(seed: 5)
        let x = Tensor.normal([8, 5, 3], using: &generator), y = Tensor.normal([8, 3], using: &generator)
        let before = try model.predict(x)
        let history = try model.fit(x: x, y: y, epochs: 3, batchSize: 4, verbose: .silent)
        expectEqual(history.epochs.count, 3)
        let after = try model.predict(x)
        #expect(before.doubles != after.doubles, "training changed nothing")
        let url = folder.appendingPathComponent("tuned.keras")
        try model.save(keras: url)
        try expectEqual(Model.load(keras: url).predict(x).doubles, after.doubles)
    }

    @Test func snakeCaseIsKeras() {
        #expect(["MaxPooling2D", "SimpleRNN", "MultiHeadAttention", "GRU", "InputLayer", "Conv2D", "GlobalAveragePooling1D", "LSTM"].map(snakeCase)
                == ["max_pooling2d", "simple_rnn", "multi_head_attention", "gru", "input_layer", "conv2d", "global_average_pooling1d", "lstm"])
    }

    @Test func aLayerKerasLacksIsNamedAndNothingIsWritten() throws {
        let folder = temporaryFolder("keras")
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = Model(try Sequential([Dense(units: 4), TransformerEncoder(heads: 1, keyDim: 2, ffDim: 3)], inputShape: [3, 2]))
        let url = folder.appendingPathComponent("model.keras")
        #expect(throws: KerasError.noKerasEquivalent(layer: "layers.1", typeName: "TransformerEncoder",
                                                     hint: "NeuronaKeras writes \(KerasLayerMapping.all.keys.sorted().joined(separator: ", "))")) {
            try model.save(keras: url)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    /// Keras's activations by name have fixed settings (leaky_relu's slope 0.2): others are refused, naming the layer.
    @Test func activationsKerasCannotNameAreRefused() throws {
        let folder = temporaryFolder("keras")
        defer { try? FileManager.default.removeItem(at: folder) }
        let keras = Model(try Sequential([Dense(units: 2, activation: try ActivationFunction("leaky_relu", alpha: 0.2))], inputShape: [3]))
        try keras.save(keras: folder.appendingPathComponent("slope-0.2.keras"))
        let other = Model(try Sequential([Dense(units: 2), Dense(units: 2, activation: try ActivationFunction("leaky_relu", alpha: 0.1))],
                                         inputShape: [3]))
        #expect(throws: KerasError.self) { try other.save(keras: folder.appendingPathComponent("slope-0.1.keras")) }
        do { try other.save(keras: folder.appendingPathComponent("slope-0.1.keras")) } catch let error as KerasError {
            guard case .noKerasEquivalent(let layer, "Dense", _) = error else { Issue.record("\(error)"); return }
            expectEqual(layer, "layers.1")
        }
        try expectEqual(FileManager.default.contentsOfDirectory(atPath: folder.path), ["slope-0.2.keras"])
    }

    /// A failed write leaves neither the file nor the staging file beside it, and an existing file is
    /// replaced whole.
    @Test func writesBesideThenRenames() throws {
        let folder = temporaryFolder("keras")
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = try Model.load(keras: KerasFixture.url("dense_dropout"))
        let missingFolder = folder.appendingPathComponent("absent/model.keras")
        #expect(throws: KerasError.self) { try model.save(keras: missingFolder) }
        let url = folder.appendingPathComponent("model.keras")
        try Data("an older file".utf8).write(to: url)
        try model.save(keras: url)
        try expectEqual(FileManager.default.contentsOfDirectory(atPath: folder.path), ["model.keras"])
        try expectEqual(Model.load(keras: url).predict(KerasFixture("dense_dropout").input).shape, [3, 3])
        // A read-only folder: the error names the file, and nothing is left behind.
        let readOnly = folder.appendingPathComponent("read-only")
        try FileManager.default.createDirectory(at: readOnly, withIntermediateDirectories: false)
        try FileManager.default.setAttributes([.posixPermissions: 0o500], ofItemAtPath: readOnly.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: readOnly.path) }
        if access(readOnly.path, W_OK) != 0 {   // root writes anywhere: the check means something only for other users
            #expect(throws: KerasError.self) { try model.save(keras: readOnly.appendingPathComponent("model.keras")) }
            #expect(try FileManager.default.contentsOfDirectory(atPath: readOnly.path).isEmpty)
        }
    }

    /// A Graph written by Neurona (built in Swift, not read from Keras) keeps Keras's layer order:
    /// the weights of two Dense layers land in the groups Keras's loader gives them.
    @Test func graphOrderIsKerasOrder() throws {
        let graph = try Graph(inputs: [.init(name: "x", shape: [4])], nodes: [
            .init(name: "long1", layer: Dense(units: 3, activation: .relu), inputs: ["x"]),
            .init(name: "long2", layer: Dense(units: 2), inputs: ["long1"]),
            .init(name: "short", layer: Dense(units: 2), inputs: ["x"]),
            .init(name: "sum", layer: Add(), inputs: ["long2", "short"]),
        ], output: "sum", seed: 3)
        let (config, entries) = try KerasModelWriter().write(graph)
        // Keras's map_graph: depth from the output (x 3, long1 2, long2 and short 1, sum 0), ties by
        // first meeting in a depth-first walk from the output (long2 before short).
        expectEqual(entries.map(\.weightsPath), ["layers/dense", "layers/dense_1", "layers/dense_2", "layers/add"])
        expectEqual(entries.map { ($0.layer as AnyObject) === (graph.nodes.first { n in n.name == "long1" }!.layer.layer as AnyObject) }.first, true)
        guard case .object(let top) = config, case .object(let body)? = top["config"], case .array(let layers)? = body["layers"] else {
            Issue.record("config: \(config)")
            return
        }
        expectEqual(layers.compactMap { $0.objectValue?["name"]?.stringValue }, ["x", "long1", "long2", "short", "sum"])
    }
}

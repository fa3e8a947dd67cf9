import Foundation
import NeuronaAttention
import NeuronaCore
import NeuronaData
import NeuronaKeras
import NeuronaLayers
import NeuronaRecurrent
import NeuronaTraining
import Testing
import _NeuronaTestSupport

/// `Model.load(keras:)` against Keras 3.15.1's own files and predictions (the fixtures of
/// `Fixtures/make_keras_fixtures.py`).
struct KerasLoadTests {
    @Test(arguments: KerasFixture.predictionNames)
    func predictsAsKeras(_ name: String) throws {
        let fixture = try KerasFixture(name)
        let model = try Model.load(keras: KerasFixture.url(name))
        let (difference, bound, relative) = try fixture.comparison(model)
        #expect(difference <= bound, "\(name): |Keras − float64| = \(difference), bound \(bound)")
        // Beside the derived bound: Neurona within 1e-5 of Keras, relative to the outputs' scale.
        #expect(relative <= 1e-5, "\(name): relative difference \(relative)")
    }

    @Test func sequentialAndFunctionalBecomeSequentialAndGraph() throws {
        let sequential = try Model.load(keras: KerasFixture.url("lstm"))
        expectEqual((sequential.network as? Sequential)?.layers.map(\.typeName), ["LSTM", "LSTM"])
        let functional = try Model.load(keras: KerasFixture.url("functional_branches"))
        let graph = try #require(functional.network as? Graph)
        expectEqual(graph.nodes.map(\.layer.layer.typeName), ["Dense", "Dense", "Concatenate", "Dense", "Add", "Dense"])
        // Keras's GRU default (reset_after=True) loads as the two-bias form, reset_after=False as the other.
        let gru = try Model.load(keras: KerasFixture.url("gru_reset_after")).network as! Sequential
        #expect((gru.layers[0] as! GRU).resetAfter && (gru.layers[1] as! GRU).resetAfter)
        let before = try Model.load(keras: KerasFixture.url("gru_reset_before")).network as! Sequential
        #expect(!(before.layers[0] as! GRU).resetAfter)
        // use_causal_mask, a call argument in Keras, is the layer's setting in Neurona.
        let causal = try #require(try Model.load(keras: KerasFixture.url("attention_causal")).network as? Graph)
        expectEqual((causal.nodes[0].layer.layer as? MultiHeadAttention)?.config.useCausalMask, true)
    }

    @Test func aLayerNeuronaLacksIsNamedWithItsPlace() throws {
        #expect(throws: KerasError.self) { try Model.load(keras: KerasFixture.url("unsupported_layer")) }
        do {
            _ = try Model.load(keras: KerasFixture.url("unsupported_layer"))
        } catch let error as KerasError {
            guard case .unsupportedLayer(let file, let path, let className, _) = error else {
                Issue.record("expected unsupportedLayer, got \(error)")
                return
            }
            #expect(file == "unsupported_layer.keras" && path == "config.layers[3]" && className == "RepeatVector")
            #expect("\(error)".contains("config.layers[3] (class_name \"RepeatVector\")"), "\(error)")
        }
    }

    /// Lecture 002's model trained by Keras (5 epochs, batch 32, seed 42) predicts the 10,000 test
    /// images as Keras did: the same number right, so the same accuracy to the last digit.
    @Test func lecture002ModelGivesKerasTestAccuracy() throws {
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: KerasFixture.folder.appendingPathComponent("fashion_mnist_mlp.json"))) as! [String: Any]
        // The test files alone, from Debian's dataset-fashion-mnist (`make setup`), where the
        // generator read them: decoding the 60,000 training images too would double the test's time.
        let folder = try #require(MNISTFamily.fashionMNIST.systemFolders.first)
        let images = try IDXReader.readImages(folder.appendingPathComponent("t10k-images-idx3-ubyte.gz"))
        let testLabels = try IDXReader.readLabels(folder.appendingPathComponent("t10k-labels-idx1-ubyte.gz"))
        let model = try Model.load(keras: KerasFixture.url("fashion_mnist_mlp"))
        // Keras read the images as float32 divided by 255 (the lecture's preprocessing); the same division here.
        let predictions = try model.predict(images.converted(to: .float32) / 255)
        let predicted = predictions.argmax(axis: 1).doubles, labels = testLabels.doubles
        let correct = zip(predicted, labels).filter { $0 == $1 }.count
        expectEqual(labels.count, record["test_images"] as? Int)
        expectEqual(correct, record["correct"] as? Int, "Neurona \(correct) right, Keras \(record["correct"]!)")
        expectEqual(String(format: "%.4f", Double(correct) / Double(labels.count)), String(format: "%.4f", record["test_accuracy"] as! Double))
    }
}

/// A Keras functional model of two outputs loads as a `Graph` of two outputs, predicts each as
/// Keras did, and saves back to a file that loads with the same predictions.
struct KerasMultiOutputTests {
    @Test func twoOutputsPredictAsKerasAndRoundTrip() throws {
        let tensors = try Safetensors.read(from: KerasFixture.folder.appendingPathComponent("two_outputs.safetensors"))
        let input = try #require(tensors["input"])
        let model = try Model.load(keras: KerasFixture.url("two_outputs"))
        let graph = try #require(model.network as? Graph)
        #expect(graph.outputs == ["classes", "value"] && graph.inputs.map(\.name) == ["input_layer"])
        let outputs = try model.predict(x: ["input_layer": input])
        let precise = try Model.load(keras: KerasFixture.url("two_outputs"))
        precise.network.convertParameters(to: .float64)
        let reference = try precise.predict(x: ["input_layer": input.converted(to: .float64)])
        for name in graph.outputs {
            let (mine, keras, exact) = (try #require(outputs[name]), try #require(tensors["expected.\(name)"]), try #require(reference[name]))
            // The fixtures' rule (KerasFixture.comparison): ρ, Neurona's own float32 rounding against
            // the float64 model, at least u·max|r|; Keras's rounding within 4ρ.
            let rounding = max(maxDifference(mine, exact), Double(Float.ulpOfOne) / 2 * exact.abs().max().doubles[0])
            #expect(maxDifference(keras, exact) <= 4 * rounding, "\(name): Keras \(maxDifference(keras, exact)), bound \(4 * rounding)")
            expectEqual(mine.shape, keras.shape)
        }
        let url = temporaryPath("two-outputs").appendingPathExtension("keras")
        defer { try? FileManager.default.removeItem(at: url) }
        try model.save(keras: url)
        try expectEqual(Model.load(keras: url).predict(x: ["input_layer": input]), outputs)
    }
}

import Foundation
import NeuronaCore
import NeuronaData
import NeuronaKeras
import NeuronaLayers
import NeuronaMetrics
import NeuronaONNX
import NeuronaPyTorch
import NeuronaTraining

/// Models in and out: lecture 002's network trained by Keras, opened from its `.keras` file;
/// the same kind of network trained by PyTorch, its `torch.save` state_dict loaded without
/// Python; both scored on the 10,000 Fashion-MNIST test images against the accuracy their own
/// framework measured; then the PyTorch-trained model written as a `.keras` file (and read back)
/// and exported to ONNX, for the tools people already run.
///
/// The two files come from `Interop/`: the Keras model is the one `Tests/NeuronaKerasTests`'
/// generator trained (lecture 002's Flatten → Dense(128, relu) → Dense(10, softmax), 5 epochs),
/// the PyTorch one from `Interop/make_interop_models.py`. Each has its framework's figures beside it.
public enum InteropLesson: Lesson {
    public static let name = "interop"
    public static let lectures = ["002"]
    public static let summary = "open a Keras .keras file and a PyTorch checkpoint, score them, write .keras and ONNX"

    /// A file of `Interop/`, shipped with the samples.
    static func resource(_ name: String, _ ext: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Interop") else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "Interop/\(name).\(ext)"])
        }
        return url
    }

    /// The numbers a framework wrote beside its model (`test_accuracy`, and more).
    static func record(_ name: String) throws -> [String: Double] {
        guard let fields = try JSONSerialization.jsonObject(with: Data(contentsOf: resource(name, "json"))) as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: "Interop/\(name).json"])
        }
        return fields.compactMapValues { ($0 as? NSNumber)?.doubleValue }
    }

    public static func run(_ options: LessonOptions) throws -> LessonReport {
        let data = try MNISTFamily.fashionMNIST.load(from: options.dataDirectory.map { URL(fileURLWithPath: $0) })
        // Both frameworks trained on pixels divided by 255 (the lecture's `test_images / 255`).
        let images = data.testImages.converted(to: .float32) / 255, labels = data.testLabels

        // From Keras: the whole model (layers, settings, weights) from one file.
        let keras = try Model.load(keras: resource("fashion_mnist_mlp", "keras"))
        let kerasRecord = try record("fashion_mnist_mlp")
        let kerasAccuracy = Accuracy()(try keras.predict(images), labels)

        // From PyTorch: a state_dict holds weights only; the network is written here, as in PyTorch.
        let pytorch = Model(try Sequential([Flatten(), Dense(units: 64, activation: .relu), Dense(units: 10)],
                                           inputShape: [28, 28], seed: options.seed), seed: options.seed)
        let loaded = try pytorch.loadWeights(pytorch: resource("fashion_mlp", "pt"))
        let pytorchRecord = try record("fashion_mlp")
        let pytorchAccuracy = Accuracy()(try pytorch.predict(images), labels)

        // Out: the PyTorch-trained model as a Keras file (read back here) and as ONNX.
        let output = URL(fileURLWithPath: options.outputDirectory)
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let kerasFile = output.appendingPathComponent("fashion_mlp.keras")
        let onnxFile = output.appendingPathComponent("fashion_mlp.onnx")
        try pytorch.save(keras: kerasFile)
        let reread = try Model.load(keras: kerasFile)
        let probe = images.slice(axis: 0, start: 0, end: 256)
        let rereadDifference = try (reread.predict(probe) - pytorch.predict(probe)).abs().max().item
        try pytorch.export(onnx: onnxFile)
        let onnxBytes = (try FileManager.default.attributesOfItem(atPath: onnxFile.path)[.size] as? Int) ?? 0

        let kerasReference = kerasRecord["test_accuracy"] ?? .nan
        let pytorchReference = pytorchRecord["test_accuracy"] ?? .nan
        let text = """

        Models in and out (lecture 002's network, the 10,000 Fashion-MNIST test images)
          from Keras:   \(resourceName("fashion_mnist_mlp.keras")) — test accuracy \(format(kerasAccuracy, 4)) (Keras measured \(format(kerasReference, 4)))
          from PyTorch: \(resourceName("fashion_mlp.pt")) — test accuracy \(format(pytorchAccuracy, 4)) (PyTorch measured \(format(pytorchReference, 4)))
                        loaded: \(loaded)
          to Keras:     \(kerasFile.path), read back: predictions differ by at most \(rereadDifference)
          to ONNX:      \(onnxFile.path), \(onnxBytes) bytes; in Python:
                        onnxruntime.InferenceSession("\(onnxFile.lastPathComponent)").run(["output"], {"input": images})
        A .keras file holds the whole model; a PyTorch state_dict holds the weights only, so the
        network is written in Swift first and the weights are mapped onto it (Linear's [out, in]
        transposed to Dense's [in, out]), strictly: a missing or extra key is an error naming it.
        """
        return LessonReport(text: text, figures: [
            "keras_test_accuracy": .number(kerasAccuracy), "keras_reference_accuracy": .number(kerasReference),
            "pytorch_test_accuracy": .number(pytorchAccuracy), "pytorch_reference_accuracy": .number(pytorchReference),
            "pytorch_near_ties": .number(pytorchRecord["near_ties"] ?? .nan),
            "keras_reread_difference": .number(rereadDifference),
            "onnx_bytes": .number(Double(onnxBytes)), "test_count": .number(Double(labels.shape[0])),
        ])
    }

    /// A shipped file's name as the reader sees it in the repository.
    static func resourceName(_ file: String) -> String { "Samples/Lessons/Interop/\(file)" }
}

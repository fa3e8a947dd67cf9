import Foundation
import NeuronaLayers
import NeuronaTraining

extension Model {
    /// Writes the model as an ONNX file (opset 17), for onnxruntime, ONNX tools and other
    /// frameworks, with the same predictions as ``/NeuronaTraining/Model/predict(_:batchSize:)`` (the file holds
    /// the ``/NeuronaTraining/Model/network``: a subclass's own `predictStep` is not part of it).
    ///
    /// The file's input is `input` (a ``/NeuronaLayers/Graph``'s inputs keep their names) with the batch axis
    /// symbolic, the output is `output`, and each weight keeps its checkpoint name
    /// (`layers.0.weight`). Weights are written as float32. Dropout is left out (inference);
    /// batch normalization uses its running statistics.
    ///
    /// ```swift
    /// let model = Model(try Sequential([Dense(units: 16, activation: .relu), Dense(units: 3, activation: .softmax)],
    ///                                   inputShape: [4], seed: 1))
    /// try model.export(onnx: URL(fileURLWithPath: "iris.onnx"))
    /// ```
    ///
    /// - Parameter url: Where to write the file. It is written beside it and renamed into
    ///   place, so a failure never leaves half a file.
    /// - Throws: ``ONNXExportError`` when the model is not built, a layer or activation has no
    ///   ONNX form (naming it and its place in the model), or the file cannot be written.
    public func export(onnx url: URL) throws {
        let data = try ONNXExporter.fileData(for: network, name: url.deletingPathExtension().lastPathComponent)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw ONNXExportError.unwritable(path: url.path, reason: error.localizedDescription)
        }
    }
}

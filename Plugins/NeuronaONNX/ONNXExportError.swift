import Foundation

/// Why a model could not be written as ONNX: the layer at fault and where it sits in the model,
/// or the file that could not be written. Nothing is written when export throws.
public enum ONNXExportError: Error, Equatable, CustomStringConvertible {
    /// The model has not been built yet, so its shapes and weights are unknown: build it
    /// (give an input shape, or call `fit` or `predict` once) before exporting.
    case notBuilt
    /// The layer at `path` (`layers.2`, `nodes.a.layers.0`; empty for the model itself), of
    /// type `layer`, has no ONNX form here; `reason` says what is missing.
    case unsupportedLayer(layer: String, path: String, reason: String)
    /// The activation `activation` of the layer at `path` has no ONNX form here (a plugin's
    /// activation the exporter does not know).
    case unsupportedActivation(activation: String, path: String)
    /// The ONNX file could not be written at `path`; `reason` is the system's message.
    case unwritable(path: String, reason: String)

    public var description: String {
        switch self {
        case .notBuilt:
            return "ONNX export: the model is not built yet (its shapes and weights are unknown); "
                + "give it an input shape or run fit or predict once, then export"
        case .unsupportedLayer(let layer, let path, let reason):
            return "ONNX export: \(Self.place(path)) (\(layer)) cannot be exported: \(reason)"
        case .unsupportedActivation(let activation, let path):
            return "ONNX export: \(Self.place(path)) uses the activation \"\(activation)\", which has no ONNX form here; "
                + "the exporter writes \(ONNXGraphBuilder.exportedActivations.joined(separator: ", "))"
        case .unwritable(let path, let reason):
            return "ONNX export: cannot write \(path): \(reason)"
        }
    }

    /// "the layer at layers.2", or "the model" for the top level.
    private static func place(_ path: String) -> String {
        path.isEmpty ? "the model" : "the layer at \(path)"
    }
}

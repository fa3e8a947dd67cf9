import Foundation

/// Why a `.keras` file could not be read or written: each case names the file and the part of it
/// (an archive entry, a JSON path in `config.json`, a dataset in `model.weights.h5`).
///
/// ```swift
/// do { let model = try Model.load(keras: url) }
/// catch let error as KerasError { print(error) }
/// // classifier.keras: config.json: config.layers[3] (class_name "Embedding"): Neurona has no such layer; …
/// ```
public enum KerasError: Error, Equatable, CustomStringConvertible {
    /// The file is not a zip archive Neurona can read (truncated, corrupt, or not a zip at all).
    case unreadableArchive(file: String, reason: String)
    /// An entry every `.keras` file has (`config.json`, `model.weights.h5`) is missing.
    case missingEntry(file: String, entry: String)
    /// `config.json` is not JSON, or not the description of a Keras model, at `path`.
    case invalidConfig(file: String, path: String, message: String)
    /// A Keras layer class Neurona has no layer for, at `path` (`config.layers[3]`).
    case unsupportedLayer(file: String, path: String, className: String, hint: String)
    /// A setting of a Keras layer Neurona's layer cannot honour (a `recurrent_activation` other
    /// than sigmoid, a `data_format` of `channels_first`...), at `path`.
    case unsupportedSetting(file: String, path: String, className: String, setting: String, message: String)
    /// `model.weights.h5` is not an HDF5 file Neurona can read, or one of its datasets is not numeric.
    case unreadableWeights(file: String, reason: String)
    /// A layer's weight is missing from `model.weights.h5` (`dataset` is its HDF5 path).
    case missingWeight(file: String, dataset: String, layer: String)
    /// A dataset in `model.weights.h5` has another shape than the layer's config implies.
    case wrongWeightShape(file: String, dataset: String, layer: String, expected: [Int], found: [Int])
    /// A layer's group in `model.weights.h5` holds more weights than the layer has.
    case unexpectedWeight(file: String, dataset: String, layer: String)
    /// A Neurona layer (at its path in the network) that has no Keras equivalent, so the model
    /// cannot be saved as a `.keras` file.
    case noKerasEquivalent(layer: String, typeName: String, hint: String)
    /// The file could not be written (the folder is missing or read-only, the disk is full...);
    /// nothing was left at its path.
    case writeFailed(file: String, reason: String)

    public var description: String {
        switch self {
        case .unreadableArchive(let file, let reason):
            return "\(file): not a readable .keras (zip) archive: \(reason)"
        case .missingEntry(let file, let entry):
            return "\(file): the archive has no \(entry) (a Keras 3 .keras file holds config.json, model.weights.h5 and metadata.json)"
        case .invalidConfig(let file, let path, let message):
            return "\(file): config.json: \(path.isEmpty ? "" : path + ": ")\(message)"
        case .unsupportedLayer(let file, let path, let className, let hint):
            return "\(file): config.json: \(path) (class_name \"\(className)\"): Neurona has no such layer; \(hint)"
        case .unsupportedSetting(let file, let path, let className, let setting, let message):
            return "\(file): config.json: \(path) (class_name \"\(className)\").\(setting): \(message)"
        case .unreadableWeights(let file, let reason):
            return "\(file): model.weights.h5: \(reason)"
        case .missingWeight(let file, let dataset, let layer):
            return "\(file): model.weights.h5: no dataset \(dataset) (a weight of \(layer))"
        case .wrongWeightShape(let file, let dataset, let layer, let expected, let found):
            return "\(file): model.weights.h5: \(dataset) (a weight of \(layer)) has shape \(found); the layer's config implies \(expected)"
        case .unexpectedWeight(let file, let dataset, let layer):
            return "\(file): model.weights.h5: \(dataset) is more than \(layer) has (a file from another model?)"
        case .noKerasEquivalent(let layer, let typeName, let hint):
            return "\(layer) (\(typeName)) has no Keras equivalent; \(hint)"
        case .writeFailed(let file, let reason):
            return "\(file): could not be written: \(reason)"
        }
    }
}

import NeuronaRegistry

/// What went wrong making, building, calling or loading a layer. Each case says where (a layer
/// path such as `layers.2 (Dense)` or a JSON path such as `layers[2].units`) and what.
public enum LayerError: Error, Equatable, CustomStringConvertible {
    /// The layer cannot take inputs of this shape.
    case incompatibleInputShape(layer: String, expected: String, got: [Int])
    /// A config value makes no sense (`units` must be positive).
    case invalidConfig(layer: String, message: String)
    /// A JSON model description is wrong at `path`.
    case invalidDescription(path: String, message: String)
    /// A JSON model description names a type nobody registered: the closest registered names,
    /// or the plugin that announced the type (see ``/NeuronaRegistry/PluginCatalog``).
    case unknownType(path: String, name: String, closest: [String], plugin: PluginAnnouncement?)
    /// Weights given to `load` do not match the model's parameters.
    case weightMismatch(missing: [String], unexpected: [String], wrongShape: [String])
    /// A layer was called before it was built.
    case notBuilt(layer: String)
    /// An input's values (not its shape) are wrong for the layer: an `Embedding` id outside
    /// `0..<input_dim`. The message names the value, where it sits in the batch, and the fix.
    case invalidInput(layer: String, message: String)

    public var description: String {
        switch self {
        case .incompatibleInputShape(let layer, let expected, let got):
            return "\(layer): expected input shape \(expected), got \(got)"
        case .invalidConfig(let layer, let message):
            return "\(layer): \(message)"
        case .invalidDescription(let path, let message):
            return path.isEmpty ? message : "\(path): \(message)"
        case .unknownType(let path, let name, let closest, let plugin):
            return (path.isEmpty ? "" : path + ": ")
                + RegistryError.unknownNameMessage(noun: "layer type", name: name, closest: closest, plugin: plugin)
        case .weightMismatch(let missing, let unexpected, let wrongShape):
            var parts: [String] = []
            if !missing.isEmpty { parts.append("missing keys: \(missing.joined(separator: ", "))") }
            if !unexpected.isEmpty { parts.append("unexpected keys: \(unexpected.joined(separator: ", "))") }
            if !wrongShape.isEmpty { parts.append("wrong shapes: \(wrongShape.joined(separator: "; "))") }
            return "loading weights: " + parts.joined(separator: "; ")
        case .notBuilt(let layer):
            return "\(layer): not built; call build(inputShape:seed:) or give the model an input shape"
        case .invalidInput(let layer, let message):
            return "\(layer): \(message)"
        }
    }
}

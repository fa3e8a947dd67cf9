import Foundation
import NeuronaAutograd
import NeuronaCore
@_exported import NeuronaRegistry

/// The registry of layer types: the one ``Registry`` design with layers as its product, so that
/// a model can be described in JSON and plugins can add layer types without touching the core.
///
/// ```swift
/// let registry = LayerRegistry.default            // every built-in layer
/// registry.register(MyLayer.self)                  // a layer of your own
/// let model = try registry.make(from: """
///     {"type": "Sequential", "input_shape": [784],
///      "layers": [{"type": "Dense", "units": 128, "activation": "relu"},
///                 {"type": "Dense", "units": 10, "activation": "softmax"}]}
///     """)
/// ```
///
/// A JSON description is a tree of configs, each with a `"type"`, matched exactly (as Keras's
/// `"class_name"`; a wrong-case `"dense"` gets "closest registered names: Dense"). Errors are
/// ``LayerError``s naming the JSON path: `layers[2].units: expected an integer, found "abc"`; an
/// unknown type lists the closest registered names or the plugin that announced it.
public typealias LayerRegistry = Registry<any Layer>

private let defaultLayerRegistry: LayerRegistry = {
    let registry = LayerRegistry()
    registry.registerBuiltIns()
    return registry
}()

extension Registry where Product == any Layer {
    /// The registry holding every built-in layer; plugins register into it too.
    public static var `default`: LayerRegistry { defaultLayerRegistry }

    /// An empty layer registry (see ``registerBuiltIns()``): kind `layer`, names matched exactly.
    public convenience init() {
        self.init(kind: PluginCatalog.layerKind, nameKey: "type", exactNames: true)
    }

    /// Registers the built-in layers: Dense, Activation, Flatten, Reshape, Dropout, Sequential,
    /// Graph, Add, Concatenate, Multiply, Conv2D, MaxPool2D, AvgPool2D, GlobalAveragePooling2D,
    /// GlobalMaxPooling2D, GlobalAveragePooling1D, and Keras's alias names for some of them
    /// (`MaxPooling2D`, `AveragePooling2D`, …: KerasAliases.swift).
    public func registerBuiltIns() {
        register(Dense.self)
        register(Activation.self)
        register(Flatten.self)
        register(Reshape.self)
        register(Dropout.self)
        register(Sequential.self)
        register(Graph.self)
        register(Add.self)
        register(Concatenate.self)
        register(Multiply.self)
        register(Conv2D.self)
        register(MaxPool2D.self)
        register(AvgPool2D.self)
        register(GlobalAveragePooling2D.self)
        register(GlobalMaxPooling2D.self)
        register(GlobalAveragePooling1D.self)
        registerKerasAliases()
    }

    /// Registers `type`, whose config decodes itself (a container such as ``Sequential``), under
    /// its ``Layer/typeName`` (or `name`). Keys its config does not encode are refused. Registering
    /// again replaces the entry, so doing it twice is harmless.
    public func register<L: ConfigurableLayer>(_ type: L.Type, as name: String? = nil) {
        register(name ?? L.typeName) { decoder in
            let config = try L.Config(from: decoder)
            try Self.rejectUnexpectedKeys(decoder: decoder, config: config, typeName: L.typeName)
            do {
                return try L(config: config)
            } catch let error as LayerError {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(error)", underlyingError: error))
            }
        }
    }

    /// Registers a factory under `name`.
    public func register(name: String, factory: @escaping Factory) {
        register(name, factory: factory)
    }

    // MARK: JSON

    /// The layer (or model) a JSON description makes.
    public func make(from json: String) throws -> any Layer {
        try make(from: Data(json.utf8))
    }

    /// The layer (or model) a JSON description makes.
    ///
    /// Invalid JSON is reported with its line and column (`line 3, column 14: the description
    /// is not valid JSON (Invalid value)`), JSON nested deeper than the parser accepts with its
    /// own message, and a number that does not fit its field (`"units": 1e30`) by its path.
    ///
    /// - Throws: ``LayerError``.
    public func make(from data: Data) throws -> any Layer {
        do {
            return try make(fromJSONData: data)
        } catch let error as RegistryError {
            throw LayerError(error)
        }
    }

    /// The layer (or model) described by the JSON file at `url`. Every error names the file
    /// (``LayerFileError``): a missing or unreadable file, invalid JSON (with line and column),
    /// or a description that is wrong at some path.
    public func make(contentsOf url: URL) throws -> any Layer {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let exists = FileManager.default.fileExists(atPath: url.path)
            throw LayerFileError(file: url.path, readFailure: exists ? "cannot read the file: \(error.localizedDescription)" : "no such file")
        }
        do {
            return try make(from: data)
        } catch let error as LayerError {
            throw LayerFileError(file: url.path, error: error)
        }
    }

    /// The JSON description of `layer` (keys sorted, indented).
    public static func json(for layer: any Layer) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(LayerDescription(layer)), as: UTF8.self)
    }

    /// Rejects keys in the JSON object that `config` does not have (typos such as `activaton`).
    static func rejectUnexpectedKeys<C: Encodable>(decoder: Decoder, config: C, typeName: String) throws {
        guard let present = try? decoder.container(keyedBy: AnyCodingKey.self) else { return }
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(config)) as? [String: Any] ?? [:]
        for key in present.allKeys where key.stringValue != "type" && encoded[key.stringValue] == nil {
            if (try? present.decodeNil(forKey: key)) == true { continue }
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath + [key],
                debugDescription: unexpectedField(key.stringValue, typeName: typeName, fields: encoded.keys.sorted())))
        }
    }
}

extension LayerError {
    /// A registry's error as the layer error it stands for: an unknown name as
    /// ``unknownType(path:name:closest:plugin:)``, a wrong description as
    /// ``invalidDescription(path:message:)``.
    init(_ error: RegistryError) {
        switch error {
        case .unknownName(_, let name, let closest, let plugin, let path):
            self = .unknownType(path: path, name: name, closest: closest, plugin: plugin)
        case .invalidConfig(_, let path, let message):
            self = .invalidDescription(path: path, message: message)
        }
    }
}

extension CodingUserInfoKey {
    /// The ``LayerRegistry`` nested layer descriptions are decoded with.
    public static let layerRegistry = LayerRegistry.userInfoKey(kind: PluginCatalog.layerKind)
}

/// A layer in a JSON description: its `"type"` beside the fields of its config. Containers
/// (Sequential, Graph, plugins' blocks) hold their sublayers as these.
public struct LayerDescription: Codable {
    /// The layer.
    public var layer: any Layer

    /// The description of `layer`.
    /// - Parameter layer: The layer.
    public init(_ layer: any Layer) { self.layer = layer }

    public init(from decoder: Decoder) throws {
        let registry = decoder.userInfo[.layerRegistry] as? LayerRegistry ?? .default
        do {
            layer = try registry.product(from: decoder)
        } catch let error as RegistryError {
            throw LayerError(error)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        try container.encode(layer.typeName, forKey: AnyCodingKey("type"))
        try layer.encodeConfig(to: encoder)
    }
}

/// A coding key made from any string or integer.
struct AnyCodingKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int?
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { self.stringValue = "\(intValue)"; self.intValue = intValue }
}

import Foundation
import NeuronaAutograd
import NeuronaCore
@_exported import NeuronaRegistry

/// The registry of layer types: the one ``/NeuronaRegistry/Registry`` design with layers as its product, so that
/// a model can be described in JSON and plugins can add layer types without touching the core.
///
/// ```swift
/// let registry = LayerRegistry.default            // every built-in layer
/// try registry.register(MyLayer.self, package: "MyApp")   // a layer of your own
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
    try! registry.registerBuiltIns()   // an empty registry and distinct built-in names: nothing to collide
    return registry
}()

extension Registry where Product == any Layer {
    /// The registry holding every built-in layer; plugins register into it too.
    public static var `default`: LayerRegistry { defaultLayerRegistry }

    /// An empty layer registry (see ``registerBuiltIns()``): kind `layer`, names matched exactly;
    /// a setting out of range is the ``LayerError/invalidConfig(layer:message:)`` the Swift
    /// initializer's layer throws when built, its layer named with the JSON path
    /// (`layers[2] (Dense)`).
    public convenience init() {
        self.init(kind: PluginCatalog.layerKind, nameKey: "type", exactNames: true) { name, error, path in
            LayerError.invalidConfig(layer: path.isEmpty ? name : "\(JSONPath.string(path)) (\(name))", message: error.message)
        }
    }

    /// Registers the built-in layers: Dense, Activation, Flatten, Reshape, Dropout, Sequential,
    /// Graph, Add, Concatenate, Multiply, Conv2D, MaxPool2D, AvgPool2D, GlobalAveragePooling2D,
    /// GlobalMaxPooling2D, GlobalAveragePooling1D, Embedding, Conv1D, MaxPool1D, AvgPool1D,
    /// GlobalMaxPooling1D, Conv2DTranspose, UpSampling2D, DepthwiseConv2D, SeparableConv2D, the
    /// augmentation layers RandomFlip, RandomRotation, RandomTranslation, RandomZoom and
    /// RandomContrast, each also under Keras's alias names
    /// (`MaxPooling2D`, `AveragePooling2D`, …: KerasAliases.swift).
    ///
    /// - Throws: ``/NeuronaRegistry/RegistryError/duplicateName(kind:name:registrant:existing:)`` when another
    ///   registrant already holds one of these names in this registry.
    public func registerBuiltIns() throws {
        for type in Self.builtInTypes { try register(layerType: type, package: nil) }
    }

    /// The built-in layer types, in the order they are registered.
    static let builtInTypes: [any ConfigurableLayer.Type] = [
        Dense.self, Activation.self, Flatten.self, Reshape.self, Dropout.self, Sequential.self, Graph.self,
        Add.self, Concatenate.self, Multiply.self, Conv2D.self, MaxPool2D.self, AvgPool2D.self,
        GlobalAveragePooling2D.self, GlobalMaxPooling2D.self, GlobalAveragePooling1D.self, Embedding.self,
        Conv1D.self, MaxPool1D.self, AvgPool1D.self, GlobalMaxPooling1D.self, Conv2DTranspose.self, UpSampling2D.self,
        DepthwiseConv2D.self, SeparableConv2D.self,
        RandomFlip.self, RandomRotation.self, RandomTranslation.self, RandomZoom.self, RandomContrast.self,
    ]

    /// Keras's alias names of built-in layers (``/NeuronaRegistry/Registrable/registeredAliases``), each with the
    /// `typeName` the layer is saved under.
    public static var kerasAliases: [String: String] {
        Dictionary(uniqueKeysWithValues: builtInTypes.flatMap { type in type.registeredAliases.map { ($0, type.typeName) } })
    }

    /// ``register(_:package:as:)`` for a layer type known only as `any ConfigurableLayer.Type`.
    func register(layerType type: any ConfigurableLayer.Type, package: PluginPackage?) throws {
        func open<L: ConfigurableLayer>(_ type: L.Type) throws { try register(type, package: package) }
        try open(type)
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
        let layer: any Layer
        do {
            layer = try make(fromJSONData: data)
        } catch let error as RegistryError {
            throw LayerError(error)
        }
        // The top-level layer's own "trainable" (nested layers read theirs as LayerDescriptions).
        do {
            if let trainable = try JSONDecoder().decode(TrainableFlag.self, from: data).trainable { layer.isTrainable = trainable }
        } catch DecodingError.typeMismatch(_, let context) {
            throw LayerError.invalidDescription(path: LayerDescription.trainableKey, message: "expected true or false (\(context.debugDescription))")
        }
        return layer
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

    /// Rejects keys in the JSON object that `config` does not have (typos such as `activaton`):
    /// how a container's config, which decodes itself, is read strictly.
    static func rejectUnexpectedKeys<C: Encodable>(decoder: Decoder, config: C, typeName: String) throws {
        guard let present = try? decoder.container(keyedBy: AnyCodingKey.self) else { return }
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(config)) as? [String: Any] ?? [:]
        for key in present.allKeys where key.stringValue != "type" && key.stringValue != LayerDescription.trainableKey
            && encoded[key.stringValue] == nil {
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
        case .ambiguousName(_, let name, let candidates, let path):
            self = .invalidDescription(path: path, message: RegistryError.ambiguousNameMessage(noun: "layer type", name: name,
                                                                                                candidates: candidates))
        case .duplicateName, .invalidName:
            self = .invalidDescription(path: "", message: "\(error)")
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

    /// The key of Keras's `trainable` flag, beside `"type"`: written only for a frozen layer
    /// (`"trainable": false`), read for any layer.
    public static let trainableKey = "trainable"

    public init(from decoder: Decoder) throws {
        let registry = decoder.userInfo[.layerRegistry] as? LayerRegistry ?? .default
        do {
            layer = try registry.product(from: decoder)
        } catch let error as RegistryError {
            throw LayerError(error)
        }
        try Self.readTrainable(from: decoder, into: layer)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: AnyCodingKey.self)
        try container.encode(layer.typeName, forKey: AnyCodingKey("type"))
        if !layer.isTrainable { try container.encode(false, forKey: AnyCodingKey(Self.trainableKey)) }
        try layer.encodeConfig(to: encoder)
    }

    /// Sets `layer`'s ``Layer/isTrainable`` from the description's `"trainable"`, when present.
    static func readTrainable(from decoder: Decoder, into layer: any Layer) throws {
        guard let container = try? decoder.container(keyedBy: AnyCodingKey.self),
              let trainable = try container.decodeIfPresent(Bool.self, forKey: AnyCodingKey(trainableKey)) else { return }
        layer.isTrainable = trainable
    }
}

/// A description's `"trainable"` alone, read beside the rest of the top-level description.
private struct TrainableFlag: Decodable { var trainable: Bool? }

/// A coding key made from any string or integer.
struct AnyCodingKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int?
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { self.stringValue = "\(intValue)"; self.intValue = intValue }
}

extension LayerRegistry {
    /// A container's config, which decodes its sublayers itself: read by its own `init(from:)`,
    /// with keys it does not encode refused.
    static func decodeContainerConfig<Config: Codable>(_ type: Config.Type, from decoder: Decoder,
                                                       registeredName: String) throws -> Config {
        let config = try Config(from: decoder)
        try rejectUnexpectedKeys(decoder: decoder, config: config, typeName: registeredName)
        return config
    }
}

extension Sequential.Config: RegistrySettings {
    /// Reads the layers (and the input shape, on the Sequential or its first layer) strictly.
    public static func decode(from decoder: Decoder, defaults: Self, nameKey: String, registeredName: String) throws -> Self {
        try LayerRegistry.decodeContainerConfig(Self.self, from: decoder, registeredName: registeredName)
    }

    /// Nothing to check beyond what the layers check when built.
    public func validate() throws {}
}

extension Graph.Config: RegistrySettings {
    /// Reads the inputs, nodes and output strictly.
    public static func decode(from decoder: Decoder, defaults: Self, nameKey: String, registeredName: String) throws -> Self {
        try LayerRegistry.decodeContainerConfig(Self.self, from: decoder, registeredName: registeredName)
    }

    /// Nothing to check here: ``Graph/init(config:)`` checks the wiring.
    public func validate() throws {}
}

extension Sequential {
    /// An empty stack (a description must list its layers).
    public static var defaultSettings: Config { Config(layers: []) }
}

extension Graph {
    /// No inputs or nodes (a description must give them).
    public static var defaultSettings: Config { Config(inputs: [], nodes: [], output: "") }
}

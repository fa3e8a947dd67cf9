import Foundation
import NeuronaAutograd
import NeuronaCore

/// Maps layer type names to factories, so that a model can be described in JSON and plugins can
/// add layer types without touching the core.
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
/// A JSON description is a tree of configs, each with a `"type"`. Errors name the JSON path:
/// `layers[2].units: expected an integer, found "abc"`; an unknown type lists the closest
/// registered names and, for the plugins' types, which plugin to register.
public final class LayerRegistry: @unchecked Sendable {
    /// Makes a layer from a decoder positioned at its config object.
    public typealias Factory = (Decoder) throws -> any Layer

    private var factories: [String: Factory] = [:]
    private let lock = NSLock()

    /// The registry holding every built-in layer; plugins register into it too.
    public static let `default`: LayerRegistry = {
        let registry = LayerRegistry()
        registry.registerBuiltIns()
        return registry
    }()

    /// An empty registry (see ``registerBuiltIns()``).
    public init() {}

    /// Registers the built-in layers: Dense, Activation, Flatten, Reshape, Dropout, Sequential,
    /// Graph, Add, Concatenate, Multiply, Conv2D, MaxPool2D, AvgPool2D, GlobalAveragePooling2D,
    /// GlobalMaxPooling2D, GlobalAveragePooling1D.
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
    }

    /// Registers `type` under its ``Layer/typeName`` (or `name`). Registering again replaces the
    /// entry, so doing it twice is harmless.
    public func register<L: ConfigurableLayer>(_ type: L.Type, as name: String? = nil) {
        register(name: name ?? L.typeName) { decoder in
            let config = try L.Config(from: decoder)
            try LayerRegistry.rejectUnexpectedKeys(decoder: decoder, config: config, typeName: L.typeName)
            do {
                return try L(config: config)
            } catch let error as LayerError {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(error)"))
            }
        }
    }

    /// Registers a factory under `name`.
    public func register(name: String, factory: @escaping Factory) {
        lock.lock()
        defer { lock.unlock() }
        factories[name] = factory
    }

    /// The registered names, sorted.
    public var names: [String] {
        lock.lock()
        defer { lock.unlock() }
        return factories.keys.sorted()
    }

    /// Whether `name` is registered.
    public func contains(_ name: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return factories[name] != nil
    }

    func factory(for name: String) -> Factory? {
        lock.lock()
        defer { lock.unlock() }
        return factories[name]
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
    public func make(from data: Data) throws -> any Layer {
        // Syntax first, so that the error can say where: JSONDecoder's own error has no position.
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw LayerRegistry.syntaxError(error, in: data)
        }
        let decoder = JSONDecoder()
        decoder.userInfo[.layerRegistry] = self
        do {
            return try decoder.decode(LayerDescription.self, from: data).layer
        } catch let error as LayerError {
            throw error
        } catch let error as DecodingError {
            if case .dataCorrupted(let context) = error,
               context.codingPath.isEmpty || context.debugDescription == "The given data was not valid JSON.",
               let culprit = unrepresentableNumber(in: root) {
                // The decoder rejects a number that does not fit the field's type (1e30 or 2.5
                // for an integer) without saying where (a config decoded from its merged object
                // reports only the layer's path); find it.
                throw LayerError.invalidDescription(path: culprit.path,
                    message: "the number \(culprit.text) does not fit this field (an integer field takes whole numbers from \(Int.min) to \(Int.max))")
            }
            throw LayerRegistry.describe(error, in: data)
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

    /// The deepest nesting of arrays and objects JSONSerialization accepts (swift-foundation's
    /// parser stops past it).
    public static let jsonNestingLimit = 512

    /// A JSONSerialization error as an ``LayerError/invalidDescription(path:message:)`` saying
    /// where: the parser's "around character N" (a byte offset) becomes a line and column.
    static func syntaxError(_ error: Error, in data: Data) -> LayerError {
        let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
        var offset: Int?
        if let range = detail.range(of: "character ") {
            offset = Int(detail[range.upperBound...].prefix { $0.isNumber })
        } else if detail.contains("end of file") {
            offset = data.count
        }
        var position = ""
        if let offset {
            let (line, column) = lineAndColumn(ofByte: offset, in: data)
            position = "line \(line), column \(column): "
        }
        let reason = detail.components(separatedBy: " around character").first ?? detail
        if detail.hasPrefix("Too many nested") {
            return .invalidDescription(path: "", message: position + "the description nests arrays and objects deeper than the JSON parser's limit of \(jsonNestingLimit)")
        }
        if data.isEmpty || data.allSatisfy({ [0x20, 0x09, 0x0a, 0x0d].contains($0) }) {
            return .invalidDescription(path: "", message: "the description is empty")
        }
        return .invalidDescription(path: "", message: position + "the description is not valid JSON (\(reason.hasSuffix(".") ? String(reason.dropLast()) : reason))")
    }

    /// The 1-based line and column (in characters) of byte `offset` of UTF-8 `data`.
    static func lineAndColumn(ofByte offset: Int, in data: Data) -> (line: Int, column: Int) {
        let before = data.prefix(Swift.max(0, Swift.min(offset, data.count)))
        let line = before.reduce(1) { $1 == 0x0a ? $0 + 1 : $0 }
        let lineStart = before.lastIndex(of: 0x0a).map { $0 + 1 } ?? before.startIndex
        let column = String(decoding: before[lineStart...], as: UTF8.self).count + 1
        return (line, column)
    }

    /// The first number in a parsed JSON tree (depth first) that the decoder cannot give a
    /// field: one that is not a whole number within `Int`, when replacing it by 0 makes the
    /// decoder's position-less error go away. Nil when there is none.
    func unrepresentableNumber(in root: Any) -> (path: String, text: String)? {
        var candidates: [(path: [CodingKey], text: String)] = []
        func visit(_ node: Any, _ path: [CodingKey]) {
            guard candidates.count < 16 else { return }
            if let object = node as? [String: Any] {
                for key in object.keys.sorted() { visit(object[key]!, path + [AnyCodingKey(key)]) }
            } else if let array = node as? [Any] {
                for (i, element) in array.enumerated() { visit(element, path + [AnyCodingKey(intValue: i)!]) }
            } else if let number = node as? NSNumber, !(node is Bool), String(cString: number.objCType) != "c" {
                let value = number.doubleValue
                if number as? Int == nil || value.rounded() != value || !value.isFinite {
                    candidates.append((path, "\(number)"))
                }
            }
        }
        visit(root, [])
        func replacing(_ node: Any, at path: ArraySlice<CodingKey>) -> Any {
            guard let key = path.first else { return 0 }
            if var object = node as? [String: Any], let child = object[key.stringValue] {
                object[key.stringValue] = replacing(child, at: path.dropFirst())
                return object
            }
            if var array = node as? [Any], let i = key.intValue, i < array.count {
                array[i] = replacing(array[i], at: path.dropFirst())
                return array
            }
            return node
        }
        for candidate in candidates {
            let patched = replacing(root, at: candidate.path[...])
            guard let data = try? JSONSerialization.data(withJSONObject: patched, options: [.fragmentsAllowed]) else { continue }
            let decoder = JSONDecoder()
            decoder.userInfo[.layerRegistry] = self
            do {
                _ = try decoder.decode(LayerDescription.self, from: data)
                return (LayerRegistry.pathString(candidate.path), candidate.text)
            } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
                continue
            } catch {
                return (LayerRegistry.pathString(candidate.path), candidate.text)
            }
        }
        return nil
    }

    /// The JSON description of `layer` (keys sorted, indented).
    public static func json(for layer: any Layer) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(LayerDescription(layer)), as: UTF8.self)
    }

    /// Registered names, and names announced in the ``PluginCatalog``, closest to `name`
    /// (edit distance), best first.
    public func closestNames(to name: String, limit: Int = 3) -> [String] {
        Registry<any Layer>.closest(to: name, among: (names + PluginCatalog.announcedTypes).filter { $0 != name }, limit: limit)
    }

    // MARK: Errors

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

    /// A `DecodingError` as a ``LayerError/invalidDescription(path:message:)`` naming the JSON
    /// path, what was expected and what was found.
    static func describe(_ error: DecodingError, in data: Data) -> LayerError {
        let root = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        func found(_ path: [CodingKey]) -> String {
            var node: Any? = root
            for key in path {
                if let i = key.intValue, let array = node as? [Any] { node = i < array.count ? array[i] : nil }
                else if let object = node as? [String: Any] { node = object[key.stringValue] }
                else { node = nil }
            }
            guard let value = node else { return "nothing" }
            if value is NSNull { return "null" }
            if let s = value as? String { return "\"\(s)\"" }
            if let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys]) {
                return String(decoding: data, as: UTF8.self)
            }
            return "\(value)"
        }
        func expected(_ type: Any.Type) -> String {
            switch type {
            case is Int.Type, is Int64.Type, is UInt64.Type: return "an integer"
            case is Double.Type, is Float.Type: return "a number"
            case is String.Type: return "a string"
            case is Bool.Type: return "a boolean"
            default:
                let name = "\(type)"
                if name.hasPrefix("Array") { return "a list" }
                if name.hasPrefix("Dictionary") { return "an object" }
                return "a value of type \(name)"
            }
        }
        switch error {
        case .typeMismatch(let type, let context):
            return .invalidDescription(path: pathString(context.codingPath),
                                       message: "expected \(expected(type)), found \(found(context.codingPath))")
        case .valueNotFound(let type, let context):
            return .invalidDescription(path: pathString(context.codingPath),
                                       message: "expected \(expected(type)), found \(found(context.codingPath))")
        case .keyNotFound(let key, let context):
            return .invalidDescription(path: pathString(context.codingPath), message: "missing field \"\(key.stringValue)\"")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty && root == nil {
                return .invalidDescription(path: "", message: "the description is not valid JSON")
            }
            if context.codingPath.isEmpty && context.debugDescription == "The given data was not valid JSON." {
                // Valid JSON the decoder still refused (it says so for a number that fits no field).
                return .invalidDescription(path: "", message: "a value does not fit its field's type")
            }
            return .invalidDescription(path: pathString(context.codingPath), message: context.debugDescription)
        @unknown default:
            return .invalidDescription(path: "", message: "\(error)")
        }
    }

    /// `layers[2].units` for a coding path.
    static func pathString(_ path: [CodingKey]) -> String {
        var s = ""
        for key in path {
            if let i = key.intValue { s += "[\(i)]" } else { s += (s.isEmpty ? "" : ".") + key.stringValue }
        }
        return s
    }
}

extension CodingUserInfoKey {
    /// The ``LayerRegistry`` nested layer descriptions are decoded with.
    public static let layerRegistry = CodingUserInfoKey(rawValue: "neurona.layerRegistry")!
}

/// A layer in a JSON description: its `"type"` beside the fields of its config. Containers
/// (Sequential, Graph, plugins' blocks) hold their sublayers as these.
public struct LayerDescription: Codable {
    public var layer: any Layer

    public init(_ layer: any Layer) { self.layer = layer }

    public init(from decoder: Decoder) throws {
        let registry = decoder.userInfo[.layerRegistry] as? LayerRegistry ?? .default
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        let name = try container.decode(String.self, forKey: AnyCodingKey("type"))
        guard let factory = registry.factory(for: name) else {
            let plugin = PluginCatalog.plugin(providing: name)
            throw LayerError.unknownType(path: LayerRegistry.pathString(decoder.codingPath + [AnyCodingKey("type")]),
                                         name: name, closest: plugin == nil ? registry.closestNames(to: name) : [],
                                         plugin: plugin)
        }
        layer = try factory(decoder)
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

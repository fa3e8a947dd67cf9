import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaRegistry

/// A layer's settings: a ``/NeuronaRegistry/DefaultedConfiguration`` (it knows its defaults and required keys), so
/// that JSON descriptions may leave settings out (Keras's `get_config`).
///
/// A layer stores its config and reads its settings through it; its Swift initializer, whose
/// default arguments are the only place each default is written, makes the config, and
/// ``/NeuronaRegistry/DefaultedConfiguration/defaults`` asks that initializer for them:
///
/// ```swift
/// public struct Config: LayerConfig {
///     public var units: Int
///     public var useBias: Bool
///     public static let defaults = Dense(units: 1).config
///     public static let requiredKeys: Set<String> = ["units"]
///     public func validate() throws { try requirePositive("units", units) }
/// }
/// ```
public protocol LayerConfig: DefaultedConfiguration {}

extension ConfigurableLayer where Config: LayerConfig {
    /// Checks the settings: ``LayerError/invalidConfig(layer:message:)`` naming this layer and
    /// the first setting out of its range. `build` calls it, so that `Dense(units: 0)` in Swift
    /// throws the error `"units": 0` in JSON does.
    public func validate() throws {
        do { try config.validate() } catch let error as InvalidSetting {
            throw LayerError.invalidConfig(layer: Self.typeName, message: error.message)
        }
    }

    public func encodeConfig(to encoder: Encoder) throws {
        try config.encodeSettings(to: encoder)
    }
}

extension LayerConfig {
    /// Decodes as every configuration does (snake_case keys, defaults for the settings left out,
    /// unknown keys refused with their JSON path), and says where Keras's `input_shape` belongs
    /// when a layer is given one.
    public static func decode(from decoder: Decoder, defaults: Self, nameKey: String, registeredName: String) throws -> Self {
        let decoded: (config: Self, unexpected: [String])
        do {
            decoded = try decode(from: decoder, defaults: defaults, required: requiredKeys, ignoring: [nameKey, LayerDescription.trainableKey])
        } catch let error as LayerError {
            throw error.relocated(under: decoder.codingPath)
        }
        if let key = decoded.unexpected.first {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath + [AnyCodingKey(key)],
                debugDescription: LayerRegistry.unexpectedField(key, typeName: registeredName, fields: try decoded.config.settingKeys())))
        }
        return decoded.config
    }
}

extension LayerError {
    /// An error thrown while decoding a nested description, its JSON path put under `prefix`.
    func relocated(under prefix: [CodingKey]) -> LayerError {
        guard !prefix.isEmpty else { return self }
        let head = JSONPath.string(prefix)
        func under(_ path: String) -> String { path.hasPrefix("[") ? head + path : head + "." + path }
        switch self {
        case .unknownType(let path, let name, let closest, let plugin):
            return .unknownType(path: under(path), name: name, closest: closest, plugin: plugin)
        case .invalidConfig(let layer, let message):
            return .invalidConfig(layer: layer.contains(" (") ? under(layer) : "\(head) (\(layer))", message: message)
        case .invalidDescription(let path, let message):
            return .invalidDescription(path: path.isEmpty ? head : under(path), message: message)
        default:
            return self
        }
    }
}

extension DecodingError {
    /// This error, thrown decoding a nested description on its own, with its path put under `prefix`.
    func relocated(under prefix: [CodingKey]) -> DecodingError {
        func context(_ c: Context) -> Context {
            .init(codingPath: prefix + c.codingPath, debugDescription: c.debugDescription, underlyingError: c.underlyingError)
        }
        switch self {
        case .typeMismatch(let type, let c): return .typeMismatch(type, context(c))
        case .valueNotFound(let type, let c): return .valueNotFound(type, context(c))
        case .keyNotFound(let key, let c): return .keyNotFound(key, context(c))
        case .dataCorrupted(let c): return .dataCorrupted(context(c))
        @unknown default: return self
        }
    }
}

extension LayerRegistry {
    /// The message for a JSON key a layer does not have: its fields (or that it takes none),
    /// and for Keras's `input_shape`, where that belongs.
    ///
    /// - Parameters:
    ///   - key: The unexpected key.
    ///   - typeName: The layer's type name.
    ///   - fields: The keys the layer takes.
    static func unexpectedField(_ key: String, typeName: String, fields: [String]) -> String {
        let known = fields.isEmpty ? "\(typeName) takes no fields besides \"type\"" : "its fields: \(fields.joined(separator: ", "))"
        var message = "unexpected field \"\(key)\" for \(typeName) (\(known))"
        if Sequential.Config.inputShapeKeys.contains(key) {
            message += "; \"\(key)\" belongs on the first layer of a Sequential's \"layers\" or on the Sequential itself (\"input_shape\" beside \"layers\")"
        }
        return message
    }
}

extension LayerState {
    /// Records the shapes `build` computed and returns the output shape.
    ///
    /// - Parameters:
    ///   - input: The input shape the layer was built for.
    ///   - output: The output shape it computed.
    public mutating func built(input: [Int], output: [Int]) -> [Int] {
        inputShape = input
        outputShape = output
        return output
    }
}

extension Array where Element == NamedParameter {
    /// The parameters that exist (a layer's before `build`, or without a bias, has fewer), in
    /// the order given: `.existing(("weight", weight), ("bias", bias))`.
    public static func existing(_ pairs: (String, Variable?)...) -> [NamedParameter] {
        pairs.compactMap { name, variable in variable.map { NamedParameter(name, $0) } }
    }
}

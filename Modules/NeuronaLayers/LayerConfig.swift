import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaRegistry

/// A layer's settings: a ``DefaultedConfiguration`` (it knows its defaults and required keys), so
/// that JSON descriptions may leave settings out (Keras's `get_config`).
///
/// A layer stores its config and reads its settings through it; its Swift initializer, whose
/// default arguments are the only place each default is written, makes the config, and
/// ``DefaultedConfiguration/defaults`` asks that initializer for them:
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

extension LayerRegistry {
    /// Registers `type` under its ``Layer/typeName`` (or `name`): its JSON is its config's
    /// settings under snake_case keys, with defaults for the ones left out. Unknown keys throw
    /// naming the JSON path; a setting out of range throws the
    /// ``LayerError/invalidConfig(layer:message:)`` the Swift initializer's layer throws when
    /// built, its layer named with the JSON path (`layers[2] (Dense)`).
    public func register<L: ConfigurableLayer>(_ type: L.Type, as name: String? = nil) where L.Config: LayerConfig {
        register(name ?? L.typeName) { decoder in
            let decoded: (config: L.Config, unexpected: [String])
            do {
                decoded = try L.Config.decode(from: decoder, defaults: L.Config.defaults, required: L.Config.requiredKeys)
            } catch let error as LayerError {
                throw error.relocated(under: decoder.codingPath)
            }
            // Not decodeStrictly: a layer's unexpected key also says where Keras's input_shape belongs.
            if let key = decoded.unexpected.first {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath + [AnyCodingKey(key)],
                    debugDescription: LayerRegistry.unexpectedField(key, typeName: L.typeName, fields: try decoded.config.settingKeys())))
            }
            let config = decoded.config
            do {
                try config.validate()
            } catch let error as InvalidSetting {
                let path = decoder.codingPath
                throw LayerError.invalidConfig(layer: path.isEmpty ? L.typeName : "\(JSONPath.string(path)) (\(L.typeName))",
                                               message: error.message)
            }
            do {
                return try L(config: config)
            } catch let error as LayerError {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(error)", underlyingError: error))
            }
        }
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

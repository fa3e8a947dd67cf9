import Foundation

/// The settings of a layer, loss or optimizer as one `Codable` value: the single source of truth
/// its owner reads, writes to JSON and checks with ``validate()``, for Swift initializers and
/// JSON descriptions alike.
///
/// A configuration's properties are named in Swift's camelCase; its JSON keys are their
/// snake_case forms (``ConfigurationKeys/snakeCase(_:)``: `useBias` → `use_bias`,
/// `beta1` → `beta_1`), so no hand-written `CodingKeys` are needed. A JSON description may leave
/// out any setting but the required ones: the others take their values from the defaults the
/// owner passes to ``decode(from:defaults:required:ignoring:)``.
public protocol Configuration: Codable, Equatable, RegistrySettings {
    /// Throws ``InvalidSetting`` naming the first setting out of its range (by its JSON key).
    func validate() throws
}

extension Configuration {
    /// Nothing to check: a configuration without rules.
    public func validate() throws {}
}

/// A setting out of its range: what ``Configuration/validate()`` throws. The owner (a layer or an
/// optimizer) turns it into its own typed error, adding its name.
public struct InvalidSetting: Error, Equatable, CustomStringConvertible {
    /// What is wrong, naming the setting by its JSON key (`units must be positive, got 0`).
    public var message: String

    /// - Parameters:
    ///   - message: What is wrong, naming the setting by its JSON key.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// Throws ``InvalidSetting`` with `message` unless `condition` holds: one line per rule in a
/// ``Configuration/validate()``.
///
/// - Parameters:
///   - condition: The rule.
///   - message: What is wrong when it does not hold, naming the setting by its JSON key.
public func requireSetting(_ condition: Bool, _ message: @autoclosure () -> String) throws {
    if !condition { throw InvalidSetting(message()) }
}

/// Throws ``InvalidSetting`` unless `value > 0`: "`key` must be positive, got `value`" (units,
/// filters, heads, epsilon of a normalization).
public func requirePositive<Value: Comparable & Numeric>(_ key: String, _ value: Value) throws {
    try requireSetting(value > 0, "\(key) must be positive, got \(value)")
}

/// Throws ``InvalidSetting`` unless `value` is in [0, 1): "`key` must be in [0, 1), got `value`"
/// (a dropout rate, a decay such as Adam's betas or a momentum of running statistics).
public func requireFraction(_ key: String, _ value: Double) throws {
    try requireSetting(value >= 0 && value < 1, "\(key) must be in [0, 1), got \(value)")
}

/// Throws ``InvalidSetting`` unless `value` is finite and ≥ 0: "`key` must be a finite number ≥ 0,
/// got `value`" (a learning rate, epsilon, weight decay, momentum).
public func requireNonNegative(_ key: String, _ value: Double) throws {
    try requireSetting(value.isFinite && value >= 0, "\(key) must be a finite number ≥ 0, got \(value)")
}

/// The key conversions between Swift property names and JSON keys.
public enum ConfigurationKeys {
    /// `useBias` → `use_bias`, `beta1` → `beta_1` (Keras's names).
    public static func snakeCase(_ key: String) -> String {
        var result = ""
        var previous: Character?
        for c in key {
            if c.isUppercase {
                if previous != nil { result.append("_") }
                result.append(Character(c.lowercased()))
            } else if c.isNumber, let p = previous, p.isLetter {
                result.append("_")
                result.append(c)
            } else {
                result.append(c)
            }
            previous = c
        }
        return result
    }

    /// `use_bias` → `useBias`, `beta_1` → `beta1`: the inverse of ``snakeCase(_:)``.
    public static func camelCase(_ key: String) -> String {
        let parts = key.split(separator: "_", omittingEmptySubsequences: false)
        guard let first = parts.first else { return key }
        return parts.dropFirst().reduce(String(first)) { $0 + $1.prefix(1).uppercased() + $1.dropFirst() }
    }
}

extension Configuration {
    /// The configuration as a JSON object keyed by the Swift property names.
    private func swiftKeyedObject() throws -> [String: JSONValue] {
        guard case .object(let object) = try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(self)) else {
            fatalError("\(Self.self): a configuration must encode as a JSON object")
        }
        return object
    }

    /// Writes the settings into `encoder`'s object under their snake_case keys.
    public func encodeSettings(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: JSONKey.self)
        for (key, value) in try swiftKeyedObject() {
            try container.encode(value, forKey: JSONKey(ConfigurationKeys.snakeCase(key)))
        }
    }

    /// The JSON keys of this configuration's settings, sorted (a setting that is nil is left out).
    public func settingKeys() throws -> [String] {
        try swiftKeyedObject().keys.map(ConfigurationKeys.snakeCase).sorted()
    }

    /// Decodes a configuration from the JSON object `decoder` is at: snake_case keys, settings
    /// left out (or null) taken from `defaults`, except the `required` ones.
    ///
    /// - Parameters:
    ///   - decoder: A decoder positioned at the JSON object.
    ///   - defaults: The configuration whose values fill in the settings the object leaves out.
    ///   - required: The JSON keys the object must give.
    ///   - ignoring: Keys that belong to someone else (`type`, the shared optimizer settings).
    /// - Returns: The configuration and the object's keys it does not know (typos such as
    ///   `activaton`), for the caller to refuse.
    /// - Throws: `DecodingError` with the coding path of the offending key in the description.
    public static func decode(from decoder: Decoder, defaults: Self, required: Set<String> = [],
                              ignoring: Set<String> = ["type"]) throws -> (config: Self, unexpected: [String]) {
        let given = try JSONValue(from: decoder)
        guard case .object(let object) = given else {
            throw DecodingError.typeMismatch([String: JSONValue].self, .init(
                codingPath: decoder.codingPath, debugDescription: "expected an object"))
        }
        var merged = try defaults.swiftKeyedObject()
        var swiftKey: [String: String] = [:]
        for key in merged.keys { swiftKey[ConfigurationKeys.snakeCase(key)] = key }
        for key in merged.keys where required.contains(ConfigurationKeys.snakeCase(key)) { merged[key] = nil }
        var givenKeys: [String] = []
        for (key, value) in object where !ignoring.contains(key) {
            if value == .null && !required.contains(key) { continue }
            let name = swiftKey[key] ?? ConfigurationKeys.camelCase(key)
            merged[name] = value
            givenKeys.append(key)
        }
        let inner = JSONDecoder()
        inner.userInfo = decoder.userInfo
        let config: Self
        do {
            config = try inner.decode(Self.self, from: JSONEncoder().encode(JSONValue.object(merged)))
        } catch let error as DecodingError {
            throw relocated(error, under: decoder.codingPath)
        }
        let known = Set(try config.swiftKeyedObject().keys.map(ConfigurationKeys.snakeCase))
        return (config, givenKeys.filter { !known.contains($0) }.sorted())
    }

    /// `error`, thrown for the merged object, with its path under `prefix` and its first key in
    /// snake_case (as the JSON the user wrote has it).
    private static func relocated(_ error: DecodingError, under prefix: [CodingKey]) -> DecodingError {
        func path(_ path: [CodingKey]) -> [CodingKey] {
            guard let first = path.first else { return prefix }
            let key: CodingKey = first.intValue == nil ? JSONKey(ConfigurationKeys.snakeCase(first.stringValue)) : first
            return prefix + [key] + path.dropFirst()
        }
        func context(_ c: DecodingError.Context) -> DecodingError.Context {
            .init(codingPath: path(c.codingPath), debugDescription: c.debugDescription, underlyingError: c.underlyingError)
        }
        switch error {
        case .typeMismatch(let type, let c): return .typeMismatch(type, context(c))
        case .valueNotFound(let type, let c): return .valueNotFound(type, context(c))
        case .keyNotFound(let key, let c):
            let snake = c.codingPath.isEmpty ? JSONKey(ConfigurationKeys.snakeCase(key.stringValue)) : key
            return .keyNotFound(snake, context(c))
        case .dataCorrupted(let c): return .dataCorrupted(context(c))
        @unknown default: return error
        }
    }
}

/// A ``Configuration`` that knows its defaults and required settings, so that JSON descriptions
/// may leave the others out: what layers' and losses' configs are (Keras's `get_config`).
///
/// Its owner's Swift initializer, whose default arguments are the only place each default is
/// written, makes the config, and ``defaults`` asks that initializer for them
/// (`static let defaults = Dense(units: 1).config`).
public protocol DefaultedConfiguration: Configuration {
    /// The values of the settings a JSON description leaves out.
    static var defaults: Self { get }
    /// The settings (JSON keys) a JSON description must give.
    static var requiredKeys: Set<String> { get }
}

extension DefaultedConfiguration {
    public static var requiredKeys: Set<String> { [] }
}

extension Configuration {
    /// Decodes a configuration as every registry does: snake_case keys, defaults for the settings
    /// left out, and a key the configuration does not have refused with its JSON path
    /// (`unexpected field "activaton" for Dense (its fields: activation, …)`).
    ///
    /// - Parameters:
    ///   - decoder: A decoder positioned at the JSON object.
    ///   - defaults: The configuration whose values fill in the settings the object leaves out.
    ///   - required: The JSON keys the object must give.
    ///   - ignoring: Keys that belong to someone else (`type`, the shared optimizer settings).
    ///   - typeName: The registered name, for the message.
    ///   - otherFields: Keys the owner reads itself, listed among the fields in the message.
    public static func decodeStrictly(from decoder: Decoder, defaults: Self, required: Set<String> = [],
                                      ignoring: Set<String> = ["type"], typeName: String,
                                      otherFields: [String] = []) throws -> Self {
        let decoded = try decode(from: decoder, defaults: defaults, required: required, ignoring: ignoring)
        if let key = decoded.unexpected.first {
            throw JSONDiagnostics.unexpectedField(key, of: typeName, fields: try decoded.config.settingKeys() + otherFields,
                                                  at: decoder.codingPath)
        }
        return decoded.config
    }
}

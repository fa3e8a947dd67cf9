import Foundation

/// What a registered factory is made from: the settings a JSON description gives, decoded and
/// checked the same way for every kind (a layer's `Config`, a loss's, an optimizer's settings,
/// a metric's `MetricSettings`-like config, an activation's ``NumericSettings``).
///
/// Every ``Configuration`` is one: its description's keys are its settings' snake_case names,
/// settings left out take the defaults given at registration, and a key it does not have is
/// refused with its JSON path.
public protocol RegistrySettings {
    /// Decodes the settings from the description at `decoder`, taking the ones it leaves out
    /// from `defaults` and refusing keys the settings do not have.
    ///
    /// - Parameters:
    ///   - decoder: A decoder positioned at the description (an object, or a bare name where
    ///     the registry accepts bare names).
    ///   - defaults: The settings registered as defaults.
    ///   - nameKey: The key naming the product in the description (not a setting).
    ///   - registeredName: The name being made, for messages.
    static func decode(from decoder: Decoder, defaults: Self, nameKey: String, registeredName: String) throws -> Self

    /// Throws ``InvalidSetting`` naming the first setting out of its range.
    func validate() throws
}

extension Configuration {
    /// Decodes strictly (``decodeStrictly(from:defaults:required:ignoring:typeName:otherFields:)``):
    /// snake_case keys, defaults for the settings left out, unknown keys refused.
    public static func decode(from decoder: Decoder, defaults: Self, nameKey: String, registeredName: String) throws -> Self {
        try decodeStrictly(from: decoder, defaults: defaults, ignoring: [nameKey], typeName: registeredName)
    }
}

extension DefaultedConfiguration {
    /// Decodes strictly, as every configuration does, requiring ``DefaultedConfiguration/requiredKeys``.
    public static func decode(from decoder: Decoder, defaults: Self, nameKey: String, registeredName: String) throws -> Self {
        try decodeStrictly(from: decoder, defaults: defaults, required: requiredKeys, ignoring: [nameKey],
                           typeName: registeredName)
    }
}

/// A type a registry makes by name from its JSON description: a layer, a loss, an optimizer
/// (their protocols `ConfigurableLayer`, `ConfigurableLoss` and `ConfigurableOptimizer` refine
/// this one and supply everything but the type's own settings), or a type of your own kind.
///
/// ```swift
/// try LayerRegistry.default.register(Maxout.self, package: "CustomLayers")
/// ```
public protocol Registrable {
    /// What the registry holds (`any Layer`).
    associatedtype Product
    /// The settings its JSON description gives.
    associatedtype Settings: RegistrySettings

    /// The name it is registered and saved under (Keras's class name for a layer).
    static var registeredName: String { get }
    /// Other names it is found by (Keras's aliases: `mse` for `mean_squared_error`).
    static var registeredAliases: [String] { get }
    /// The settings a description that gives none has.
    static var defaultSettings: Settings { get }
    /// The product with `settings`, already decoded and validated.
    ///
    /// - Parameter settings: The settings.
    static func make(_ settings: Settings) throws -> Product
}

extension Registrable {
    /// No aliases.
    public static var registeredAliases: [String] { [] }
}

extension Registry {
    /// Registers `type` under its ``Registrable/registeredName`` and aliases (or `names`),
    /// namespaced by `package`: the one way a layer, loss or optimizer type is registered.
    ///
    /// Registering the same type again is harmless; another registrant's name throws.
    ///
    /// - Parameters:
    ///   - type: The type.
    ///   - package: The package (plugin) registering it: its names are also `package>name`, and
    ///     the ``PluginCatalog`` records them. Nil for a built-in.
    ///   - names: The names to register it under instead of its own (the first is canonical).
    /// - Throws: ``RegistryError/duplicateName(kind:name:registrant:existing:)``,
    ///   ``RegistryError/invalidName(kind:name:)``.
    public func register<T: Registrable>(_ type: T.Type, package: PluginPackage? = nil, as names: [String]? = nil) throws
    where T.Product == Product {
        // A type answers to its aliases under its own name (`mse` is a `mean_squared_error`).
        try register(names ?? [T.registeredName] + T.registeredAliases, package: package,
                     registrant: String(reflecting: T.self), settings: T.defaultSettings, asItself: false, make: T.make)
    }

    /// Registers a product made by `make` from its settings under `name` (and `aliases`),
    /// namespaced by `package`: the one way an activation, initializer or metric is registered.
    ///
    /// ```swift
    /// try ActivationRegistry.default.register("soft_shrink", package: "CustomLayers",
    ///                                         settings: NumericSettings(["threshold": 0.5])) { s in
    ///     let t = s["threshold"]
    ///     return ActivationFunction(s) { x in (x - t).relu() - (-x - t).relu() }
    /// }
    /// ```
    ///
    /// Registering again from the same place is harmless; another registrant's name throws.
    ///
    /// - Parameters:
    ///   - name: The canonical name (what is saved).
    ///   - package: The package (plugin) registering it (see ``register(_:package:as:)``).
    ///   - aliases: Other names it is found by.
    ///   - settings: The defaults of its settings (what a bare name or an empty object gives).
    ///   - file: The registering file (who registered it, for a duplicate's error).
    ///   - line: The registering line.
    ///   - make: Makes the product from the settings, decoded and validated; may throw
    ///     ``InvalidSetting`` for a combination out of range.
    /// - Throws: ``RegistryError/duplicateName(kind:name:registrant:existing:)``,
    ///   ``RegistryError/invalidName(kind:name:)``.
    public func register<Settings: RegistrySettings>(_ name: String, package: PluginPackage? = nil, aliases: [String] = [],
                                                     settings: Settings, file: String = #fileID, line: Int = #line,
                                                     make: @escaping (Settings) throws -> Product) throws {
        try register([name] + aliases, package: package, registrant: "\(file):\(line)", settings: settings, asItself: true,
                     make: make)
    }

    /// The one factory: decode the settings (defaults for the ones left out, unknown keys
    /// refused), validate them, make the product; a setting out of range becomes the kind's
    /// error (``invalidSetting``) and any other error of the maker a decoding error at the
    /// description's path, so every kind reports failures the same way.
    ///
    /// With `asItself`, each name makes its product as itself (a metric registered as `acc`
    /// logs as `acc`); otherwise as the first name.
    private func register<Settings: RegistrySettings>(_ names: [String], package: PluginPackage?, registrant: String,
                                                      settings defaults: Settings, asItself: Bool,
                                                      make: @escaping (Settings) throws -> Product) throws {
        let (nameKey, invalidSetting) = (self.nameKey, self.invalidSetting)
        try add(names, package: package, registrant: registrant) { registered in
            let name = asItself ? registered : names[0]
            return { decoder in
                let settings = try Settings.decode(from: decoder, defaults: defaults, nameKey: nameKey, registeredName: name)
                do {
                    try settings.validate()
                    return try make(settings)
                } catch let error as InvalidSetting {
                    throw invalidSetting(name, error, decoder.codingPath)
                } catch let error as DecodingError {
                    throw error
                } catch let error as RegistryError {
                    throw error
                } catch {
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(error)", underlyingError: error))
                }
            }
        }
    }
}

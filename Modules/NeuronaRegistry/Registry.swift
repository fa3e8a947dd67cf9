import Foundation

/// A thread-safe map from names to factories that make a product from its JSON description:
/// the one registry design behind layers, losses, optimizers, metrics, activations and
/// initializers (`LayerRegistry`, `LossRegistry`, … are this type with its product fixed).
///
/// ```swift
/// let adam = try OptimizerRegistry.default.make("Adam")     // Keras's spellings resolve
/// let sgd = try OptimizerRegistry.default.make(fromJSON: #"{"type": "sgd", "momentum": 0.9}"#)
/// ```
///
/// Every kind behaves the same way:
/// - A description is a JSON object whose ``nameKey`` (`"type"`, or `"name"` for activations
///   and initializers) names the factory; activations and initializers may also be a bare name
///   (`"relu"`).
/// - Names match exactly, or, for kinds whose names Keras matches loosely, ignoring case and
///   underscores (`"Adam"`, `"SGD"`, `"ReLU"`, `"MSE"`, `"GlorotUniform"`); what is saved is the
///   canonical registered name. Layer types match exactly, as Keras's `"class_name"` does.
/// - An unknown name lists the closest registered names, or the plugin that announced it in the
///   ``PluginCatalog`` with the call that registers it.
/// - Invalid JSON is reported with its line and column, a wrong value with its JSON path, what
///   was expected and what was found, a key the type does not have as an unexpected field.
///
/// Registering is explicit (Swift has no load-time hooks) and idempotent: registering a name
/// again replaces its factory.
public final class Registry<Product>: @unchecked Sendable {
    /// Makes a product from a decoder positioned at its description.
    public typealias Factory = (Decoder) throws -> Product

    /// What the registry holds, for messages and the ``PluginCatalog`` (`"optimizer"`, `"layer"`).
    public let kind: String
    /// The key naming the factory in a JSON object (`"type"`, `"name"`).
    public let nameKey: String
    /// Whether names must match exactly (layer types) or may differ in case and underscores.
    public let exactNames: Bool
    /// Whether a description may be a bare string naming the factory (`"relu"`).
    public let acceptsBareNames: Bool

    private var factories: [String: Factory] = [:]
    private var canonicalByKey: [String: String] = [:]
    private let lock = NSLock()

    /// An empty registry.
    ///
    /// - Parameters:
    ///   - kind: What it holds, for messages and the plugin catalog (`"optimizer"`).
    ///   - nameKey: The key naming the factory in a JSON object.
    ///   - exactNames: Whether names must match exactly; otherwise case and underscores are
    ///     ignored when no name matches exactly.
    ///   - acceptsBareNames: Whether a description may be a bare string.
    public init(kind: String, nameKey: String = "type", exactNames: Bool = false, acceptsBareNames: Bool = false) {
        self.kind = kind
        self.nameKey = nameKey
        self.exactNames = exactNames
        self.acceptsBareNames = acceptsBareNames
    }

    /// Registers `factory` under `name`; registering again replaces it.
    ///
    /// - Parameters:
    ///   - name: The canonical name (what is saved).
    ///   - factory: Makes the product from a decoder positioned at its description.
    public func register(_ name: String, factory: @escaping Factory) {
        lock.lock()
        defer { lock.unlock() }
        factories[name] = factory
        let key = Self.looseKey(name)
        if canonicalByKey[key] == nil { canonicalByKey[key] = name }  // the first registered spelling wins
    }

    /// The registered names, sorted.
    public var names: [String] {
        lock.lock()
        defer { lock.unlock() }
        return factories.keys.sorted()
    }

    /// The registered name `name` resolves to: itself if registered, otherwise (unless names are
    /// exact) the name equal to it ignoring case and underscores. Nil when none is.
    public func canonicalName(for name: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        if factories[name] != nil { return name }
        return exactNames ? nil : canonicalByKey[Self.looseKey(name)]
    }

    /// Whether `name` resolves to a registered name.
    public func contains(_ name: String) -> Bool { canonicalName(for: name) != nil }

    /// The factory `name` resolves to.
    public func factory(for name: String) -> Factory? {
        guard let canonical = canonicalName(for: name) else { return nil }
        lock.lock()
        defer { lock.unlock() }
        return factories[canonical]
    }

    /// `name` lowercased without underscores or hyphens: how loose names are compared.
    static func looseKey(_ name: String) -> String {
        String(name.lowercased().filter { $0 != "_" && $0 != "-" })
    }

    // MARK: Making products

    /// The product called `name`, with default settings.
    public func make(_ name: String) throws -> Product {
        try make(name, settings: [:])
    }

    /// The product called `name` with `settings` beside its name, as its JSON object has them.
    ///
    /// - Parameters:
    ///   - name: A registered name.
    ///   - settings: The description's other keys (`["alpha": .double(0.1)]`).
    public func make(_ name: String, settings: [String: JSONValue]) throws -> Product {
        var object = settings
        object[nameKey] = .string(name)
        do {
            return try make(fromJSONData: JSONEncoder().encode(JSONValue.object(object)))
        } catch RegistryError.unknownName(let kind, let name, let closest, let plugin, _) {
            throw RegistryError.unknownName(kind: kind, name: name, closest: closest, plugin: plugin)
        }
    }

    /// The product a JSON description makes.
    public func make(fromJSON json: String) throws -> Product {
        try make(fromJSONData: Data(json.utf8))
    }

    /// The product a JSON description makes.
    ///
    /// Invalid JSON is reported with its line and column (`line 3, column 14: the description
    /// is not valid JSON (Invalid value)`), a number that does not fit its field (`1e30` for an
    /// integer) and every other decoding error by its JSON path.
    ///
    /// - Throws: ``RegistryError``; errors a factory throws that are not decoding errors pass
    ///   through (a layer's own `LayerError`).
    public func make(fromJSONData data: Data) throws -> Product {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            let problem = JSONDiagnostics.syntaxProblem(error, in: data)
            throw RegistryError.invalidConfig(kind: kind, path: problem.path, message: problem.message)
        }
        do {
            return try decodeRoot(data)
        } catch let error as DecodingError {
            // A factory's own message (a setting out of range) carries its cause; the decoder's
            // for a number that fits no field does not.
            if case .dataCorrupted(let context) = error,
               context.debugDescription == "The given data was not valid JSON."
                || (context.codingPath.isEmpty && context.underlyingError == nil),
               let culprit = JSONDiagnostics.unrepresentableNumber(in: root, decodes: { _ = try decodeRoot($0) }) {
                // The decoder rejects a number that does not fit the field's type (1e30 or 2.5
                // for an integer) without saying where; find it.
                throw RegistryError.invalidConfig(kind: kind, path: culprit.path,
                    message: "the number \(culprit.text) does not fit this field (an integer field takes whole numbers from \(Int.min) to \(Int.max))")
            }
            let problem = JSONDiagnostics.problem(error, in: data)
            throw RegistryError.invalidConfig(kind: kind, path: problem.path, message: problem.message)
        }
    }

    private func decodeRoot(_ data: Data) throws -> Product {
        let decoder = JSONDecoder()
        decoder.userInfo[Self.rootKey] = self
        decoder.userInfo[userInfoKey] = self
        return try decoder.decode(Root.self, from: data).product
    }

    /// The product described where `decoder` is (a nested description: a container's layer, a
    /// layer's activation). Nested descriptions of this kind are made by the registry in the
    /// decoder's `userInfo` under ``userInfoKey`` when there is one.
    ///
    /// - Throws: ``RegistryError/unknownName(kind:name:closest:plugin:path:)`` with the JSON
    ///   path of the name; what the factory throws.
    public func product(from decoder: Decoder) throws -> Product {
        let name: String
        var namePath = decoder.codingPath
        if acceptsBareNames, let single = try? decoder.singleValueContainer(), let bare = try? single.decode(String.self) {
            name = bare
        } else {
            let container = try decoder.container(keyedBy: JSONKey.self)
            name = try container.decode(String.self, forKey: JSONKey(nameKey))
            namePath.append(JSONKey(nameKey))
        }
        guard let factory = factory(for: name) else { throw unknownName(name, path: JSONPath.string(namePath)) }
        return try factory(decoder)
    }

    /// The error for `name`, which resolves to nothing: the plugin that announced it, or the
    /// closest registered and announced names.
    ///
    /// - Parameters:
    ///   - name: The name as written.
    ///   - path: Its JSON path (empty for a name given in Swift).
    public func unknownName(_ name: String, path: String = "") -> RegistryError {
        let plugin = self.plugin(providing: name)
        return .unknownName(kind: kind, name: name, closest: plugin == nil ? closestNames(to: name) : [],
                            plugin: plugin, path: path)
    }

    /// The plugin that announced `name` for this registry's kind (ignoring case and underscores
    /// unless names are exact).
    public func plugin(providing name: String) -> PluginAnnouncement? {
        if let exact = PluginCatalog.plugin(providing: name, kind: kind) { return exact }
        guard !exactNames else { return nil }
        let key = Self.looseKey(name)
        return PluginCatalog.announcedNames(kind: kind).first { Self.looseKey($0) == key }
            .flatMap { PluginCatalog.plugin(providing: $0, kind: kind) }
    }

    /// Registered names, and names announced in the ``PluginCatalog`` for this kind, closest to
    /// `name` (case-insensitive edit distance), best first.
    public func closestNames(to name: String, limit: Int = 3) -> [String] {
        Self.closest(to: name, among: (names + PluginCatalog.announcedNames(kind: kind)).filter { $0 != name }, limit: limit)
    }

    /// The candidates closest to `name` (case-insensitive edit distance), best first.
    static func closest(to name: String, among candidates: [String], limit: Int) -> [String] {
        let target = name.lowercased()
        let threshold = Swift.max(2, name.count / 2)
        return Set(candidates)
            .map { ($0, editDistance($0.lowercased(), target)) }
            .filter { $0.1 <= threshold || $0.0.lowercased().contains(target) || target.contains($0.0.lowercased()) }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .prefix(limit).map(\.0)
    }

    /// The `userInfo` key under which a decoder carries the registry its nested descriptions of
    /// this kind are made with (`"neurona.registry.layer"`).
    public var userInfoKey: CodingUserInfoKey { Self.userInfoKey(kind: kind) }

    /// The `userInfo` key for registries of `kind`.
    public static func userInfoKey(kind: String) -> CodingUserInfoKey {
        CodingUserInfoKey(rawValue: "neurona.registry.\(kind)")!
    }

    private static var rootKey: CodingUserInfoKey { CodingUserInfoKey(rawValue: "neurona.registry.root")! }

    /// The description at the root of a JSON document.
    private struct Root: Decodable {
        var product: Product
        init(from decoder: Decoder) throws {
            guard let registry = decoder.userInfo[Registry.rootKey] as? Registry<Product> else {
                fatalError("Registry: decoding a root description without its registry")
            }
            product = try registry.product(from: decoder)
        }
    }
}

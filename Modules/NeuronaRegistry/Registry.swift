import Foundation

/// A thread-safe map from names to factories that make a product from its JSON description:
/// the one registry design behind layers, losses, optimizers, metrics, activations and
/// initializers (`LayerRegistry`, `LossRegistry`, … are this type with its product fixed).
///
/// ```swift
/// let adam = try OptimizerRegistry.default.make("Adam")     // Keras's spellings resolve
/// let sgd = try OptimizerRegistry.default.make(fromJSON: #"{"type": "sgd", "momentum": 0.9}"#)
/// try LayerRegistry.default.register(Maxout.self, package: "CustomLayers")   // every kind registers so
/// ```
///
/// Every kind behaves the same way:
/// - Everything registers through ``register(_:package:as:)`` (a ``Registrable`` type) or
///   ``register(_:package:aliases:settings:file:line:make:)`` (a value made from its settings):
///   both go through the one factory that decodes the settings, validates them, makes the product
///   and reports every failure with the kind, the name and the JSON path.
/// - A name registered with a `package` is namespaced as Keras's `register_keras_serializable`
///   does (`"CustomLayers>Maxout"`), so that two plugins cannot collide; a lookup accepts that
///   form, and the plain one (`"Maxout"`) when only one package registered it. A built-in (no
///   package) wins a plain lookup. Registering a name that another registrant holds throws
///   ``RegistryError/duplicateName(kind:name:registrant:existing:)``; the same registrant again
///   is harmless.
/// - A description is a JSON object whose ``nameKey`` (`"type"`, or `"name"` for activations
///   and initializers) names the factory; activations and initializers may also be a bare name
///   (`"relu"`).
/// - Names match exactly, or, for kinds whose names Keras matches loosely, ignoring case and
///   underscores (`"Adam"`, `"SGD"`, `"ReLU"`, `"MSE"`, `"GlorotUniform"`); what is saved is the
///   product's own name. Layer types match exactly, as Keras's `"class_name"` does.
/// - An unknown name lists the closest registered names and how to register one, or the plugin
///   that announced it in the ``PluginCatalog`` with the call that registers it.
/// - Invalid JSON is reported with its line and column, a wrong value with its JSON path, what
///   was expected and what was found, a key the type does not have as an unexpected field.
public final class Registry<Product>: @unchecked Sendable {
    /// Makes a product from a decoder positioned at its description.
    typealias Factory = (Decoder) throws -> Product

    /// What the registry holds, for messages and the ``PluginCatalog`` (`"optimizer"`, `"layer"`).
    public let kind: String
    /// The key naming the factory in a JSON object (`"type"`, `"name"`).
    public let nameKey: String
    /// Whether names must match exactly (layer types) or may differ in case and underscores.
    public let exactNames: Bool
    /// Whether a description may be a bare string naming the factory (`"relu"`).
    public let acceptsBareNames: Bool
    /// The error a setting out of range becomes: the kind's own (`LayerError.invalidConfig`
    /// naming the layer and its path), or a decoding error at the description's path.
    let invalidSetting: InvalidSettingReport

    /// Turns a setting out of range into the error the kind reports it with.
    ///
    /// - Parameters:
    ///   - name: The registered name of what was being made.
    ///   - error: The setting and what is wrong with it.
    ///   - path: The coding path of the description.
    public typealias InvalidSettingReport = (_ name: String, _ error: InvalidSetting, _ path: [CodingKey]) -> Error

    /// One registered name: its factory and who registered it.
    struct Entry {
        /// The name without its package (`"Maxout"`).
        let plainName: String
        /// The package that registered it, nil for a built-in.
        let package: PluginPackage?
        /// Who registered it, for the duplicate-name error (a type, or a file and line).
        let registrant: String
        /// The qualified canonical name of its registration (itself, or the name it is an alias of).
        let canonical: String
        let factory: Factory
    }

    private var entries: [String: Entry] = [:]             // by qualified name ("CustomLayers>Maxout", or "Dense")
    private var qualifiedByPlain: [String: [String]] = [:]  // plain name → qualified names, in registration order
    private var qualifiedByLoose: [String: [String]] = [:]  // loose key of the plain name → qualified names
    private let lock = NSLock()

    /// An empty registry.
    ///
    /// - Parameters:
    ///   - kind: What it holds, for messages and the plugin catalog (`"optimizer"`).
    ///   - nameKey: The key naming the factory in a JSON object.
    ///   - exactNames: Whether names must match exactly; otherwise case and underscores are
    ///     ignored when no name matches exactly.
    ///   - acceptsBareNames: Whether a description may be a bare string.
    ///   - invalidSetting: The error a setting out of range becomes; by default a decoding error
    ///     at the description's path, `"<name>: <what is wrong>"`.
    public init(kind: String, nameKey: String = "type", exactNames: Bool = false, acceptsBareNames: Bool = false,
                invalidSetting: InvalidSettingReport? = nil) {
        self.kind = kind
        self.nameKey = nameKey
        self.exactNames = exactNames
        self.acceptsBareNames = acceptsBareNames
        self.invalidSetting = invalidSetting ?? { name, error, path in
            DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "\(name): \(error.message)", underlyingError: error))
        }
    }

    /// `package>name`, or `name` without a package: the key a name is registered under.
    public static func qualifiedName(_ name: String, package: String?) -> String {
        package.map { "\($0)\(PluginPackage.separator)\(name)" } ?? name
    }

    /// Adds the factory `factory` gives for each of `names` (the first canonical, the others aliases), namespaced by
    /// `package`; what ``register(_:package:aliases:settings:file:line:make:)`` and
    /// ``register(_:package:as:)`` end in. All names are checked before any is added.
    func add(_ names: [String], package: PluginPackage?, registrant: String, factory: (_ name: String) -> Factory) throws {
        lock.lock()
        defer { lock.unlock() }
        for name in names {
            if name.isEmpty || name.contains(PluginPackage.separator) {
                throw RegistryError.invalidName(kind: kind, name: name)
            }
            let qualified = Self.qualifiedName(name, package: package?.name)
            if let existing = entries[qualified], existing.registrant != registrant {
                throw RegistryError.duplicateName(kind: kind, name: qualified, registrant: registrant, existing: existing.registrant)
            }
        }
        for name in names {
            let qualified = Self.qualifiedName(name, package: package?.name)
            if entries[qualified] == nil {
                qualifiedByPlain[name, default: []].append(qualified)
                qualifiedByLoose[Self.looseKey(name), default: []].append(qualified)
            }
            entries[qualified] = Entry(plainName: name, package: package, registrant: registrant,
                                       canonical: Self.qualifiedName(names[0], package: package?.name), factory: factory(name))
        }
        if let package { PluginCatalog.record(names, kind: kind, package: package) }
    }

    /// The registered names, sorted: plain for built-ins, `package>name` for a package's.
    public var names: [String] {
        lock.lock()
        defer { lock.unlock() }
        return entries.keys.sorted()
    }

    /// What a name resolves to.
    enum Resolution: Equatable {
        case found(String)
        case ambiguous([String])
        case none
    }

    /// What `name` resolves to: itself if registered; a plain name registered by one package
    /// only (or by no package, which wins); otherwise (unless names are exact) the same
    /// comparing names ignoring case and underscores.
    func resolve(_ name: String) -> Resolution {
        lock.lock()
        defer { lock.unlock() }
        if entries[name] != nil { return .found(name) }
        let parts = name.split(separator: PluginPackage.separator, maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 2 {
            guard !exactNames else { return .none }
            let (package, key) = (String(parts[0]), Self.looseKey(String(parts[1])))
            let match = qualifiedByLoose[key]?.first { entries[$0]?.package?.name == package }
            return match.map(Resolution.found) ?? .none
        }
        func pick(_ candidates: [String]) -> Resolution {
            if let builtIn = candidates.first(where: { entries[$0]?.package == nil }) { return .found(builtIn) }
            if candidates.count == 1 { return .found(candidates[0]) }
            return candidates.isEmpty ? .none : .ambiguous(candidates.sorted())
        }
        let exact = pick(qualifiedByPlain[name] ?? [])
        if exact != .none || exactNames { return exact }
        return pick(qualifiedByLoose[Self.looseKey(name)] ?? [])
    }

    /// The registered name `name` resolves to (see ``Registry``: namespaced, plain when
    /// unambiguous, loose unless names are exact). Nil when none or several do.
    public func canonicalName(for name: String) -> String? {
        if case .found(let qualified) = resolve(name) { return qualified }
        return nil
    }

    /// Whether `name` resolves to one registered name.
    public func contains(_ name: String) -> Bool { canonicalName(for: name) != nil }

    /// Every registered name that makes the same thing as `name` (its canonical name and its
    /// aliases, as Keras's `"mse"` and `"mean_squared_error"`), sorted; empty when `name` resolves
    /// to none.
    public func aliases(of name: String) -> [String] {
        guard let qualified = canonicalName(for: name) else { return [] }
        lock.lock()
        defer { lock.unlock() }
        let canonical = entries[qualified]!.canonical
        return entries.filter { $0.value.canonical == canonical }.keys.sorted()
    }

    /// The factory `name` resolves to, or the error saying why none does.
    func factory(for name: String, path: String) throws -> Factory {
        switch resolve(name) {
        case .found(let qualified):
            lock.lock()
            defer { lock.unlock() }
            return entries[qualified]!.factory
        case .ambiguous(let candidates):
            throw RegistryError.ambiguousName(kind: kind, name: name, candidates: candidates, path: path)
        case .none:
            throw unknownName(name, path: path)
        }
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
        } catch let error as RegistryError {
            throw error.withoutPath   // the name was given in Swift, not at a JSON path
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
    /// - Throws: ``RegistryError``; errors a kind reports in its own type pass through (a
    ///   layer's `LayerError`).
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
    /// - Throws: ``RegistryError/unknownName(kind:name:closest:plugin:path:)`` or
    ///   ``RegistryError/ambiguousName(kind:name:candidates:path:)`` with the JSON path of the
    ///   name; what the factory throws.
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
        return try factory(for: name, path: JSONPath.string(namePath))(decoder)
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

    /// The plugin that announced `name` (plain or `package>name`) for this registry's kind
    /// (ignoring case and underscores unless names are exact).
    public func plugin(providing name: String) -> PluginAnnouncement? {
        let plain = PluginPackage.plainName(name)
        if let exact = PluginCatalog.plugin(providing: plain, kind: kind) { return exact }
        guard !exactNames else { return nil }
        let key = Self.looseKey(plain)
        return PluginCatalog.announcedNames(kind: kind).first { Self.looseKey($0) == key }
            .flatMap { PluginCatalog.plugin(providing: $0, kind: kind) }
    }

    /// Registered names, and names announced in the ``PluginCatalog`` for this kind, closest to
    /// `name` (case-insensitive edit distance on the plain names), best first.
    public func closestNames(to name: String, limit: Int = 3) -> [String] {
        let plain = PluginPackage.plainName(name)
        let candidates = names.map(PluginPackage.plainName) + PluginCatalog.announcedNames(kind: kind)
        return Self.closest(to: plain, among: candidates.filter { $0 != name }, limit: limit)
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

/// Why a registry could not register a name, or make something from a name or a JSON
/// description. Every case says the kind (`optimizer`, `activation`, …) and the name; the JSON
/// ones the path:
///
/// ```text
/// unknown optimizer "adamm"; closest registered names: adam, adamw; an optimizer of your own must be registered first (as with Keras's register_keras_serializable): register(_:package:) on its registry
/// unknown activation "hard_sigmoid"; it is provided by the plugin CustomLayers: import CustomLayers and call CustomLayersPlugin.register() first
/// optimizer config at learning_rate: expected a number, found "fast"
/// layer type "Maxout" is registered by more than one package: use one of CustomLayers>Maxout, Extras>Maxout
/// the layer type "CustomLayers>Maxout" is already registered by CustomLayers.Maxout; Other.Maxout cannot register it too
/// ```
public enum RegistryError: Error, Equatable, CustomStringConvertible {
    /// Nothing is registered under `name`: the closest registered (or announced) names, and the
    /// plugin that announced `name` if one did (see ``PluginCatalog``). `path` is the JSON path
    /// of the name (`layers[0].activation`), empty for a name given in Swift.
    case unknownName(kind: String, name: String, closest: [String], plugin: PluginAnnouncement? = nil, path: String = "")
    /// The plain `name` is registered by several packages: `candidates` are its namespaced forms.
    case ambiguousName(kind: String, name: String, candidates: [String], path: String = "")
    /// `name` (namespaced when a package registers it) is already held by `existing`, so
    /// `registrant` (a type, or a file and line) cannot register it.
    case duplicateName(kind: String, name: String, registrant: String, existing: String)
    /// `name` cannot be registered: it is empty or contains the package separator `>`.
    case invalidName(kind: String, name: String)
    /// The description is wrong at `path` (empty for the whole description).
    case invalidConfig(kind: String, path: String, message: String)

    public var description: String {
        switch self {
        case .unknownName(let kind, let name, let closest, let plugin, let path):
            return Self.prefixed(path, Self.unknownNameMessage(noun: kind, name: name, closest: closest, plugin: plugin))
        case .ambiguousName(let kind, let name, let candidates, let path):
            return Self.prefixed(path, Self.ambiguousNameMessage(noun: kind, name: name, candidates: candidates))
        case .duplicateName(let kind, let name, let registrant, let existing):
            return "the \(kind) \"\(name)\" is already registered by \(existing); \(registrant) cannot register it too (give one of them its own package: register(_:package:))"
        case .invalidName(let kind, let name):
            return "cannot register the \(kind) name \"\(name)\": a name is not empty and has no \"\(PluginPackage.separator)\" (the package goes in register(_:package:))"
        case .invalidConfig(let kind, let path, let message):
            return "\(kind) config\(path.isEmpty ? "" : " at \(path)"): \(message)"
        }
    }

    private static func prefixed(_ path: String, _ message: String) -> String {
        (path.isEmpty ? "" : path + ": ") + message
    }

    /// `unknown <noun> "<name>"; closest registered names: …; it is provided by the plugin …`,
    /// or how to register one of your own: the one wording every kind's unknown-name error uses
    /// (layers' too).
    ///
    /// - Parameters:
    ///   - noun: What was looked up (`layer type`, `optimizer`).
    ///   - name: The name as written.
    ///   - closest: The closest registered names, best first.
    ///   - plugin: The plugin that announced `name`, if one did.
    public static func unknownNameMessage(noun: String, name: String, closest: [String], plugin: PluginAnnouncement?) -> String {
        var s = "unknown \(noun) \"\(name)\""
        if !closest.isEmpty { s += "; closest registered names: \(closest.joined(separator: ", "))" }
        if let plugin {
            s += "; it is provided by the plugin \(plugin.plugin): import \(plugin.plugin) and "
                + (plugin.entryPoint.map { "call \($0) first" } ?? "register it first")
        } else {
            let article = "aeiou".contains(noun.first ?? "x") ? "an" : "a"
            s += "; \(article) \(noun) of your own must be registered first (as with Keras's register_keras_serializable): register(_:package:) on its registry"
        }
        return s
    }

    /// `<noun> "<name>" is registered by more than one package: use one of A>name, B>name`.
    ///
    /// - Parameters:
    ///   - noun: What was looked up.
    ///   - name: The plain name as written.
    ///   - candidates: Its namespaced forms.
    public static func ambiguousNameMessage(noun: String, name: String, candidates: [String]) -> String {
        "\(noun) \"\(name)\" is registered by more than one package: use one of \(candidates.joined(separator: ", "))"
    }

    /// This error with the JSON path of a name dropped (the name was given in Swift, or the
    /// path is reported by the description holding it).
    public var withoutPath: RegistryError {
        switch self {
        case .unknownName(let kind, let name, let closest, let plugin, _):
            return .unknownName(kind: kind, name: name, closest: closest, plugin: plugin)
        case .ambiguousName(let kind, let name, let candidates, _):
            return .ambiguousName(kind: kind, name: name, candidates: candidates)
        default:
            return self
        }
    }

    /// This error, thrown while decoding a nested description, with its path put under `prefix`
    /// (a JSON path such as `layers[2]`).
    public func relocated(under prefix: String) -> RegistryError {
        guard !prefix.isEmpty else { return self }
        func under(_ path: String) -> String { path.isEmpty ? prefix : path.hasPrefix("[") ? prefix + path : prefix + "." + path }
        switch self {
        case .unknownName(let kind, let name, let closest, let plugin, let path):
            return .unknownName(kind: kind, name: name, closest: closest, plugin: plugin, path: under(path))
        case .ambiguousName(let kind, let name, let candidates, let path):
            return .ambiguousName(kind: kind, name: name, candidates: candidates, path: under(path))
        case .invalidConfig(let kind, let path, let message):
            return .invalidConfig(kind: kind, path: under(path), message: message)
        case .duplicateName, .invalidName:
            return self
        }
    }
}

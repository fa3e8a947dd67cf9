/// Why a registry could not make something from a name or a JSON description.
///
/// Both cases say the kind (`optimizer`, `activation`, …) and, for JSON, the path:
///
/// ```text
/// unknown optimizer "adamm"; closest registered names: adam, adamw
/// unknown activation "hard_sigmoid"; it is provided by the plugin CustomLayers: import CustomLayers and call CustomLayersPlugin.register() first
/// optimizer config at learning_rate: expected a number, found "fast"
/// ```
public enum RegistryError: Error, Equatable, CustomStringConvertible {
    /// Nothing is registered under `name`: the closest registered (or announced) names, and the
    /// plugin that announced `name` if one did (see ``PluginCatalog``). `path` is the JSON path
    /// of the name (`layers[0].activation`), empty for a name given in Swift.
    case unknownName(kind: String, name: String, closest: [String], plugin: PluginAnnouncement? = nil, path: String = "")
    /// The description is wrong at `path` (empty for the whole description).
    case invalidConfig(kind: String, path: String, message: String)

    public var description: String {
        switch self {
        case .unknownName(let kind, let name, let closest, let plugin, let path):
            return (path.isEmpty ? "" : path + ": ") + Self.unknownNameMessage(noun: kind, name: name, closest: closest, plugin: plugin)
        case .invalidConfig(let kind, let path, let message):
            return "\(kind) config\(path.isEmpty ? "" : " at \(path)"): \(message)"
        }
    }

    /// `unknown <noun> "<name>"; closest registered names: …; it is provided by the plugin …`:
    /// the one wording every kind's unknown-name error uses (layers' too).
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
            s += "; it is provided by the plugin \(plugin.plugin): import \(plugin.plugin) and call \(plugin.entryPoint) first"
        }
        return s
    }

    /// This error, thrown while decoding a nested description, with its path put under `prefix`
    /// (a JSON path such as `layers[2]`).
    public func relocated(under prefix: String) -> RegistryError {
        guard !prefix.isEmpty else { return self }
        func under(_ path: String) -> String { path.isEmpty ? prefix : path.hasPrefix("[") ? prefix + path : prefix + "." + path }
        switch self {
        case .unknownName(let kind, let name, let closest, let plugin, let path):
            return .unknownName(kind: kind, name: name, closest: closest, plugin: plugin, path: under(path))
        case .invalidConfig(let kind, let path, let message):
            return .invalidConfig(kind: kind, path: under(path), message: message)
        }
    }
}

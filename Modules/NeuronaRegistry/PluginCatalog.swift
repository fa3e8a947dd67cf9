import Foundation

/// What the ``PluginCatalog`` knows of a plugin: its module, the call that registers it and the
/// names it registered, by kind (layer types, losses, optimizers, metrics, activations,
/// initializers). An unknown name's error (``RegistryError/unknownName(kind:name:closest:plugin:path:)``,
/// and layers' `LayerError.unknownType`) quotes it.
public struct PluginAnnouncement: Equatable, Sendable {
    /// The module to import, such as `NeuronaRecurrent`.
    public let plugin: String
    /// The call that registers the plugin's types, such as `RecurrentPlugin.register()`; nil
    /// when the package did not say.
    public let entryPoint: String?
    /// The names the plugin provides, by registry kind (`"layer"`, `"activation"`, …), each list
    /// in the order registered.
    public let names: [String: [String]]

    /// The layer type names (the JSON `"type"`) the plugin provides, in the order registered.
    public var types: [String] { names[PluginCatalog.layerKind] ?? [] }

    /// - Parameters:
    ///   - plugin: The module to import.
    ///   - entryPoint: The call that registers the plugin's types.
    ///   - names: The names it provides, by registry kind.
    public init(plugin: String, entryPoint: String?, names: [String: [String]]) {
        self.plugin = plugin
        self.entryPoint = entryPoint
        self.names = names.filter { !$0.value.isEmpty }
    }
}

/// Which plugin provides which names of every kind, so that a JSON description naming a layer
/// type, loss, optimizer, metric, activation or initializer that nobody registered gets the
/// answer "it is provided by the plugin Y: import Y and call Y.register() first". The core
/// names no plugin.
///
/// Registering a name with a package (``Registry/register(_:package:as:)``) records it here, so
/// a plugin states each name once. A plugin's `announce()` registers its names into empty
/// registries of its own: the catalog learns them and the application's registries are left
/// untouched, so that forgetting to register a plugin (or registering it into another registry)
/// still gets the hint. Recording again is harmless.
public enum PluginCatalog {
    /// The kind under which layer types are recorded (the kind of `LayerRegistry`).
    public static let layerKind = "layer"

    private final class Storage: @unchecked Sendable {
        let lock = NSLock()
        var plugins: [String: PluginAnnouncement] = [:]      // by package name
        var byKind: [String: [String: String]] = [:]          // kind → name → package name
    }
    private static let storage = Storage()

    /// Records that `package` provides `names` of `kind` (what registering with a package does).
    static func record(_ names: [String], kind: String, package: PluginPackage) {
        storage.lock.lock()
        defer { storage.lock.unlock() }
        var all = storage.plugins[package.name]?.names ?? [:]
        for name in names where !(all[kind] ?? []).contains(name) { all[kind, default: []].append(name) }
        let entryPoint = package.entryPoint ?? storage.plugins[package.name]?.entryPoint
        storage.plugins[package.name] = PluginAnnouncement(plugin: package.name, entryPoint: entryPoint, names: all)
        for name in names { storage.byKind[kind, default: [:]][name] = package.name }
    }

    /// What is known of the plugin providing `name` of `kind` (exactly as spelled), or nil if
    /// no plugin registered it.
    ///
    /// - Parameters:
    ///   - name: The name looked up.
    ///   - kind: The registry kind (`"layer"` by default).
    public static func plugin(providing name: String, kind: String = layerKind) -> PluginAnnouncement? {
        storage.lock.lock()
        defer { storage.lock.unlock() }
        return storage.byKind[kind]?[name].flatMap { storage.plugins[$0] }
    }

    /// Every name of `kind` a plugin registered, sorted.
    public static func announcedNames(kind: String) -> [String] {
        storage.lock.lock()
        defer { storage.lock.unlock() }
        return (storage.byKind[kind] ?? [:]).keys.sorted()
    }

    /// Every layer type name a plugin registered, sorted.
    public static var announcedTypes: [String] { announcedNames(kind: layerKind) }
}

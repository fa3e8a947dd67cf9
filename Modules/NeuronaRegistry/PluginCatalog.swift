import Foundation

/// What a plugin says about itself: its module, the call that registers it and the names it
/// provides, by kind (layer types, losses, optimizers, metrics, activations, initializers). An
/// unknown name's error (``RegistryError/unknownName(kind:name:closest:plugin:path:)``, and
/// layers' `LayerError.unknownType`) quotes it.
public struct PluginAnnouncement: Equatable, Sendable {
    /// The module to import, such as `NeuronaRecurrent`.
    public let plugin: String
    /// The call that registers the plugin's types, such as `RecurrentPlugin.register(into:)`.
    public let entryPoint: String
    /// The names the plugin provides, by registry kind (`"layer"`, `"activation"`, …), each list
    /// in the order announced.
    public let names: [String: [String]]

    /// The layer type names (the JSON `"type"`) the plugin provides, in the order announced.
    public var types: [String] { names[PluginCatalog.layerKind] ?? [] }

    /// - Parameters:
    ///   - plugin: The module to import.
    ///   - entryPoint: The call that registers the plugin's types.
    ///   - names: The names it provides, by registry kind.
    public init(plugin: String, entryPoint: String, names: [String: [String]]) {
        self.plugin = plugin
        self.entryPoint = entryPoint
        self.names = names.filter { !$0.value.isEmpty }
    }

    /// An announcement of layer types only.
    ///
    /// - Parameters:
    ///   - plugin: The module to import.
    ///   - entryPoint: The call that registers the plugin's layers.
    ///   - types: The layer type names it provides.
    public init(plugin: String, entryPoint: String, types: [String]) {
        self.init(plugin: plugin, entryPoint: entryPoint, names: [PluginCatalog.layerKind: types])
    }
}

/// Which plugin provides which names of every kind, so that a JSON description naming a layer
/// type, loss, optimizer, metric, activation or initializer that nobody registered gets the
/// answer "it is provided by the plugin Y: import Y and call Y.register(into:) first". The core
/// names no plugin: each plugin announces itself.
///
/// A plugin's `register(into:)` announces the plugin, and so does its lightweight `announce()`,
/// which registers nothing: an application calls `announce()` for every plugin it links, so that
/// forgetting to register one (or registering it into another registry) still gets the hint.
/// Announcing is explicit (Swift has no load-time hooks) and idempotent; a later announcement of
/// the same name of the same kind replaces the earlier one, as registering does.
///
/// ```swift
/// PluginCatalog.announce(plugin: "CustomLayers", entryPoint: "CustomLayersPlugin.register()",
///                        layers: ["Maxout", "Softsign"], activations: ["hard_sigmoid"],
///                        initializers: ["orthogonal"])
/// ```
/// A name no announced plugin provides gets the closest registered (and announced) names instead.
public enum PluginCatalog {
    /// The kind under which layer types are announced (the kind of `LayerRegistry`).
    public static let layerKind = "layer"

    private final class Storage: @unchecked Sendable {
        let lock = NSLock()
        var byKind: [String: [String: PluginAnnouncement]] = [:]
    }
    private static let storage = Storage()

    /// Records that `plugin` provides the names of each kind and is registered by calling
    /// `entryPoint`.
    ///
    /// - Parameters:
    ///   - plugin: The module to import, such as `"NeuronaRecurrent"`.
    ///   - entryPoint: The call that registers it, such as `"RecurrentPlugin.register(into:)"`.
    ///   - layers: Layer type names, such as `["SimpleRNN", "LSTM", "GRU"]`.
    ///   - losses: Loss names.
    ///   - optimizers: Optimizer names.
    ///   - metrics: Metric names.
    ///   - activations: Activation names.
    ///   - initializers: Initializer names.
    public static func announce(plugin: String, entryPoint: String, layers: [String] = [], losses: [String] = [],
                                optimizers: [String] = [], metrics: [String] = [], activations: [String] = [],
                                initializers: [String] = []) {
        announce(PluginAnnouncement(plugin: plugin, entryPoint: entryPoint, names: [
            layerKind: layers, "loss": losses, "optimizer": optimizers, "metric": metrics,
            "activation": activations, "initializer": initializers]))
    }

    /// Records that `plugin` provides the layer types `types` (an announcement of layers only).
    ///
    /// - Parameters:
    ///   - plugin: The module to import.
    ///   - entryPoint: The call that registers its layers.
    ///   - types: The layer type names it provides.
    public static func announce(plugin: String, entryPoint: String, types: [String]) {
        announce(PluginAnnouncement(plugin: plugin, entryPoint: entryPoint, types: types))
    }

    /// Records `announcement` under each name it lists (for kinds of your own registries too).
    public static func announce(_ announcement: PluginAnnouncement) {
        storage.lock.lock()
        defer { storage.lock.unlock() }
        for (kind, names) in announcement.names {
            for name in names { storage.byKind[kind, default: [:]][name] = announcement }
        }
    }

    /// The announcement of the plugin providing `name` of `kind` (exactly as spelled), or nil if
    /// no plugin announced it.
    ///
    /// - Parameters:
    ///   - name: The name looked up.
    ///   - kind: The registry kind (`"layer"` by default).
    public static func plugin(providing name: String, kind: String = layerKind) -> PluginAnnouncement? {
        storage.lock.lock()
        defer { storage.lock.unlock() }
        return storage.byKind[kind]?[name]
    }

    /// Every announced name of `kind`, sorted.
    public static func announcedNames(kind: String) -> [String] {
        storage.lock.lock()
        defer { storage.lock.unlock() }
        return (storage.byKind[kind] ?? [:]).keys.sorted()
    }

    /// Every announced layer type name, sorted.
    public static var announcedTypes: [String] { announcedNames(kind: layerKind) }
}

import Foundation

/// What a plugin says about itself: its module, the call that registers it and the layer type
/// names it provides. An unknown type's error (``LayerError/unknownType(path:name:closest:plugin:)``)
/// quotes it.
public struct PluginAnnouncement: Equatable, Sendable {
    /// The module to import, such as `NeuronaRecurrent`.
    public let plugin: String
    /// The call that registers the plugin's layers, such as `RecurrentPlugin.register(into:)`.
    public let entryPoint: String
    /// The layer type names (the JSON `"type"`) the plugin provides, in the order announced.
    public let types: [String]

    /// - Parameters:
    ///   - plugin: the module to import.
    ///   - entryPoint: the call that registers the plugin's layers.
    ///   - types: the layer type names the plugin provides.
    public init(plugin: String, entryPoint: String, types: [String]) {
        self.plugin = plugin
        self.entryPoint = entryPoint
        self.types = types
    }
}

/// Which plugin provides which layer type names, so that a JSON description naming a type that
/// nobody registered gets the answer "it is provided by the plugin Y: import Y and call
/// Y.register(into:) first". The core names no plugin: each plugin announces itself.
///
/// A plugin's `register(into:)` announces the plugin, and so does its lightweight `announce()`,
/// which registers nothing: an application calls `announce()` for every plugin it links, so that
/// forgetting to register one (or registering it into another registry) still gets the hint.
/// Announcing is explicit (Swift has no load-time hooks) and idempotent; a later announcement of
/// the same type name replaces the earlier one, as registering does.
///
/// ```swift
/// PluginCatalog.announce(plugin: "CustomLayers", entryPoint: "CustomLayersPlugin.register(into:)",
///                        types: ["Maxout", "Softsign"])
/// ```
/// A type no announced plugin provides gets the closest registered (and announced) names instead.
public enum PluginCatalog {
    private final class Storage: @unchecked Sendable {
        let lock = NSLock()
        var byType: [String: PluginAnnouncement] = [:]
    }
    private static let storage = Storage()

    /// Records that `plugin` provides `types` and is registered by calling `entryPoint`.
    /// - Parameters:
    ///   - plugin: the module to import, such as `"NeuronaRecurrent"`.
    ///   - entryPoint: the call that registers its layers, such as `"RecurrentPlugin.register(into:)"`.
    ///   - types: the layer type names it provides, such as `["SimpleRNN", "LSTM", "GRU"]`.
    public static func announce(plugin: String, entryPoint: String, types: [String]) {
        let announcement = PluginAnnouncement(plugin: plugin, entryPoint: entryPoint, types: types)
        storage.lock.lock()
        defer { storage.lock.unlock() }
        for type in types { storage.byType[type] = announcement }
    }

    /// The announcement of the plugin providing the layer type `name`, or nil if no plugin
    /// announced it.
    public static func plugin(providing name: String) -> PluginAnnouncement? {
        storage.lock.lock()
        defer { storage.lock.unlock() }
        return storage.byType[name]
    }

    /// Every announced layer type name, sorted.
    public static var announcedTypes: [String] {
        storage.lock.lock()
        defer { storage.lock.unlock() }
        return storage.byType.keys.sorted()
    }
}

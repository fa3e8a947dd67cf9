/// A plugin that adds layer types: it states its package and each of its types once, and gets
/// ``register(into:)`` and ``announce()`` from them.
///
/// ```swift
/// public enum RecurrentPlugin: LayerPlugin {
///     public static let package = PluginPackage("NeuronaRecurrent", entryPoint: "RecurrentPlugin.register(into:)")
///     public static let layerTypes: [any ConfigurableLayer.Type] = [SimpleRNN.self, LSTM.self, GRU.self]
/// }
/// try RecurrentPlugin.register()          // "LSTM" and "NeuronaRecurrent>LSTM" now load
/// ```
public protocol LayerPlugin {
    /// The package its types are registered under: their namespace (`NeuronaRecurrent>LSTM`)
    /// and the hint an unknown name's error gives.
    static var package: PluginPackage { get }
    /// The layer types it provides, in the order registered.
    static var layerTypes: [any ConfigurableLayer.Type] { get }
}

extension LayerPlugin {
    /// Registers every type of ``layerTypes`` into `registry` under ``package`` (again is harmless),
    /// which also records them in the ``/NeuronaRegistry/PluginCatalog``.
    ///
    /// - Parameter registry: The layer registry (JSON descriptions use the default one).
    /// - Throws: ``/NeuronaRegistry/RegistryError/duplicateName(kind:name:registrant:existing:)`` when another
    ///   type holds one of these namespaced names in `registry`.
    public static func register(into registry: LayerRegistry = .default) throws {
        for type in layerTypes { try registry.register(layerType: type, package: package) }
    }

    /// Records this plugin's names in the ``/NeuronaRegistry/PluginCatalog`` without registering them into the
    /// application's registries (they go into an empty registry of its own), so that a
    /// description naming one in a registry that lacks it says which plugin to import and
    /// register. An application calls it for every plugin it links; again is harmless.
    public static func announce() {
        try? register(into: LayerRegistry())   // an empty registry: nothing to collide with
    }
}

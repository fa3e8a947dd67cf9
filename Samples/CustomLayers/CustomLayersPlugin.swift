import NeuronaLayers

/// The module's one entry point (CONTRIBUTING.md, "Write your own layer", step 3): it registers
/// the module's layers, activations and initializer.
public enum CustomLayersPlugin {
    /// Tells the ``PluginCatalog`` what this module provides (the layers Maxout and Softsign, the
    /// activations `hard_sigmoid` and `soft_shrink`, the initializer `truncated_normal`), without
    /// registering anything, so that a description naming one in a registry that lacks it says
    /// which plugin to import and register. An application calls it for every plugin it links;
    /// again is harmless.
    public static func announce() {
        PluginCatalog.announce(plugin: "CustomLayers", entryPoint: "CustomLayersPlugin.register(into:)",
                               layers: [Maxout.typeName, Softsign.typeName],
                               activations: CustomActivations.names,
                               initializers: [TruncatedNormalInitializer.name])
    }

    /// Announces this module (``announce()``) and registers its layers (``Maxout``, ``Softsign``)
    /// into `registry`, its activations into `activations` and its initializer into
    /// `initializers` (again is harmless).
    ///
    /// - Parameters:
    ///   - registry: The layer registry.
    ///   - activations: The activation registry (JSON descriptions use the default one).
    ///   - initializers: The initializer registry (JSON descriptions use the default one).
    public static func register(into registry: LayerRegistry = .default, activations: ActivationRegistry = .default,
                                initializers: InitializerRegistry = .default) {
        announce()
        registry.register(Maxout.self)
        registry.register(Softsign.self)
        CustomActivations.register(into: activations)
        TruncatedNormalInitializer.register(into: initializers)
    }
}

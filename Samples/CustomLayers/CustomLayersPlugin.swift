import NeuronaLayers

/// The module's one entry point (CONTRIBUTING.md, "Write your own layer", step 3): it registers
/// the module's layers, activations and initializer under its package, each name stated once
/// (where it is registered).
public enum CustomLayersPlugin {
    /// The package this module registers under: its names are also `CustomLayers>Maxout`,
    /// `CustomLayers>hard_sigmoid`…, and a registry lacking them names this entry point.
    public static let package = PluginPackage("CustomLayers", entryPoint: "CustomLayersPlugin.register(into:)")

    /// Records what this module provides (the layers Maxout and Softsign, the activations
    /// `hard_sigmoid` and `soft_shrink`, the initializer `truncated_normal`) in the
    /// ``/NeuronaRegistry/PluginCatalog`` without registering them into the application's registries (they go
    /// into empty ones), so that a description naming one in a registry that lacks it says
    /// which plugin to import and register. An application calls it for every plugin it links;
    /// again is harmless.
    public static func announce() {
        try? register(into: LayerRegistry(), activations: ActivationRegistry(), initializers: InitializerRegistry())
    }

    /// Registers its layers (``Maxout``, ``Softsign``) into `registry`, its activations into
    /// `activations` and its initializer into `initializers`, under ``package`` (again is
    /// harmless).
    ///
    /// - Parameters:
    ///   - registry: The layer registry.
    ///   - activations: The activation registry (JSON descriptions use the default one).
    ///   - initializers: The initializer registry (JSON descriptions use the default one).
    /// - Throws: ``/NeuronaRegistry/RegistryError/duplicateName(kind:name:registrant:existing:)`` when something
    ///   else holds one of these namespaced names.
    public static func register(into registry: LayerRegistry = .default, activations: ActivationRegistry = .default,
                                initializers: InitializerRegistry = .default) throws {
        try registry.register(Maxout.self, package: package)
        try registry.register(Softsign.self, package: package)
        try CustomActivations.register(into: activations)
        try TruncatedNormalInitializer.register(into: initializers)
    }
}

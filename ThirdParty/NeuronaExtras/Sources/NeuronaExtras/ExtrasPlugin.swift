import NeuronaLayers
import NeuronaOptimizers

/// Registers everything NeuronaExtras adds, by name, into Neurona's registries:
///
/// | kind | name | type |
/// |---|---|---|
/// | layer | `PReLU` | ``PReLU`` |
/// | differentiable op | `extras.mish` | ``MishOp`` (`Variable.mish()`) |
/// | activation | `mish` | ``MishOp`` |
/// | initializer | `orthogonal` | ``OrthogonalInitializer`` |
/// | optimizer | `lion` | ``Lion`` |
///
/// ```swift
/// import NeuronaExtras
/// ExtrasPlugin.register()
/// let model = try LayerRegistry.default.make(from: #"{"type": "Sequential", "input_shape": [4], "layers": [
///     {"type": "Dense", "units": 8, "activation": "mish", "kernel_initializer": "orthogonal"},
///     {"type": "PReLU"}, {"type": "Dense", "units": 1}]}"#)
/// let optimizer = try OptimizerRegistry.default.make("lion")
/// ```
public enum ExtrasPlugin {
    /// The module to import, for the catalog's hints.
    static let module = "NeuronaExtras"

    /// Tells the ``PluginCatalog`` what this package provides, without registering anything, so
    /// that a description naming one of its types in a registry that lacks it says which plugin
    /// to import and register.
    public static func announce() {
        PluginCatalog.announce(plugin: module, entryPoint: "ExtrasPlugin.register()",
                               layers: [PReLU.typeName], optimizers: [Lion.typeName],
                               activations: ["mish"], initializers: [OrthogonalInitializer.name])
    }

    /// Announces the package and registers its layer, activation, initializer and optimizer
    /// (again is harmless).
    /// - Parameters:
    ///   - layers: The layer registry.
    ///   - activations: The activation registry (JSON descriptions use the default one).
    ///   - initializers: The initializer registry (JSON descriptions use the default one).
    ///   - optimizers: The optimizer registry.
    public static func register(layers: LayerRegistry = .default, activations: ActivationRegistry = .default,
                                initializers: InitializerRegistry = .default, optimizers: OptimizerRegistry = .default) {
        announce()
        layers.register(PReLU.self)
        activations.register("mish") { _ in { $0.mish() } }
        OrthogonalInitializer.register(into: initializers)
        optimizers.register(Lion.self)
    }
}

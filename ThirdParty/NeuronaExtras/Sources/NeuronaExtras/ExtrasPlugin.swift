import NeuronaLayers
import NeuronaOptimizers

/// Registers everything NeuronaExtras adds, by name, into Neurona's registries:
///
/// | kind | name | type |
/// |---|---|---|
/// | layer | `PReLU` | ``PReLU`` |
/// | differentiable op | `NeuronaExtras>mish` | ``MishOp`` (`Variable.mish()`) |
/// | activation | `mish` | ``MishOp`` |
/// | initializer | `orthogonal` | ``OrthogonalInitializer`` |
/// | optimizer | `lion` | ``Lion`` |
///
/// ```swift
/// import NeuronaExtras
/// try ExtrasPlugin.register()
/// let model = try LayerRegistry.default.make(from: #"{"type": "Sequential", "input_shape": [4], "layers": [
///     {"type": "Dense", "units": 8, "activation": "mish", "kernel_initializer": "orthogonal"},
///     {"type": "PReLU"}, {"type": "Dense", "units": 1}]}"#)
/// let optimizer = try OptimizerRegistry.default.make("lion")
/// ```
public enum ExtrasPlugin {
    /// The package everything here is registered under (`NeuronaExtras>PReLU`, …), with the
    /// call that registers it, for the catalog's hints.
    public static let package = PluginPackage("NeuronaExtras", entryPoint: "ExtrasPlugin.register()")

    /// Records what this package provides in the ``PluginCatalog`` without registering it into
    /// the application's registries (it goes into empty ones), so that a description naming one
    /// of its types in a registry that lacks it says which plugin to import and register.
    public static func announce() {
        try? register(layers: LayerRegistry(), activations: ActivationRegistry(), initializers: InitializerRegistry(),
                      optimizers: OptimizerRegistry())
    }

    /// Registers its layer, activation, initializer and optimizer under ``package`` (again is
    /// harmless).
    /// - Parameters:
    ///   - layers: The layer registry.
    ///   - activations: The activation registry (JSON descriptions use the default one).
    ///   - initializers: The initializer registry (JSON descriptions use the default one).
    ///   - optimizers: The optimizer registry.
    /// - Throws: `RegistryError.duplicateName` when something else holds one of these namespaced names.
    public static func register(layers: LayerRegistry = .default, activations: ActivationRegistry = .default,
                                initializers: InitializerRegistry = .default, optimizers: OptimizerRegistry = .default) throws {
        try layers.register(PReLU.self, package: package)
        try activations.register("mish", package: package, settings: NumericSettings()) { s in ActivationFunction(s) { $0.mish() } }
        try OrthogonalInitializer.register(into: initializers)
        try optimizers.register(Lion.self, package: package)
    }
}

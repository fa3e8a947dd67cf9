import NeuronaCore
@_exported import NeuronaRegistry

/// The registry of optimizers: the one ``/NeuronaRegistry/Registry`` design with optimizers as its product, under
/// Keras's names (`sgd`, `adam`, `adamw`, `rmsprop`, `adagrad`, `adadelta`). Names match
/// ignoring case and underscores (`"Adam"`, `"SGD"`, `"RMSprop"`); what is saved is the
/// optimizer's ``Optimizer/typeName``.
///
/// ```swift
/// let adam = try OptimizerRegistry.default.make("Adam")
/// let sgd = try OptimizerRegistry.default.make(fromJSON: #"{"type": "sgd", "learning_rate": 0.1, "momentum": 0.9}"#)
/// try OptimizerRegistry.default.register(MyOptimizer.self, package: "MyApp")   // an optimizer of your own
/// ```
public typealias OptimizerRegistry = Registry<any Optimizer>

private let defaultOptimizerRegistry: OptimizerRegistry = {
    let registry = OptimizerRegistry()
    try! registry.registerBuiltIns()   // an empty registry and distinct built-in names: nothing to collide
    return registry
}()

extension Registry where Product == any Optimizer {
    /// The registry of every built-in optimizer; plugins register into it too.
    public static var `default`: OptimizerRegistry { defaultOptimizerRegistry }

    /// An empty optimizer registry: kind `optimizer`, JSON key `type`, names matched ignoring
    /// case and underscores.
    public convenience init() { self.init(kind: "optimizer") }

    /// Registers the built-in optimizers.
    ///
    /// - Throws: ``/NeuronaRegistry/RegistryError/duplicateName(kind:name:registrant:existing:)`` when another
    ///   registrant already holds one of these names in this registry.
    public func registerBuiltIns() throws {
        try register(SGD.self)
        try register(Adagrad.self)
        try register(Adadelta.self)
        try register(RMSProp.self)
        try register(Adam.self)
        try register(AdamW.self)
    }
}

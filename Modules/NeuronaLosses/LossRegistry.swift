import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaRegistry

/// The registry of losses: the one ``/NeuronaRegistry/Registry`` design with losses as its product, under
/// Keras's names and aliases (`mse`, `binary_crossentropy`, …). Names match ignoring case and
/// underscores (`"MSE"`, `"MeanSquaredError"`); what is saved is the loss's ``Loss/typeName``.
///
/// ```swift
/// let loss = try LossRegistry.default.make("sparse_categorical_crossentropy")
/// let fromLogits = try LossRegistry.default.make(fromJSON: #"{"type": "categorical_crossentropy", "from_logits": true}"#)
/// try LossRegistry.default.register(MyLoss.self, package: "MyApp")   // a loss of your own
/// ```
public typealias LossRegistry = Registry<any Loss>

private let defaultLossRegistry: LossRegistry = {
    let registry = LossRegistry()
    try! registry.registerBuiltIns()   // an empty registry and distinct built-in names: nothing to collide
    return registry
}()

extension Registry where Product == any Loss {
    /// The registry of every built-in loss; plugins register into it too.
    public static var `default`: LossRegistry { defaultLossRegistry }

    /// An empty loss registry: kind `loss`, JSON key `type`, names matched ignoring case and
    /// underscores.
    public convenience init() { self.init(kind: "loss") }

    /// Registers the built-in losses under Keras's names and aliases.
    ///
    /// - Throws: ``/NeuronaRegistry/RegistryError/duplicateName(kind:name:registrant:existing:)`` when another
    ///   registrant already holds one of these names in this registry.
    public func registerBuiltIns() throws {
        try register(MeanSquaredError.self)
        try register(MeanAbsoluteError.self)
        try register(Huber.self)
        try register(BinaryCrossentropy.self)
        try register(CategoricalCrossentropy.self)
        try register(SparseCategoricalCrossentropy.self)
    }
}

extension MeanSquaredError {
    /// Keras's other name for this loss.
    public static var registeredAliases: [String] { ["mse"] }
}

extension MeanAbsoluteError {
    /// Keras's other name for this loss.
    public static var registeredAliases: [String] { ["mae"] }
}

extension Huber {
    /// Keras's other name for this loss.
    public static var registeredAliases: [String] { ["huber_loss"] }
}

import Foundation
import NeuronaAutograd
import NeuronaCore
import NeuronaRegistry

/// The registry of losses: the one ``Registry`` design with losses as its product, under
/// Keras's names and aliases (`mse`, `binary_crossentropy`, …). Names match ignoring case and
/// underscores (`"MSE"`, `"MeanSquaredError"`); what is saved is the loss's ``Loss/typeName``.
///
/// ```swift
/// let loss = try LossRegistry.default.make("sparse_categorical_crossentropy")
/// let fromLogits = try LossRegistry.default.make(fromJSON: #"{"type": "categorical_crossentropy", "from_logits": true}"#)
/// LossRegistry.default.register(MyLoss.self)          // a loss of your own
/// ```
public typealias LossRegistry = Registry<any Loss>

private let defaultLossRegistry: LossRegistry = {
    let registry = LossRegistry()
    registry.registerBuiltIns()
    return registry
}()

extension Registry where Product == any Loss {
    /// The registry of every built-in loss; plugins register into it too.
    public static var `default`: LossRegistry { defaultLossRegistry }

    /// An empty loss registry: kind `loss`, JSON key `type`, names matched ignoring case and
    /// underscores.
    public convenience init() { self.init(kind: "loss") }

    /// Registers the built-in losses under Keras's names and aliases.
    public func registerBuiltIns() {
        register(MeanSquaredError.self, as: ["mean_squared_error", "mse"])
        register(MeanAbsoluteError.self, as: ["mean_absolute_error", "mae"])
        register(Huber.self, as: ["huber", "huber_loss"])
        register(BinaryCrossentropy.self)
        register(CategoricalCrossentropy.self)
        register(SparseCategoricalCrossentropy.self)
    }

    /// Registers `type` under each of `names` (its ``Loss/typeName`` by default); again replaces
    /// it. Its JSON is its config's settings under snake_case keys, defaults for the ones left
    /// out; unknown keys and settings out of range throw, naming the JSON path.
    public func register<L: ConfigurableLoss>(_ type: L.Type, as names: [String]? = nil) {
        for name in names ?? [L.typeName] {
            register(name) { decoder in
                let loss = L(config: try L.Config.decodeStrictly(from: decoder, defaults: L.Config.defaults,
                                                                 required: L.Config.requiredKeys, typeName: L.typeName))
                do {
                    try loss.validate()
                } catch let error as LossError {
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(error)", underlyingError: error))
                }
                return loss
            }
        }
    }

    /// Registers `type` under each of `names` into `registry` (``register(_:as:)``).
    public static func register<L: ConfigurableLoss>(_ type: L.Type, as names: [String]? = nil,
                                                     into registry: LossRegistry = .default) {
        registry.register(type, as: names)
    }
}

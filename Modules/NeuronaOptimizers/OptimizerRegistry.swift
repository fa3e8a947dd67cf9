import NeuronaCore
@_exported import NeuronaRegistry

/// The registry of optimizers: the one ``Registry`` design with optimizers as its product, under
/// Keras's names (`sgd`, `adam`, `adamw`, `rmsprop`, `adagrad`, `adadelta`). Names match
/// ignoring case and underscores (`"Adam"`, `"SGD"`, `"RMSprop"`); what is saved is the
/// optimizer's ``Optimizer/typeName``.
///
/// ```swift
/// let adam = try OptimizerRegistry.default.make("Adam")
/// let sgd = try OptimizerRegistry.default.make(fromJSON: #"{"type": "sgd", "learning_rate": 0.1, "momentum": 0.9}"#)
/// OptimizerRegistry.default.register(MyOptimizer.self)   // an optimizer of your own
/// ```
public typealias OptimizerRegistry = Registry<any Optimizer>

private let defaultOptimizerRegistry: OptimizerRegistry = {
    let registry = OptimizerRegistry()
    registry.registerBuiltIns()
    return registry
}()

extension Registry where Product == any Optimizer {
    /// The registry of every built-in optimizer; plugins register into it too.
    public static var `default`: OptimizerRegistry { defaultOptimizerRegistry }

    /// An empty optimizer registry: kind `optimizer`, JSON key `type`, names matched ignoring
    /// case and underscores.
    public convenience init() { self.init(kind: "optimizer") }

    /// Registers the built-in optimizers.
    public func registerBuiltIns() {
        register(SGD.self)
        register(Adagrad.self)
        register(Adadelta.self)
        register(RMSProp.self)
        register(Adam.self)
        register(AdamW.self)
    }

    /// Registers `type` under its ``Optimizer/typeName`` (or `name`); again replaces it. Its JSON
    /// is the shared settings beside its config's, snake_case keys, defaults from
    /// ``ConfigurableOptimizer/defaults`` for the ones left out; unknown keys and settings out of
    /// range throw, naming the JSON path.
    public func register<O: ConfigurableOptimizer>(_ type: O.Type, as name: String? = nil) {
        register(name ?? O.typeName) { decoder in
            let defaults = O.defaults
            let settings = try OptimizerSettings(from: decoder, defaultRate: defaults.settings.learningRate)
            let config = try O.Config.decodeStrictly(from: decoder, defaults: defaults.config,
                                                     ignoring: OptimizerSettings.keys.union(["type"]), typeName: O.typeName,
                                                     otherFields: Array(OptimizerSettings.keys))
            let optimizer = O(settings: settings, config: config)
            do {
                try optimizer.validate()
            } catch let error as OptimizerError {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(error)", underlyingError: error))
            }
            return optimizer
        }
    }

    /// Registers `type` into `registry` (``register(_:as:)``).
    public static func register<O: ConfigurableOptimizer>(_ type: O.Type, as name: String? = nil,
                                                          into registry: OptimizerRegistry = .default) {
        registry.register(type, as: name)
    }
}

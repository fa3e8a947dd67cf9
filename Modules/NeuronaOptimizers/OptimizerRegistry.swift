import NeuronaCore

/// Maps Keras's optimizer names (`sgd`, `adam`, `adamw`, `rmsprop`, `adagrad`, `adadelta`) to
/// optimizers.
///
/// ```swift
/// let adam = try OptimizerRegistry.default.make("adam")
/// let sgd = try OptimizerRegistry.default.make(fromJSON: #"{"type": "sgd", "learning_rate": 0.1, "momentum": 0.9}"#)
/// ```
public enum OptimizerRegistry {
    /// The registry of every built-in optimizer.
    public static let `default`: Registry<any Optimizer> = {
        let r = Registry<any Optimizer>(kind: "optimizer")
        register(SGD.self, into: r)
        register(Adagrad.self, into: r)
        register(Adadelta.self, into: r)
        register(RMSProp.self, into: r)
        register(Adam.self, into: r)
        register(AdamW.self, into: r)
        return r
    }()

    /// Registers `type` under its ``Optimizer/typeName`` (or `name`); again replaces it. Its JSON
    /// is the shared settings beside its config's, snake_case keys, defaults from
    /// ``ConfigurableOptimizer/defaults`` for the ones left out; unknown keys and settings out of
    /// range throw.
    public static func register<O: ConfigurableOptimizer>(_ type: O.Type, as name: String? = nil,
                                                          into registry: Registry<any Optimizer> = OptimizerRegistry.default) {
        registry.register(name ?? O.typeName) { decoder in
            let defaults = O.defaults
            let settings = try OptimizerSettings(from: decoder, defaultRate: defaults.settings.learningRate)
            let decoded = try O.Config.decode(from: decoder, defaults: defaults.config, ignoring: OptimizerSettings.keys.union(["type"]))
            if let key = decoded.unexpected.first {
                let known = (try decoded.config.settingKeys() + OptimizerSettings.keys).sorted().joined(separator: ", ")
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                        debugDescription: "unexpected field \"\(key)\" for \(O.typeName) (its fields: \(known))"))
            }
            let optimizer = O(settings: settings, config: decoded.config)
            do {
                try optimizer.validate()
            } catch let error as OptimizerError {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(error)"))
            }
            return optimizer
        }
    }
}

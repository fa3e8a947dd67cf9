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

    /// Registers `type` under its ``Optimizer/typeName`` (or `name`); again replaces it.
    public static func register<O: ConfigurableOptimizer>(_ type: O.Type, as name: String? = nil,
                                                          into registry: Registry<any Optimizer> = OptimizerRegistry.default) {
        registry.register(name ?? O.typeName) { decoder in
            do {
                return try O(config: O.Config(from: decoder))
            } catch let error as OptimizerError {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(error)"))
            }
        }
    }
}

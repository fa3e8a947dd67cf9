import Foundation
import NeuronaAutograd
import NeuronaCore

/// A loss whose settings make no sense (`delta` must be positive), or targets it cannot take.
public enum LossError: Error, Equatable, CustomStringConvertible {
    /// A setting out of range.
    case invalidConfig(loss: String, message: String)
    /// Targets of `shape` that the loss cannot take; `example` is the example (first axis) at
    /// fault when one is.
    case invalidTargets(loss: String, shape: [Int], example: Int?, message: String)

    public var description: String {
        switch self {
        case .invalidConfig(let loss, let message): return "\(loss): \(message)"
        case .invalidTargets(let loss, let shape, let example, let message):
            let place = example.map { ", example \($0)" } ?? ""
            return "\(loss): targets of shape \(shape)\(place): \(message)"
        }
    }
}

/// Maps Keras's loss names (`mse`, `binary_crossentropy`, ...) to losses.
///
/// ```swift
/// let loss = try LossRegistry.default.make("sparse_categorical_crossentropy")
/// let fromLogits = try LossRegistry.default.make(fromJSON: #"{"type": "categorical_crossentropy", "from_logits": true}"#)
/// ```
public enum LossRegistry {
    /// The registry of every built-in loss, under Keras's names and aliases.
    public static let `default`: Registry<any Loss> = {
        let r = Registry<any Loss>(kind: "loss")
        register(MeanSquaredError.self, as: ["mean_squared_error", "mse"], into: r)
        register(MeanAbsoluteError.self, as: ["mean_absolute_error", "mae"], into: r)
        register(Huber.self, as: ["huber", "huber_loss"], into: r)
        register(BinaryCrossentropy.self, as: ["binary_crossentropy"], into: r)
        register(CategoricalCrossentropy.self, as: ["categorical_crossentropy"], into: r)
        register(SparseCategoricalCrossentropy.self, as: ["sparse_categorical_crossentropy"], into: r)
        return r
    }()

    /// Registers `type` under each of `names` (its ``Loss/typeName`` by default).
    public static func register<L: ConfigurableLoss>(_ type: L.Type, as names: [String]? = nil,
                                                     into registry: Registry<any Loss> = LossRegistry.default) {
        for name in names ?? [L.typeName] {
            registry.register(name) { decoder in
                do {
                    return try L(config: L.Config(from: decoder))
                } catch let error as LossError {
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(error)"))
                }
            }
        }
    }
}

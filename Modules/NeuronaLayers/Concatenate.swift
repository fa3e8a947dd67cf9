import NeuronaAutograd
import NeuronaCore

/// Joins its inputs along an axis (an inception block's join).
///
/// Concretely: `y = concat(x₀, x₁, …, axis)`. As in Keras, `axis` counts the batch dimension:
/// -1 (the default) is the last axis, 1 the first axis of a sample.
public final class Concatenate: ConfigurableLayer, StatefulLayer, MergeLayer {
    public static let typeName = "Concatenate"

    /// The settings, as in JSON: `axis`.
    public struct Config: LayerConfig {
        /// The axis to join along, counting the batch axis (-1: the last).
        public var axis: Int
        public static let defaults = Concatenate().config
    }

    /// The layer's settings.
    public let config: Config
    public var layerState = LayerState()

    /// A layer with `config`'s settings.
    /// - Parameter config: The axis to join along.
    public init(config: Config) { self.config = config }

    /// - Parameters:
    ///   - axis: The axis to join along, counting the batch dimension (-1: the last).
    public convenience init(axis: Int = -1) { self.init(config: Config(axis: axis)) }

    public func build(inputShapes: [[Int]]) throws -> [Int] {
        let axis = config.axis
        guard let first = inputShapes.first else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "at least one input", got: [])
        }
        let a = axis < 0 ? axis + first.count : axis - 1
        guard a >= 0 && a < first.count else {
            throw LayerError.invalidConfig(layer: Self.typeName, message: "axis \(axis) is out of range for inputs of shape \(first)")
        }
        var output = first
        output[a] = 0
        for shape in inputShapes {
            var rest = shape, firstRest = first
            guard shape.count == first.count else {
                throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "rank \(first.count) like \(first)", got: shape)
            }
            rest[a] = 0; firstRest[a] = 0
            guard rest == firstRest else {
                throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "\(first) outside axis \(axis)", got: shape)
            }
            output[a] += shape[a]
        }
        return layerState.built(input: first, output: output)
    }

    public func merge(_ inputs: [Variable]) -> Variable {
        let axis = config.axis
        return Variable.concatenate(inputs, axis: axis < 0 ? axis + inputs[0].rank : axis)
    }
}

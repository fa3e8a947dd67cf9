import NeuronaAutograd
import NeuronaCore

/// Joins its inputs along an axis (an inception block's join).
///
/// Concretely: `y = concat(x₀, x₁, …, axis)`. As in Keras, `axis` counts the batch dimension:
/// -1 (the default) is the last axis, 1 the first axis of a sample.
public final class Concatenate: ConfigurableLayer, StatefulLayer, MergeLayer {
    public static let typeName = "Concatenate"

    public let axis: Int
    public var layerState = LayerState()

    public init(axis: Int = -1) {
        self.axis = axis
    }

    public struct Config: Codable, Equatable {
        public var axis: Int = -1
        public init(axis: Int = -1) { self.axis = axis }
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            axis = try c.decodeIfPresent(Int.self, forKey: .axis) ?? -1
        }
        enum CodingKeys: String, CodingKey { case axis }
    }

    public convenience init(config: Config) throws { self.init(axis: config.axis) }
    public var config: Config { Config(axis: axis) }

    /// The axis within a sample's shape of rank `rank`.
    private func sampleAxis(rank: Int) -> Int { axis < 0 ? axis + rank : axis - 1 }

    public func build(inputShapes: [[Int]]) throws -> [Int] {
        guard let first = inputShapes.first else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "at least one input", got: [])
        }
        let a = sampleAxis(rank: first.count)
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
        layerState.inputShape = first
        layerState.outputShape = output
        return output
    }

    public func merge(_ inputs: [Variable]) -> Variable {
        let rank = inputs[0].rank
        let a = axis < 0 ? axis + rank : axis
        return Variable.concatenate(inputs, axis: a)
    }

}

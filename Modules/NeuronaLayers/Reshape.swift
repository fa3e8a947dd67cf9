import NeuronaAutograd
import NeuronaCore

/// Gives each sample a new shape with the same number of elements (one dimension may be -1).
///
/// Concretely: `y = reshape(x, [batch] + targetShape)`, no copy, no parameters. Images read from
/// IDX files as `[28, 28]` become `[28, 28, 1]` for a convolution with `Reshape([28, 28, 1])`.
public final class Reshape: ConfigurableLayer, StatefulLayer {
    public static let typeName = "Reshape"

    public let targetShape: [Int]
    public var layerState = LayerState()

    public init(_ targetShape: [Int]) {
        self.targetShape = targetShape
    }

    public struct Config: Codable, Equatable {
        public var targetShape: [Int]
        public init(targetShape: [Int]) { self.targetShape = targetShape }
        enum CodingKeys: String, CodingKey { case targetShape = "target_shape" }
    }

    public convenience init(config: Config) throws {
        guard config.targetShape.filter({ $0 == -1 }).count <= 1, config.targetShape.allSatisfy({ $0 > 0 || $0 == -1 }) else {
            throw LayerError.invalidConfig(layer: Self.typeName, message: "target_shape \(config.targetShape) must hold positive sizes and at most one -1")
        }
        self.init(config.targetShape)
    }

    public var config: Config { Config(targetShape: targetShape) }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        let count = inputShape.reduce(1, *)
        let known = targetShape.filter { $0 != -1 }.reduce(1, *)
        var output = targetShape
        if let i = targetShape.firstIndex(of: -1) {
            guard known > 0, count % known == 0 else {
                throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "a multiple of \(known) elements for \(targetShape)", got: inputShape)
            }
            output[i] = count / known
        } else if known != count {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "\(known) elements for \(targetShape)", got: inputShape)
        }
        layerState.inputShape = inputShape
        layerState.outputShape = output
        return output
    }

    public func callAsFunction(_ input: Variable) -> Variable {
        input.reshaped([input.shape.first ?? 1] + (layerState.outputShape ?? targetShape))
    }

}

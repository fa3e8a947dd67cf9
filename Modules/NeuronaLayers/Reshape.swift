import NeuronaAutograd
import NeuronaCore

/// Gives each sample a new shape with the same number of elements (one dimension may be -1).
///
/// Concretely: `y = reshape(x, [batch] + targetShape)`, no copy, no parameters. Images read from
/// IDX files as `[28, 28]` become `[28, 28, 1]` for a convolution with `Reshape([28, 28, 1])`.
public final class Reshape: ConfigurableLayer, StatefulLayer {
    public static let typeName = "Reshape"

    /// The settings, as in JSON: `target_shape`.
    public struct Config: LayerConfig {
        /// The shape of one sample without the batch axis; one dimension may be -1.
        public var targetShape: [Int]
        public static let defaults = Reshape([]).config
        public static let requiredKeys: Set<String> = ["target_shape"]
        public func validate() throws {
            try requireSetting(targetShape.filter({ $0 == -1 }).count <= 1 && targetShape.allSatisfy({ $0 > 0 || $0 == -1 }),
                               "target_shape \(targetShape) must hold positive sizes and at most one -1")
        }
    }

    /// The layer's settings.
    public let config: Config
    public var layerState = LayerState()

    /// A layer with `config`'s settings, checked when it is built.
    /// - Parameter config: The target shape.
    public init(config: Config) { self.config = config }

    /// - Parameters:
    ///   - targetShape: Each sample's new shape; one dimension may be -1.
    public convenience init(_ targetShape: [Int]) { self.init(config: Config(targetShape: targetShape)) }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        try validate()
        let targetShape = config.targetShape
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
        return layerState.built(input: inputShape, output: output)
    }

    public func callAsFunction(_ input: Variable) -> Variable {
        input.reshaped([input.shape.first ?? 1] + (layerState.outputShape ?? config.targetShape))
    }
}

import NeuronaAutograd
import NeuronaCore
import NeuronaLayers

/// Maxout (Goodfellow et al., 2013): each output unit is the largest of `pieces` linear
/// functions of the input. A worked example of a third-party layer: it lives outside
/// `Modules/` and `Plugins/`, uses only public API, and is registered and made from JSON like
/// a built-in (see CONTRIBUTING.md, "Write your own layer").
///
/// Concretely: `y_j = max_k (x·W_{jk} + b_{jk})`, with `W` of shape `[inputs, units·pieces]`
/// (key `weight`) and `b` of shape `[units·pieces]` (key `bias`).
///
/// ```swift
/// CustomLayersPlugin.register(into: .default)
/// let layer = try LayerRegistry.default.make(from: #"{"type": "Maxout", "units": 8, "pieces": 3}"#)
/// ```
public final class Maxout: ConfigurableLayer, StatefulLayer {
    // 1. The name the registry knows it by.
    public static let typeName = "Maxout"

    // 2. Settings as plain `let`s; parameters as optional Variables, made by `build`.
    public let units: Int
    public let pieces: Int
    public private(set) var weight: Variable?
    public private(set) var bias: Variable?
    public var layerState = LayerState()

    public init(units: Int, pieces: Int = 2) {
        precondition(units > 0 && pieces > 0, "Maxout: units and pieces must be positive")
        self.units = units
        self.pieces = pieces
    }

    // 3. The config: exactly the init arguments, Codable, with Keras-style JSON names.
    public struct Config: Codable, Equatable {
        public var units: Int
        public var pieces: Int = 2
        public init(units: Int, pieces: Int) {
            self.units = units
            self.pieces = pieces
        }
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            units = try c.decode(Int.self, forKey: .units)
            pieces = try c.decodeIfPresent(Int.self, forKey: .pieces) ?? 2
        }
        enum CodingKeys: String, CodingKey { case units, pieces }
    }

    public convenience init(config: Config) throws {
        guard config.units > 0, config.pieces > 0 else {
            throw LayerError.invalidConfig(layer: Self.typeName, message: "units and pieces must be positive")
        }
        self.init(units: config.units, pieces: config.pieces)
    }

    public var config: Config { Config(units: units, pieces: pieces) }

    // 4. Shape inference: check the input, make the parameters, give the output shape.
    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        guard inputShape.count == 1, inputShape[0] > 0 else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "[features]", got: inputShape)
        }
        let width = units * pieces
        weight = Variable(Initializer.glorotUniform.make([inputShape[0], width], fanIn: inputShape[0], fanOut: width, generator: &generator),
                          requiresGrad: true)
        bias = Variable(Tensor.zeros([width]), requiresGrad: true)
        layerState.inputShape = inputShape
        layerState.outputShape = [units]
        return [units]
    }

    // 5. The forward pass, in differentiable Variable ops: no backward code to write.
    public func callAsFunction(_ input: Variable) -> Variable {
        guard let weight, let bias else { preconditionFailure("\(LayerError.notBuilt(layer: Self.typeName))") }
        let linear = input.matmul(weight) + bias                       // [N, units·pieces]
        return linear.reshaped([input.shape[0], units, pieces]).max(axes: [2])
    }

    public func namedParameters() -> [NamedParameter] {
        guard let weight, let bias else { return [] }
        return [NamedParameter("weight", weight), NamedParameter("bias", bias)]
    }

}

/// The module's one entry point (6.): registers its layers.
public enum CustomLayersPlugin {
    public static func register(into registry: LayerRegistry = .default) {
        registry.register(Maxout.self)
    }
}

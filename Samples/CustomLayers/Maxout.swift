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
/// try CustomLayersPlugin.register(into: .default)
/// let layer = try LayerRegistry.default.make(from: #"{"type": "Maxout", "units": 8, "pieces": 3}"#)
/// ```
public final class Maxout: ConfigurableLayer, StatefulLayer {
    // 1. The name the registry knows it by.
    public static let typeName = "Maxout"

    // 2. The settings: one struct, the single source of truth. Its properties' snake_case forms
    //    are the JSON keys; JSON may leave out what the Swift initializer defaults; one
    //    `validate()` serves Swift and JSON.
    /// The settings, as in JSON: `units` and `pieces`.
    public struct Config: LayerConfig {
        public var units: Int
        public var pieces: Int
        public static let defaults = Maxout(units: 1).config
        public static let requiredKeys: Set<String> = ["units"]
        public func validate() throws {
            try requirePositive("units", units)
            try requirePositive("pieces", pieces)
        }
    }

    // 3. The stored config, and the parameters as optional Variables, made by `build`.
    public let config: Config
    public private(set) var weight: Variable?
    public private(set) var bias: Variable?
    public var layerState = LayerState()

    /// A layer with `config`'s settings, checked when it is built.
    public init(config: Config) { self.config = config }

    /// - Parameters:
    ///   - units: The number of outputs (positive).
    ///   - pieces: The number of linear functions each output is the largest of (positive).
    public convenience init(units: Int, pieces: Int = 2) { self.init(config: Config(units: units, pieces: pieces)) }

    // 4. Shape inference: check the settings and the input, make the parameters (within
    //    `LayerLimits`), give the output shape.
    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        try validate()
        guard inputShape.count == 1, inputShape[0] > 0 else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "[features]", got: inputShape)
        }
        try LayerLimits.check([[inputShape[0], config.units, config.pieces], [config.units, config.pieces]], layer: Self.typeName)
        let width = config.units * config.pieces
        weight = Variable(Initializer.glorotUniform.make([inputShape[0], width], fanIn: inputShape[0], fanOut: width, generator: &generator),
                          requiresGrad: true)
        bias = Variable(Tensor.zeros([width]), requiresGrad: true)
        return layerState.built(input: inputShape, output: [config.units])
    }

    // 5. The forward pass, in differentiable Variable ops: no backward code to write.
    public func callAsFunction(_ input: Variable) -> Variable {
        guard let weight, let bias else { preconditionFailed("\(LayerError.notBuilt(layer: Self.typeName))") }
        let linear = input.matmul(weight) + bias                       // [N, units·pieces]
        return linear.reshaped([input.shape[0], config.units, config.pieces]).max(axes: [2])
    }

    public func namedParameters() -> [NamedParameter] { .existing(("weight", weight), ("bias", bias)) }
}

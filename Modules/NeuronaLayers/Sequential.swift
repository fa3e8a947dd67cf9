import NeuronaAutograd
import NeuronaCore

/// A stack of layers, each feeding the next.
///
/// Concretely: `y = layers[n-1](...layers[1](layers[0](x)))`. Parameters are named
/// `layers.<index>.<name>` (`layers.1.weight`). Given an input shape, the model is built at
/// once: every layer's output shape is computed up front, and a layer that cannot take its
/// input throws naming the layer and both shapes. Without one, it builds itself from the first
/// batch it sees (in `fit`, `evaluate`, `predict` or a direct call), as Keras does, with weights
/// drawn from `seed`: the same weights as an eager build with that seed.
///
/// ```swift
/// let model = try Sequential([Flatten(), Dense(units: 128, activation: .relu),
///                             Dense(units: 10, activation: .softmax)],
///                            inputShape: [28, 28], seed: 42)
/// print(model.summary())
/// ```
///
/// ### See Also
/// - ``Graph``, ``LayerRegistry``
public final class Sequential: ConfigurableLayer, StatefulLayer, ContainerLayer, LazilyBuiltLayer {
    public static let typeName = "Sequential"

    /// The layers, in order.
    public private(set) var layers: [any Layer]
    public var layerState = LayerState()
    /// The seed of the weights when the stack builds itself from its first batch.
    public let buildSeed: UInt64

    /// A stack of `layers`, not yet built: it builds itself from the first batch it sees.
    ///
    /// - Parameters:
    ///   - layers: The layers, in order.
    ///   - seed: Seeds the weights drawn when the stack builds itself.
    public init(_ layers: [any Layer], seed: UInt64 = 0) {
        self.layers = layers
        self.buildSeed = seed
    }

    /// A stack of `layers` built for `inputShape` with weights drawn from `seed`.
    ///
    /// - Parameters:
    ///   - layers: The layers, in order.
    ///   - inputShape: The shape of one example (no batch axis).
    ///   - seed: Seeds the weights.
    public convenience init(_ layers: [any Layer], inputShape: [Int], seed: UInt64 = 0) throws {
        self.init(layers, seed: seed)
        try build(inputShape: inputShape, seed: seed)
    }

    public struct Config: Codable, Equatable {
        /// The layers, in order.
        public var layers: [LayerDescription]
        /// The shape of one example (no batch axis), when the stack is built from its JSON.
        public var inputShape: [Int]?

        /// A stack of `layers`, built for `inputShape` when given.
        ///
        /// - Parameters:
        ///   - layers: The layers, in order.
        ///   - inputShape: The shape of one example; nil to build from the first batch.
        public init(layers: [LayerDescription], inputShape: [Int]? = nil) {
            self.layers = layers
            self.inputShape = inputShape
        }

        enum CodingKeys: String, CodingKey { case layers, inputShape = "input_shape" }
    }

    public convenience init(config: Config) throws {
        self.init(config.layers.map(\.layer))
        if let shape = config.inputShape { try build(inputShape: shape, seed: 0) }
    }

    public var config: Config { Config(layers: layers.map(LayerDescription.init), inputShape: layerState.inputShape) }

    public var sublayers: [(name: String, layer: any Layer)] {
        layers.enumerated().map { ("layers.\($0.offset)", $0.element) }
    }

    /// Appends a layer (the model must be built again).
    public func append(_ layer: any Layer) {
        layers.append(layer)
        layerState.outputShape = nil
    }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        var shape = inputShape
        for (i, layer) in layers.enumerated() {
            do {
                shape = try layer.build(inputShape: shape, generator: &generator)
            } catch let error as LayerError {
                throw error.inside("layers.\(i)", layer.typeName)
            }
        }
        layerState.inputShape = inputShape
        layerState.outputShape = shape
        return shape
    }

    public func callAsFunction(_ input: Variable) -> Variable {
        buildBeforeCall(batchShape: input.shape)
        checkPrecondition(input.rank >= 1 && Array(input.shape.dropFirst()) == layerState.inputShape,
                          "Sequential: built for inputs of shape [batch] + \(layerState.inputShape ?? []), got \(input.shape)")
        var x = input
        for layer in layers { x = layer(x) }
        return x
    }

    public var isTraining: Bool {
        get { layerState.isTraining }
        set {
            layerState.isTraining = newValue
            setChildrenTraining(newValue)
        }
    }
}

extension LayerDescription: Equatable {
    /// Descriptions are equal when their JSON is.
    public static func == (lhs: LayerDescription, rhs: LayerDescription) -> Bool {
        (try? LayerRegistry.json(for: lhs.layer)) == (try? LayerRegistry.json(for: rhs.layer))
    }
}

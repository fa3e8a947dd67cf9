import Foundation
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

    /// A stack's JSON: its layers and, optionally, the shape of one example.
    ///
    /// As in Keras, the input shape may instead be given on the first layer
    /// (`{"type": "Flatten", "input_shape": [28, 28]}`, or Keras's `batch_input_shape` with a
    /// leading `null` for the batch); on any other layer it is an error that says where it
    /// belongs.
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

        /// The keys Keras puts on a Sequential's first layer for the model's input shape.
        static let inputShapeKeys = ["input_shape", "batch_input_shape"]

        /// Decodes a stack's JSON, taking the first layer's `input_shape` (or
        /// `batch_input_shape`) as the stack's.
        ///
        /// - Parameter decoder: A decoder at the stack's JSON object.
        /// - Throws: ``LayerError/invalidDescription(path:message:)`` for `input_shape` on a
        ///   layer other than the first, or one that disagrees with the stack's own; the
        ///   layers' errors with their JSON paths.
        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            inputShape = try container.decodeIfPresent([Int].self, forKey: .inputShape)
            var list = try container.nestedUnkeyedContainer(forKey: .layers)
            layers = []
            while !list.isAtEnd {
                let index = list.currentIndex
                let element = try list.superDecoder()
                let path = decoder.codingPath + [AnyCodingKey("layers"), AnyCodingKey(intValue: index)!]
                guard let (key, shape) = try Self.inputShape(in: element, path: path) else {
                    layers.append(try LayerDescription(from: element))
                    continue
                }
                // A layer that takes the key itself (a nested Sequential) keeps it.
                if let description = try? LayerDescription(from: element) {
                    layers.append(description)
                    continue
                }
                let description = try Self.layerDescription(from: element, removing: key, path: path)
                let keyPath = JSONPath.string(path + [AnyCodingKey(key)])
                guard index == 0 else {
                    throw LayerError.invalidDescription(path: keyPath, message: """
                        "\(key)" belongs on the first layer of a Sequential (layers[0]) or on the Sequential itself \
                        ("input_shape": \(shape) beside "layers"); layer \(index) takes the output of layer \(index - 1)
                        """)
                }
                if let given = inputShape, given != shape {
                    throw LayerError.invalidDescription(path: keyPath, message: """
                        the first layer's \(key) gives the input shape \(shape), the Sequential's "input_shape" \
                        gives \(given); give it once
                        """)
                }
                inputShape = shape
                layers.append(description)
            }
        }

        /// The input shape a layer's JSON object carries (`input_shape`, or `batch_input_shape`
        /// without its batch axis) and its key; nil when it carries none.
        static func inputShape(in element: Decoder, path: [CodingKey]) throws -> (String, [Int])? {
            guard let object = try? element.container(keyedBy: AnyCodingKey.self) else { return nil }
            if let shape = try object.decodeIfPresent([Int].self, forKey: AnyCodingKey("input_shape")) {
                return ("input_shape", shape)
            }
            let batchKey = AnyCodingKey("batch_input_shape")
            guard object.contains(batchKey), try !object.decodeNil(forKey: batchKey) else { return nil }
            var batchShape = try object.nestedUnkeyedContainer(forKey: batchKey)
            guard !batchShape.isAtEnd else {
                throw LayerError.invalidDescription(path: JSONPath.string(path + [batchKey]),
                                                    message: "expected [null, ...] (the batch axis, then one example's shape), found []")
            }
            if try !batchShape.decodeNil() { _ = try batchShape.decode(Int.self) }
            var shape: [Int] = []
            while !batchShape.isAtEnd { shape.append(try batchShape.decode(Int.self)) }
            return ("batch_input_shape", shape)
        }

        /// The layer `element` describes once `key` (which belongs to the Sequential) is taken
        /// out; errors keep their JSON path (`layers[0].units`).
        static func layerDescription(from element: Decoder, removing key: String, path: [CodingKey]) throws -> LayerDescription {
            guard case .object(var object) = try JSONValue(from: element) else {
                return try LayerDescription(from: element)
            }
            object[key] = nil
            let inner = JSONDecoder()
            inner.userInfo = element.userInfo
            do {
                return try inner.decode(LayerDescription.self, from: JSONEncoder().encode(JSONValue.object(object)))
            } catch let error as LayerError {
                throw error.relocated(under: path)
            } catch let error as DecodingError {
                throw error.relocated(under: path)
            }
        }
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
        checkPrecondition(input.rank >= 1 && layerState.inputShape.map { input.shape.dropFirst().elementsEqual($0) } == true,
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

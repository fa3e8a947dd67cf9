import NeuronaAutograd
import NeuronaCore
import NeuronaLayers

/// A residual block (He et al.): a stack of layers whose output is added to the block's input.
///
/// Concretely: `y = activation(F(x) + S(x))`, where `F` is the stack and `S` the shortcut:
/// the identity when `F` keeps the shape, otherwise a projection — a `Dense` without bias for
/// feature vectors, a 1×1 `Conv2D` (with the stride that matches the sizes) for images.
/// Parameters are named `layers.<i>.<name>` and `shortcut.<name>`.
///
/// ```json
/// {"type": "ResidualBlock", "layers": [{"type": "Dense", "units": 32, "activation": "relu"},
///                                      {"type": "Dense", "units": 32}], "activation": "relu"}
/// ```
public final class ResidualBlock: ConfigurableLayer, StatefulLayer, ContainerLayer {
    public static let typeName = "ResidualBlock"

    /// What the shortcut is.
    public enum Shortcut: String, Codable, Sendable {
        /// The identity when shapes allow, a projection otherwise.
        case auto
        /// Always the identity (shapes must match).
        case identity
        /// Always a learned projection.
        case projection
    }

    /// The settings, as in JSON: the stack (`layers`), `shortcut` and `activation`.
    public struct Config: LayerConfig {
        /// The stack `F`, as layer descriptions.
        public var layers: [LayerDescription]
        /// What the shortcut is.
        public var shortcut: Shortcut
        /// Applied to `F(x) + S(x)`.
        public var activation: ActivationFunction
        public static let defaults = ResidualBlock([]).config
        public static let requiredKeys: Set<String> = ["layers"]
        public func validate() throws { try requireSetting(!layers.isEmpty, "layers must not be empty") }
    }

    public let config: Config
    /// The stack `F` (the config's layers).
    public let layers: [any Layer]
    /// The projection, when the shortcut is one.
    public private(set) var projection: (any Layer)?
    public var layerState = LayerState()

    /// A block with `config`'s settings, checked when it is built.
    /// - Parameter config: The stack, shortcut and activation.
    public init(config: Config) {
        self.config = config
        layers = config.layers.map(\.layer)
    }

    /// - Parameters:
    ///   - layers: The stack `F`.
    ///   - shortcut: What the shortcut is.
    ///   - activation: Applied to `F(x) + S(x)`.
    public convenience init(_ layers: [any Layer], shortcut: Shortcut = .auto, activation: ActivationFunction = .linear) {
        self.init(config: Config(layers: layers.map(LayerDescription.init), shortcut: shortcut, activation: activation))
    }

    public var sublayers: [(name: String, layer: any Layer)] {
        var result = layers.enumerated().map { (name: "layers.\($0.offset)", layer: $0.element) }
        if let projection { result.append((name: "shortcut", layer: projection)) }
        return result
    }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        try validate()
        let shortcut = config.shortcut
        var shape = inputShape
        for (i, layer) in layers.enumerated() {
            do {
                shape = try layer.build(inputShape: shape, generator: &generator)
            } catch let error as LayerError {
                throw error.insideBlock("layers.\(i)", layer.typeName)
            }
        }
        projection = nil
        if shortcut == .projection || (shortcut == .auto && shape != inputShape) {
            if inputShape.count == 1 && shape.count == 1 {
                projection = Dense(units: shape[0], useBias: false)
            } else if inputShape.count == 3 && shape.count == 3,
                      inputShape[0] % shape[0] == 0, inputShape[1] % shape[1] == 0 {
                projection = Conv2D(filters: shape[2], kernelSize: 1,
                                    strides: SizePair(inputShape[0] / shape[0], inputShape[1] / shape[1]), useBias: false)
            } else {
                throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "a stack output a projection can reach from \(inputShape)", got: shape)
            }
            let projected = try projection!.build(inputShape: inputShape, generator: &generator)
            guard projected == shape else {
                throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "the shortcut to give \(shape)", got: projected)
            }
        } else if shape != inputShape {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "the stack to keep the input shape \(inputShape) for an identity shortcut", got: shape)
        }
        return layerState.built(input: inputShape, output: shape)
    }

    public func callAsFunction(_ input: Variable) -> Variable {
        var x = input
        for layer in layers { x = layer(x) }
        let skip = projection.map { $0(input) } ?? input
        return config.activation(x + skip)
    }

    public var isTraining: Bool {
        get { layerState.isTraining }
        set {
            layerState.isTraining = newValue
            setChildrenTraining(newValue)
        }
    }
}

extension LayerError {
    /// A sublayer's error as seen from the block: its path gets `name (Type)` in front.
    func insideBlock(_ name: String, _ type: String) -> LayerError {
        switch self {
        case .incompatibleInputShape(let layer, let expected, let got):
            return .incompatibleInputShape(layer: "\(ResidualBlock.typeName).\(name) (\(type == layer ? type : layer))", expected: expected, got: got)
        default:
            return self
        }
    }
}

/// NeuronaResidual's entry point (a ``/NeuronaLayers/LayerPlugin``): registers ResidualBlock.
public enum ResidualPlugin: LayerPlugin {
    /// The package its layers are registered under (`NeuronaResidual>ResidualBlock`).
    public static let package = PluginPackage("NeuronaResidual", entryPoint: "ResidualPlugin.register(into:)")
    /// ResidualBlock.
    public static let layerTypes: [any ConfigurableLayer.Type] = [ResidualBlock.self]
}

import NeuronaAutograd
import NeuronaCore

/// The settings of a pooling layer: window, strides (the window by default) and padding.
public struct PoolingConfig: Codable, Equatable {
    public var poolSize: SizePair
    public var strides: SizePair?
    public var padding: Padding

    public init(poolSize: SizePair = 2, strides: SizePair? = nil, padding: Padding = .valid) {
        self.poolSize = poolSize
        self.strides = strides
        self.padding = padding
    }

    enum CodingKeys: String, CodingKey { case poolSize = "pool_size", strides, padding }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        poolSize = try c.decodeIfPresent(SizePair.self, forKey: .poolSize) ?? 2
        strides = try c.decodeIfPresent(SizePair.self, forKey: .strides)
        padding = try c.decodeIfPresent(Padding.self, forKey: .padding) ?? .valid
    }

    /// The window for images of `inputShape` ([height, width, channels]); throws when it does not fit.
    func geometry(_ inputShape: [Int], layer: String) throws -> WindowGeometry {
        guard inputShape.count == 3, inputShape.allSatisfy({ $0 > 0 }) else {
            throw LayerError.incompatibleInputShape(layer: layer, expected: "[height, width, channels]", got: inputShape)
        }
        guard poolSize.isPositive, strides?.isPositive ?? true else {
            throw LayerError.invalidConfig(layer: layer, message: "pool_size and strides must be positive")
        }
        if padding == .valid && (inputShape[0] < poolSize.height || inputShape[1] < poolSize.width) {
            throw LayerError.incompatibleInputShape(layer: layer, expected: "images of at least \(poolSize.height)×\(poolSize.width)", got: inputShape)
        }
        return WindowGeometry(input: (inputShape[0], inputShape[1]), kernel: poolSize.tuple,
                              strides: (strides ?? poolSize).tuple, same: padding == .same)
    }
}

/// A pooling layer over a sliding window: MaxPool2D and AvgPool2D share its build.
public protocol WindowPoolingLayer: StatefulLayer {
    var config: PoolingConfig { get }
    var geometry: WindowGeometry? { get set }
}

extension WindowPoolingLayer {
    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        let g = try config.geometry(inputShape, layer: Self.typeName)
        geometry = g
        layerState.inputShape = inputShape
        layerState.outputShape = [g.output.height, g.output.width, inputShape[2]]
        return layerState.outputShape!
    }
}

/// Max pooling over channels-last images: each `poolSize` window's largest value, per channel.
///
/// Concretely: `y[n, i, j, c] = max over the window at (i, j) of x[n, ·, ·, c]`; the gradient
/// flows to the winning pixel. No parameters.
public final class MaxPool2D: ConfigurableLayer, WindowPoolingLayer {
    public static let typeName = "MaxPool2D"
    public let config: PoolingConfig
    public var geometry: WindowGeometry?
    public var layerState = LayerState()

    public init(poolSize: SizePair = 2, strides: SizePair? = nil, padding: Padding = .valid) {
        config = PoolingConfig(poolSize: poolSize, strides: strides, padding: padding)
    }

    public init(config: PoolingConfig) throws { self.config = config }

    public func callAsFunction(_ input: Variable) -> Variable {
        guard let geometry else { preconditionFailure("\(LayerError.notBuilt(layer: Self.typeName))") }
        return input.maxPool2d(geometry)
    }

}

/// Average pooling over channels-last images: each window's mean, per channel (padding cells
/// are not counted, as in Keras). No parameters.
public final class AvgPool2D: ConfigurableLayer, WindowPoolingLayer {
    public static let typeName = "AvgPool2D"
    public let config: PoolingConfig
    public var geometry: WindowGeometry?
    public var layerState = LayerState()

    public init(poolSize: SizePair = 2, strides: SizePair? = nil, padding: Padding = .valid) {
        config = PoolingConfig(poolSize: poolSize, strides: strides, padding: padding)
    }

    public init(config: PoolingConfig) throws { self.config = config }

    public func callAsFunction(_ input: Variable) -> Variable {
        guard let geometry else { preconditionFailure("\(LayerError.notBuilt(layer: Self.typeName))") }
        return input.avgPool2d(geometry)
    }

}

/// The mean of each channel over the whole image: `[N, H, W, C]` → `[N, C]`.
public final class GlobalAveragePooling2D: ConfigurableLayer, StatefulLayer {
    public static let typeName = "GlobalAveragePooling2D"
    public var layerState = LayerState()
    public init() {}
    public struct Config: Codable, Equatable { public init() {} }
    public convenience init(config: Config) throws { self.init() }
    public var config: Config { Config() }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        guard inputShape.count == 3 else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "[height, width, channels]", got: inputShape)
        }
        layerState.inputShape = inputShape
        layerState.outputShape = [inputShape[2]]
        return [inputShape[2]]
    }

    public func callAsFunction(_ input: Variable) -> Variable { input.mean(axes: [1, 2]) }

}

/// The largest value of each channel over the whole image: `[N, H, W, C]` → `[N, C]`.
public final class GlobalMaxPooling2D: ConfigurableLayer, StatefulLayer {
    public static let typeName = "GlobalMaxPooling2D"
    public var layerState = LayerState()
    public init() {}
    public struct Config: Codable, Equatable { public init() {} }
    public convenience init(config: Config) throws { self.init() }
    public var config: Config { Config() }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        guard inputShape.count == 3 else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "[height, width, channels]", got: inputShape)
        }
        layerState.inputShape = inputShape
        layerState.outputShape = [inputShape[2]]
        return [inputShape[2]]
    }

    public func callAsFunction(_ input: Variable) -> Variable { input.max(axes: [1, 2]) }

}

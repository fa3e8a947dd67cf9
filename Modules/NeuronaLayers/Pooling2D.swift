import NeuronaAutograd
import NeuronaCore

/// The settings of a pooling layer, as in JSON: `pool_size`, `strides` (the window when
/// absent) and `padding`.
public struct PoolingConfig: LayerConfig {
    /// The window's height and width.
    public var poolSize: SizePair
    /// The step between windows; `nil` means the window's size (Keras's default).
    public var strides: SizePair?
    /// `valid` (no padding) or `same` (output size ⌈input / stride⌉).
    public var padding: Padding
    public static let defaults = MaxPool2D().config
    public func validate() throws {
        try requireSetting(poolSize.isPositive, "pool_size must be positive, got \(poolSize)")
        if let strides { try requireSetting(strides.isPositive, "strides must be positive, got \(strides)") }
        try padding.requireValidOrSame()
    }

    /// The window for images of `inputShape` ([height, width, channels]); throws when it does not fit.
    func geometry(_ inputShape: [Int], layer: String) throws -> WindowGeometry {
        guard inputShape.count == 3, inputShape.allSatisfy({ $0 > 0 }) else {
            throw LayerError.incompatibleInputShape(layer: layer, expected: "[height, width, channels]", got: inputShape)
        }
        if padding == .valid && (inputShape[0] < poolSize.height || inputShape[1] < poolSize.width) {
            throw LayerError.incompatibleInputShape(layer: layer, expected: "images of at least \(poolSize.height)×\(poolSize.width)", got: inputShape)
        }
        return WindowGeometry(input: (inputShape[0], inputShape[1]), kernel: poolSize.tuple,
                              strides: (strides ?? poolSize).tuple, same: padding == .same)
    }
}

/// A pooling layer over a sliding window: MaxPool2D and AvgPool2D share its settings and build.
public protocol WindowPoolingLayer: ConfigurableLayer, StatefulLayer where Config == PoolingConfig {
    /// The window geometry for the built input size.
    var geometry: WindowGeometry? { get set }
    /// A layer with `config`'s settings, checked when it is built.
    /// - Parameter config: The window's size, strides and padding.
    init(config: PoolingConfig)
}

extension WindowPoolingLayer {
    /// - Parameters:
    ///   - poolSize: The window, e.g. 2 or `SizePair(2, 3)`.
    ///   - strides: The step between windows (the window when nil).
    ///   - padding: `valid` (no padding) or `same` (output ⌈input / stride⌉).
    public init(poolSize: SizePair = 2, strides: SizePair? = nil, padding: Padding = .valid) {
        self.init(config: PoolingConfig(poolSize: poolSize, strides: strides, padding: padding))
    }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        try validate()
        let g = try config.geometry(inputShape, layer: Self.typeName)
        geometry = g
        return layerState.built(input: inputShape, output: [g.output.height, g.output.width, inputShape[2]])
    }

    /// The window geometry, or a stop naming the layer when it was not built.
    var builtGeometry: WindowGeometry {
        guard let geometry else { preconditionFailed("\(LayerError.notBuilt(layer: Self.typeName))") }
        return geometry
    }
}

/// Max pooling over channels-last images: each `poolSize` window's largest value, per channel.
///
/// Concretely: `y[n, i, j, c] = max over the window at (i, j) of x[n, ·, ·, c]`; the gradient
/// flows to the winning pixel. No parameters.
public final class MaxPool2D: WindowPoolingLayer {
    public static let typeName = "MaxPool2D"
    /// The window's size, strides and padding.
    public let config: PoolingConfig
    public var geometry: WindowGeometry?
    public var layerState = LayerState()

    /// A layer with `config`'s settings, checked when it is built.
    /// - Parameter config: The window's size, strides and padding.
    public init(config: PoolingConfig) { self.config = config }

    public func callAsFunction(_ input: Variable) -> Variable { input.maxPool2d(builtGeometry) }
}

/// Average pooling over channels-last images: each window's mean, per channel (padding cells
/// are not counted, as in Keras). No parameters.
public final class AvgPool2D: WindowPoolingLayer {
    public static let typeName = "AvgPool2D"
    /// The window's size, strides and padding.
    public let config: PoolingConfig
    public var geometry: WindowGeometry?
    public var layerState = LayerState()

    /// A layer with `config`'s settings, checked when it is built.
    /// - Parameter config: The window's size, strides and padding.
    public init(config: PoolingConfig) { self.config = config }

    public func callAsFunction(_ input: Variable) -> Variable { input.avgPool2d(builtGeometry) }
}

/// A layer reducing each channel of `[N, H, W, C]` images over the whole image to `[N, C]`.
public protocol GlobalPooling2DLayer: UnconfiguredLayer, StatefulLayer {}

extension GlobalPooling2DLayer {
    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        guard inputShape.count == 3 else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "[height, width, channels]", got: inputShape)
        }
        return layerState.built(input: inputShape, output: [inputShape[2]])
    }
}

/// The mean of each channel over the whole image: `[N, H, W, C]` → `[N, C]`.
public final class GlobalAveragePooling2D: GlobalPooling2DLayer {
    public static let typeName = "GlobalAveragePooling2D"
    public var layerState = LayerState()
    /// The layer (it has no settings).
    public init() {}
    public func callAsFunction(_ input: Variable) -> Variable { input.mean(axes: [1, 2]) }
}

/// The largest value of each channel over the whole image: `[N, H, W, C]` → `[N, C]`.
public final class GlobalMaxPooling2D: GlobalPooling2DLayer {
    public static let typeName = "GlobalMaxPooling2D"
    public var layerState = LayerState()
    /// The layer (it has no settings).
    public init() {}
    public func callAsFunction(_ input: Variable) -> Variable { input.max(axes: [1, 2]) }
}

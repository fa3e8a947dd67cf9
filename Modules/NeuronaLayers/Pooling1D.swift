import NeuronaAutograd
import NeuronaCore

/// The settings of a 1-D pooling layer, as in JSON: `pool_size`, `strides` (the window when
/// absent) and `padding`.
public struct Pooling1DConfig: LayerConfig {
    /// The window's length in steps.
    public var poolSize: Int
    /// The step between windows; `nil` means the window's length (Keras's default).
    public var strides: Int?
    /// `valid` (no padding) or `same` (output ⌈steps / stride⌉).
    public var padding: Padding
    public static let defaults = MaxPool1D().config
    public func validate() throws {
        try requirePositive("pool_size", poolSize)
        if let strides { try requirePositive("strides", strides) }
        try padding.requireValidOrSame()
    }

    /// The window over sequences of `inputShape` ([steps, channels]) seen as one-row images;
    /// throws when it does not fit.
    func geometry(_ inputShape: [Int], layer: String) throws -> WindowGeometry {
        guard inputShape.count == 2, inputShape.allSatisfy({ $0 > 0 }) else {
            throw LayerError.incompatibleInputShape(layer: layer, expected: "[steps, channels]", got: inputShape)
        }
        if padding == .valid && inputShape[0] < poolSize {
            throw LayerError.incompatibleInputShape(layer: layer, expected: "sequences of at least \(poolSize) steps", got: inputShape)
        }
        return WindowGeometry(input: (1, inputShape[0]), kernel: (1, poolSize), strides: (1, strides ?? poolSize), same: padding == .same)
    }
}

/// A pooling layer over a window sliding along the steps of `[N, T, C]` sequences: MaxPool1D and
/// AvgPool1D share its settings and build; each pools the sequence seen as a one-row image with
/// its 2-D pooling op.
public protocol WindowPooling1DLayer: ConfigurableLayer, StatefulLayer where Config == Pooling1DConfig {
    /// The window for the built input length.
    var geometry: WindowGeometry? { get set }
    /// A layer with `config`'s settings, checked when it is built.
    /// - Parameter config: The window's length, strides and padding.
    init(config: Pooling1DConfig)
    /// The 2-D pooling of `images` `[N, 1, T, C]` over the window `geometry`.
    /// - Parameters:
    ///   - images: The sequences as one-row images.
    ///   - geometry: The window.
    func pool(_ images: Variable, _ geometry: WindowGeometry) -> Variable
}

extension WindowPooling1DLayer {
    /// - Parameters:
    ///   - poolSize: The window's length in steps.
    ///   - strides: The step between windows (the window's length when nil).
    ///   - padding: `valid` (no padding) or `same` (output ⌈steps / stride⌉).
    public init(poolSize: Int = 2, strides: Int? = nil, padding: Padding = .valid) {
        self.init(config: Pooling1DConfig(poolSize: poolSize, strides: strides, padding: padding))
    }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        try validate()
        let g = try config.geometry(inputShape, layer: Self.typeName)
        geometry = g
        return layerState.built(input: inputShape, output: [g.output.width, inputShape[1]])
    }

    public func callAsFunction(_ input: Variable) -> Variable {
        guard let geometry else { preconditionFailed("\(LayerError.notBuilt(layer: Self.typeName))") }
        let (n, channels) = (input.shape[0], input.shape[2])
        return pool(input.reshaped([n, 1, input.shape[1], channels]), geometry).reshaped([n, geometry.output.width, channels])
    }
}

/// Max pooling along the steps of `[N, T, C]` sequences (Keras's `MaxPooling1D`): each window's
/// largest value, per channel; the gradient flows to the winning step. No parameters.
public final class MaxPool1D: WindowPooling1DLayer {
    public static let typeName = "MaxPool1D"
    /// The window's length, strides and padding.
    public let config: Pooling1DConfig
    public var geometry: WindowGeometry?
    public var layerState = LayerState()

    /// A layer with `config`'s settings, checked when it is built.
    /// - Parameter config: The window's length, strides and padding.
    public init(config: Pooling1DConfig) { self.config = config }

    public func pool(_ images: Variable, _ geometry: WindowGeometry) -> Variable { images.maxPool2d(geometry) }
}

/// Average pooling along the steps of `[N, T, C]` sequences (Keras's `AveragePooling1D`): each
/// window's mean, per channel (padding cells are not counted, as in Keras). No parameters.
public final class AvgPool1D: WindowPooling1DLayer {
    public static let typeName = "AvgPool1D"
    /// The window's length, strides and padding.
    public let config: Pooling1DConfig
    public var geometry: WindowGeometry?
    public var layerState = LayerState()

    /// A layer with `config`'s settings, checked when it is built.
    /// - Parameter config: The window's length, strides and padding.
    public init(config: Pooling1DConfig) { self.config = config }

    public func pool(_ images: Variable, _ geometry: WindowGeometry) -> Variable { images.avgPool2d(geometry) }
}

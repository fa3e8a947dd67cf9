import NeuronaAutograd
import NeuronaCore

/// A depthwise 2-D convolution over channels-last images (Keras's `DepthwiseConv2D`): each input
/// channel is convolved with its own `depthMultiplier` filters, never mixed with the others.
///
/// Concretely: `y[n, i, j, c·m + k] = activation(Σ_window x[n, ·, ·, c]·K[·, ·, c, k] + b[c·m + k])`
/// for channel `c` and its filter `k < m`, with the kernel `K` of shape `[kh, kw, channels, m]`
/// (checkpoint key `weight`, Keras's layout; `bias`, `[channels·m]`). The windows are
/// ``Conv2D``'s (`valid`/`same`, strides, dilation); the patches come from im2col and each
/// channel's sum is a weighted sum over its window, a per-channel product that no single matrix
/// product computes. With `m` filters per channel, the output has `channels·m` channels.
///
/// ```swift
/// let depthwise = DepthwiseConv2D(kernelSize: 3, padding: .same, depthMultiplier: 2)
/// try depthwise.build(inputShape: [28, 28, 8], seed: 1)   // → [28, 28, 16]
/// ```
///
/// ### See Also
/// - ``SeparableConv2D``, ``Conv2D``
public final class DepthwiseConv2D: ConfigurableLayer, StatefulLayer, RegularizedLayer {
    public static let typeName = "DepthwiseConv2D"

    /// The settings, as in JSON (`kernel_size`, `strides`, `padding`, `depth_multiplier`,
    /// `dilation_rate`, `activation`, `use_bias`, `depthwise_initializer`, `bias_initializer`,
    /// `depthwise_regularizer`, `bias_regularizer`).
    public struct Config: LayerConfig {
        /// The window's height and width.
        public var kernelSize: SizePair
        /// The step between windows.
        public var strides: SizePair
        /// `valid` (no padding) or `same` (output size ⌈input / stride⌉).
        public var padding: Padding
        /// The number of filters per input channel.
        public var depthMultiplier: Int
        /// The spacing between the window's taps (1: adjacent pixels).
        public var dilationRate: SizePair
        /// Applied to the output.
        public var activation: ActivationFunction
        /// Whether to add a bias.
        public var useBias: Bool
        /// How the kernel starts.
        public var depthwiseInitializer: Initializer
        /// How the bias starts.
        public var biasInitializer: Initializer
        /// The penalty on the kernel added to the loss in training (`nil`: none).
        public var depthwiseRegularizer: Regularizer?
        /// The penalty on the bias added to the loss in training (`nil`: none).
        public var biasRegularizer: Regularizer?
        public static let defaults = DepthwiseConv2D(kernelSize: 1).config
        public static let requiredKeys: Set<String> = ["kernel_size"]
        public func validate() throws {
            try DepthwiseWindow.validate(kernelSize: kernelSize, strides: strides, dilation: dilationRate, padding: padding)
            try requirePositive("depth_multiplier", depthMultiplier)
            try activation.requireRegistered()
            try depthwiseRegularizer?.validate("depthwise_regularizer")
            try biasRegularizer?.validate("bias_regularizer")
        }
    }

    /// The layer's settings.
    public let config: Config
    /// The kernel, `[kernelHeight, kernelWidth, channels, depthMultiplier]`, once built.
    public private(set) var weight: Variable?
    /// The bias, `[channels·depthMultiplier]`, once built (`nil` without `useBias`).
    public private(set) var bias: Variable?
    /// The window geometry for the built input size.
    public private(set) var geometry: WindowGeometry?
    public var layerState = LayerState()

    /// A layer with `config`'s settings, checked when it is built.
    /// - Parameter config: The window, padding, multiplier, activation, initializers and regularizers.
    public init(config: Config) { self.config = config }

    /// - Parameters:
    ///   - kernelSize: The window, e.g. 3 or `SizePair(3, 5)`.
    ///   - strides: The step between windows.
    ///   - padding: `valid` (no padding) or `same` (output ⌈input / stride⌉).
    ///   - depthMultiplier: The number of filters per input channel.
    ///   - dilation: The gap between the window's cells (`dilation_rate`).
    ///   - activation: Applied to the output.
    ///   - useBias: Whether to add a bias.
    ///   - depthwiseInitializer: How the kernel starts.
    ///   - biasInitializer: How the bias starts.
    ///   - depthwiseRegularizer: A penalty on the kernel added to the loss in training.
    ///   - biasRegularizer: A penalty on the bias added to the loss in training.
    public convenience init(kernelSize: SizePair, strides: SizePair = 1, padding: Padding = .valid, depthMultiplier: Int = 1,
                            dilation: SizePair = 1, activation: ActivationFunction = .linear, useBias: Bool = true,
                            depthwiseInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros,
                            depthwiseRegularizer: Regularizer? = nil, biasRegularizer: Regularizer? = nil) {
        self.init(config: Config(kernelSize: kernelSize, strides: strides, padding: padding, depthMultiplier: depthMultiplier,
                                 dilationRate: dilation, activation: activation, useBias: useBias, depthwiseInitializer: depthwiseInitializer,
                                 biasInitializer: biasInitializer, depthwiseRegularizer: depthwiseRegularizer, biasRegularizer: biasRegularizer))
    }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        try validate()
        let (k, m) = (config.kernelSize, config.depthMultiplier)
        let g = try DepthwiseWindow.geometry(inputShape, kernel: k, strides: config.strides, dilation: config.dilationRate,
                                             padding: config.padding, layer: Self.typeName)
        let channels = inputShape[2]
        let shape = [k.height, k.width, channels, m]
        try LayerLimits.check([shape] + (config.useBias ? [[channels * m]] : []), layer: Self.typeName)
        // Keras's fans for this kernel shape: in = kh·kw·channels, out = kh·kw·m.
        let (fanIn, fanOut) = (k.height * k.width * channels, k.height * k.width * m)
        weight = Variable(config.depthwiseInitializer.make(shape, fanIn: fanIn, fanOut: fanOut, generator: &generator), requiresGrad: true)
        bias = config.useBias
            ? Variable(config.biasInitializer.make([channels * m], fanIn: fanIn, fanOut: fanOut, generator: &generator), requiresGrad: true)
            : nil
        geometry = g
        return layerState.built(input: inputShape, output: [g.output.height, g.output.width, channels * m])
    }

    public func callAsFunction(_ input: Variable) -> Variable {
        guard let weight, let geometry else { preconditionFailed("\(LayerError.notBuilt(layer: Self.typeName))") }
        let y = DepthwiseWindow.convolve(input, weight, geometry)
        return config.activation(bias.map { y + $0 } ?? y)
    }

    public func namedParameters() -> [NamedParameter] { .existing(("weight", weight), ("bias", bias)) }

    /// The kernel's and the bias's penalties, summed; nil when neither has a regularizer.
    public func regularizationPenalty() -> Variable? {
        sumOfPenalties([config.depthwiseRegularizer.penalty(weight), config.biasRegularizer.penalty(bias)])
    }
}

/// What DepthwiseConv2D and SeparableConv2D share: their settings' checks, their window, and
/// the depthwise convolution itself.
enum DepthwiseWindow {
    /// Throws unless the window's sizes are positive and the padding is `valid` or `same`.
    static func validate(kernelSize: SizePair, strides: SizePair, dilation: SizePair, padding: Padding) throws {
        for (key, pair) in [("kernel_size", kernelSize), ("strides", strides), ("dilation_rate", dilation)] {
            try requireSetting(pair.isPositive, "\(key) must be positive, got \(pair)")
        }
        try padding.requireValidOrSame()
    }

    /// The window over images of `inputShape` ([height, width, channels]); throws naming
    /// `layer` when the images cannot take it.
    static func geometry(_ inputShape: [Int], kernel k: SizePair, strides: SizePair, dilation d: SizePair, padding: Padding,
                         layer: String) throws -> WindowGeometry {
        guard inputShape.count == 3, inputShape.allSatisfy({ $0 > 0 }) else {
            throw LayerError.incompatibleInputShape(layer: layer, expected: "[height, width, channels]", got: inputShape)
        }
        let span = ((k.height - 1) * d.height + 1, (k.width - 1) * d.width + 1)
        if padding == .valid && (inputShape[0] < span.0 || inputShape[1] < span.1) {
            throw LayerError.incompatibleInputShape(layer: layer, expected: "images of at least \(span.0)×\(span.1) for a \(k.height)×\(k.width) kernel", got: inputShape)
        }
        return WindowGeometry(input: (inputShape[0], inputShape[1]), kernel: k.tuple, strides: strides.tuple, dilation: d.tuple,
                              same: padding == .same)
    }

    /// Each channel of `images` `[N, H, W, C]` convolved with its `m` filters of `kernel`
    /// `[KH, KW, C, m]`: `[N, OH, OW, C·m]`, channel `c·m + k` from filter `k` of channel `c`.
    /// Made of differentiable ops (im2col, a broadcast product, a sum), so its gradients are theirs.
    static func convolve(_ images: Variable, _ kernel: Variable, _ g: WindowGeometry) -> Variable {
        let (n, channels, m) = (images.shape[0], images.shape[3], kernel.shape[3])
        let cells = g.kernel.height * g.kernel.width
        let positions = n * g.output.height * g.output.width
        let patches = images.im2col(g).reshaped([positions, cells, channels, 1])
        let sums = (patches * kernel.reshaped([1, cells, channels, m])).sum(axes: [1])
        return sums.reshaped([n, g.output.height, g.output.width, channels * m])
    }
}

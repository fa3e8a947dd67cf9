import NeuronaAutograd
import NeuronaCore

/// A depthwise-separable 2-D convolution (Keras's `SeparableConv2D`, MobileNet's and Xception's
/// block): a ``DepthwiseConv2D`` (each channel filtered on its own, `depthMultiplier` filters
/// each) followed by a 1×1 convolution that mixes the channels into `filters` outputs, with far
/// fewer weights than a ``Conv2D`` of the same window.
///
/// Concretely: `y = activation(pointwise(depthwise(x, D), P) + b)`, with the depthwise kernel `D`
/// `[kh, kw, channels, m]` (checkpoint key `depthwise_weight`), the pointwise kernel `P`
/// `[1, 1, channels·m, filters]` (key `pointwise_weight`, Keras's layout) and `b` `[filters]`
/// (key `bias`). The pointwise step is one BLAS matrix product over every pixel.
///
/// ```swift
/// let separable = SeparableConv2D(filters: 32, kernelSize: 3, padding: .same, activation: .relu)
/// try separable.build(inputShape: [28, 28, 16], seed: 1)   // → [28, 28, 32]
/// ```
public final class SeparableConv2D: ConfigurableLayer, StatefulLayer, RegularizedLayer {
    public static let typeName = "SeparableConv2D"

    /// The settings, as in JSON (`filters`, `kernel_size`, `strides`, `padding`,
    /// `depth_multiplier`, `dilation_rate`, `activation`, `use_bias`, `depthwise_initializer`,
    /// `pointwise_initializer`, `bias_initializer`, `depthwise_regularizer`,
    /// `pointwise_regularizer`, `bias_regularizer`).
    public struct Config: LayerConfig {
        /// The number of output channels.
        public var filters: Int
        /// The depthwise window's height and width.
        public var kernelSize: SizePair
        /// The step between windows.
        public var strides: SizePair
        /// `valid` (no padding) or `same` (output size ⌈input / stride⌉).
        public var padding: Padding
        /// The number of depthwise filters per input channel.
        public var depthMultiplier: Int
        /// The spacing between the window's taps (1: adjacent pixels).
        public var dilationRate: SizePair
        /// Applied to the output.
        public var activation: ActivationFunction
        /// Whether to add a bias.
        public var useBias: Bool
        /// How the depthwise kernel starts.
        public var depthwiseInitializer: Initializer
        /// How the pointwise kernel starts.
        public var pointwiseInitializer: Initializer
        /// How the bias starts.
        public var biasInitializer: Initializer
        /// The penalty on the depthwise kernel added to the loss in training (`nil`: none).
        public var depthwiseRegularizer: Regularizer?
        /// The penalty on the pointwise kernel added to the loss in training (`nil`: none).
        public var pointwiseRegularizer: Regularizer?
        /// The penalty on the bias added to the loss in training (`nil`: none).
        public var biasRegularizer: Regularizer?
        public static let defaults = SeparableConv2D(filters: 1, kernelSize: 1).config
        public static let requiredKeys: Set<String> = ["filters", "kernel_size"]
        public func validate() throws {
            try requirePositive("filters", filters)
            try DepthwiseWindow.validate(kernelSize: kernelSize, strides: strides, dilation: dilationRate, padding: padding)
            try requirePositive("depth_multiplier", depthMultiplier)
            try activation.requireRegistered()
            try depthwiseRegularizer?.validate("depthwise_regularizer")
            try pointwiseRegularizer?.validate("pointwise_regularizer")
            try biasRegularizer?.validate("bias_regularizer")
        }
    }

    /// The layer's settings.
    public let config: Config
    /// The depthwise kernel, `[kernelHeight, kernelWidth, channels, depthMultiplier]`, once built.
    public private(set) var depthwiseWeight: Variable?
    /// The pointwise kernel, `[1, 1, channels·depthMultiplier, filters]`, once built.
    public private(set) var pointwiseWeight: Variable?
    /// The bias, `[filters]`, once built (`nil` without `useBias`).
    public private(set) var bias: Variable?
    /// The depthwise window for the built input size.
    public private(set) var geometry: WindowGeometry?
    public var layerState = LayerState()

    /// A layer with `config`'s settings, checked when it is built.
    /// - Parameter config: The filters, window, padding, multiplier, activation, initializers and regularizers.
    public init(config: Config) { self.config = config }

    /// - Parameters:
    ///   - filters: The number of output channels.
    ///   - kernelSize: The depthwise window, e.g. 3 or `SizePair(3, 5)`.
    ///   - strides: The step between windows.
    ///   - padding: `valid` (no padding) or `same` (output ⌈input / stride⌉).
    ///   - depthMultiplier: The number of depthwise filters per input channel.
    ///   - dilation: The gap between the window's cells (`dilation_rate`).
    ///   - activation: Applied to the output.
    ///   - useBias: Whether to add a bias.
    ///   - depthwiseInitializer: How the depthwise kernel starts.
    ///   - pointwiseInitializer: How the pointwise kernel starts.
    ///   - biasInitializer: How the bias starts.
    ///   - depthwiseRegularizer: A penalty on the depthwise kernel added to the loss in training.
    ///   - pointwiseRegularizer: A penalty on the pointwise kernel added to the loss in training.
    ///   - biasRegularizer: A penalty on the bias added to the loss in training.
    public convenience init(filters: Int, kernelSize: SizePair, strides: SizePair = 1, padding: Padding = .valid,
                            depthMultiplier: Int = 1, dilation: SizePair = 1, activation: ActivationFunction = .linear,
                            useBias: Bool = true, depthwiseInitializer: Initializer = .glorotUniform,
                            pointwiseInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros,
                            depthwiseRegularizer: Regularizer? = nil, pointwiseRegularizer: Regularizer? = nil,
                            biasRegularizer: Regularizer? = nil) {
        self.init(config: Config(filters: filters, kernelSize: kernelSize, strides: strides, padding: padding, depthMultiplier: depthMultiplier,
                                 dilationRate: dilation, activation: activation, useBias: useBias, depthwiseInitializer: depthwiseInitializer,
                                 pointwiseInitializer: pointwiseInitializer, biasInitializer: biasInitializer,
                                 depthwiseRegularizer: depthwiseRegularizer, pointwiseRegularizer: pointwiseRegularizer,
                                 biasRegularizer: biasRegularizer))
    }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        try validate()
        let (k, m, filters) = (config.kernelSize, config.depthMultiplier, config.filters)
        let g = try DepthwiseWindow.geometry(inputShape, kernel: k, strides: config.strides, dilation: config.dilationRate,
                                             padding: config.padding, layer: Self.typeName)
        let channels = inputShape[2]
        let (depthwiseShape, pointwiseShape) = ([k.height, k.width, channels, m], [1, 1, channels * m, filters])
        try LayerLimits.check([depthwiseShape, pointwiseShape] + (config.useBias ? [[filters]] : []), layer: Self.typeName)
        // Keras's fans for each kernel's shape (in: all but the last axis; out: all but the second-to-last).
        depthwiseWeight = Variable(config.depthwiseInitializer.make(depthwiseShape, fanIn: k.height * k.width * channels,
                                                                    fanOut: k.height * k.width * m, generator: &generator), requiresGrad: true)
        pointwiseWeight = Variable(config.pointwiseInitializer.make(pointwiseShape, fanIn: channels * m, fanOut: filters, generator: &generator),
                                   requiresGrad: true)
        bias = config.useBias
            ? Variable(config.biasInitializer.make([filters], fanIn: channels * m, fanOut: filters, generator: &generator), requiresGrad: true)
            : nil
        geometry = g
        return layerState.built(input: inputShape, output: [g.output.height, g.output.width, filters])
    }

    public func callAsFunction(_ input: Variable) -> Variable {
        guard let depthwiseWeight, let pointwiseWeight, let geometry, let output = outputShape else {
            preconditionFailed("\(LayerError.notBuilt(layer: Self.typeName))")
        }
        let depthwise = DepthwiseWindow.convolve(input, depthwiseWeight, geometry)
        let (n, mixed) = (input.shape[0], pointwiseWeight.shape[2])
        // The 1×1 convolution: every pixel's channels times P, one matrix product.
        let pixels = depthwise.reshaped([n * output[0] * output[1], mixed])
        let kernel = pointwiseWeight.reshaped([mixed, config.filters])
        let y = (bias.map { Variable.affine(pixels, kernel, $0) } ?? pixels.matmul(kernel)).reshaped([n] + output)
        return config.activation(y)
    }

    public func namedParameters() -> [NamedParameter] {
        .existing(("depthwise_weight", depthwiseWeight), ("pointwise_weight", pointwiseWeight), ("bias", bias))
    }

    /// The kernels' and the bias's penalties, summed; nil when none has a regularizer.
    public func regularizationPenalty() -> Variable? {
        sumOfPenalties([config.depthwiseRegularizer.penalty(depthwiseWeight), config.pointwiseRegularizer.penalty(pointwiseWeight),
                        config.biasRegularizer.penalty(bias)])
    }
}

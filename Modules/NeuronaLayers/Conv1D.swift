import NeuronaAutograd
import NeuronaCore

/// A 1-D convolution over sequences `[batch, steps, channels]` (Keras's `Conv1D`).
///
/// Concretely: `y[n, t] = activation(Σ_k x[n, t·stride + k·dilation − pad]·K[k] + b)`, with the
/// kernel `K` of shape `[kernelSize, channels, filters]` (checkpoint key `weight`; `bias`,
/// `[filters]`). Padding `valid` keeps the window inside the sequence, `same` pads so that the
/// output has ⌈steps / stride⌉ steps (the odd cell after, as TensorFlow), and `causal` puts all
/// `(kernelSize − 1)·dilation` padding cells before the sequence, so that output step `t` sees
/// input steps up to `t` only (WaveNet's convolution). Computed as ``Conv2D`` computes it (im2col
/// and a BLAS matrix product, or the direct kernels), on the sequence seen as an image one row high.
///
/// ```swift
/// let conv = Conv1D(filters: 16, kernelSize: 3, padding: .causal, activation: .relu)
/// try conv.build(inputShape: [100, 8], seed: 1)   // → [100, 16]
/// ```
///
/// ### See Also
/// - ``MaxPool1D``, ``AvgPool1D``, ``GlobalMaxPooling1D``, ``GlobalAveragePooling1D``
public final class Conv1D: KernelLayer, StatefulLayer {
    public static let typeName = "Conv1D"

    /// The settings, as in JSON (`filters`, `kernel_size`, `strides`, `padding`, `dilation_rate`,
    /// `activation`, `use_bias`, `kernel_initializer`, `bias_initializer`, `kernel_regularizer`, `bias_regularizer`).
    public struct Config: KernelLayerConfig {
        /// The number of filters, the output's channels.
        public var filters: Int
        /// The window's length in steps.
        public var kernelSize: Int
        /// The step between windows.
        public var strides: Int
        /// `valid` (no padding), `same` (output ⌈steps / stride⌉) or `causal` (padding before only).
        public var padding: Padding
        /// The spacing between the window's taps (1: adjacent steps).
        public var dilationRate: Int
        /// Applied to the convolution's output.
        public var activation: ActivationFunction
        /// Whether to add a bias.
        public var useBias: Bool
        /// How the kernel starts.
        public var kernelInitializer: Initializer
        /// How the bias starts.
        public var biasInitializer: Initializer
        /// The penalty on the kernel added to the loss in training (`nil`: none).
        public var kernelRegularizer: Regularizer?
        /// The penalty on the bias added to the loss in training (`nil`: none).
        public var biasRegularizer: Regularizer?
        public static let defaults = Conv1D(filters: 1, kernelSize: 1).config
        public static let requiredKeys: Set<String> = ["filters", "kernel_size"]
        public func validate() throws {
            try requirePositive("filters", filters)
            try requirePositive("kernel_size", kernelSize)
            try requirePositive("strides", strides)
            try requirePositive("dilation_rate", dilationRate)
            try activation.requireRegistered()
            try validateRegularizers()
        }
    }

    /// The layer's settings.
    public let config: Config
    /// The filters, `[kernelSize, inputChannels, filters]`, once built.
    public private(set) var weight: Variable?
    /// The bias, `[filters]`, once built (`nil` without `useBias`).
    public private(set) var bias: Variable?
    /// The window over the sequence seen as a one-row image, for the built input length.
    public private(set) var geometry: WindowGeometry?
    public var layerState = LayerState()
    /// The scratch memory for the patch matrices, kept from one call to the next.
    let patchWorkspace = TensorWorkspace()

    /// A layer with `config`'s settings, checked when it is built.
    /// - Parameter config: The filters, window, padding, activation and initializers.
    public init(config: Config) { self.config = config }

    /// - Parameters:
    ///   - filters: The number of output channels.
    ///   - kernelSize: The window's length in steps.
    ///   - strides: The step between windows.
    ///   - padding: `valid` (no padding), `same` (output ⌈steps / stride⌉) or `causal` (padding
    ///     before the sequence only).
    ///   - dilation: The gap between the window's taps (`dilation_rate`).
    ///   - activation: Applied to `conv(x, K) + b`.
    ///   - useBias: Whether to add `b`.
    ///   - kernelInitializer: How `K` starts.
    ///   - biasInitializer: How `b` starts.
    ///   - kernelRegularizer: A penalty on the kernel added to the loss in training.
    ///   - biasRegularizer: A penalty on the bias added to the loss in training.
    public convenience init(filters: Int, kernelSize: Int, strides: Int = 1, padding: Padding = .valid, dilation: Int = 1,
                            activation: ActivationFunction = .linear, useBias: Bool = true,
                            kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros,
                            kernelRegularizer: Regularizer? = nil, biasRegularizer: Regularizer? = nil) {
        self.init(config: Config(filters: filters, kernelSize: kernelSize, strides: strides, padding: padding, dilationRate: dilation,
                                 activation: activation, useBias: useBias, kernelInitializer: kernelInitializer, biasInitializer: biasInitializer,
                                 kernelRegularizer: kernelRegularizer, biasRegularizer: biasRegularizer))
    }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        try validate()
        let (k, d, filters) = (config.kernelSize, config.dilationRate, config.filters)
        guard inputShape.count == 2, inputShape.allSatisfy({ $0 > 0 }) else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "[steps, channels]", got: inputShape)
        }
        let span = (k - 1) * d + 1
        if config.padding == .valid && inputShape[0] < span {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "sequences of at least \(span) steps for a kernel of \(k) (dilation \(d))", got: inputShape)
        }
        (weight, bias) = try config.makeKernelAndBias([k, inputShape[1], filters], layer: Self.typeName, generator: &generator)
        var g = WindowGeometry(input: (1, inputShape[0]), kernel: (1, k), strides: (1, config.strides), dilation: (1, d),
                               same: config.padding != .valid)
        // Causal: the same output length as `same` (⌈steps / stride⌉), all the padding before.
        if config.padding == .causal { g.padding.left = (k - 1) * d }
        geometry = g
        return layerState.built(input: inputShape, output: [g.output.width, filters])
    }

    public func callAsFunction(_ input: Variable) -> Variable {
        guard let weight, let geometry else { preconditionFailed("\(LayerError.notBuilt(layer: Self.typeName))") }
        let (n, channels, filters) = (input.shape[0], input.shape[2], config.filters)
        let image = input.reshaped([n, 1, input.shape[1], channels])
        let kernel = weight.reshaped([1, config.kernelSize, channels, filters])
        let relu = config.activation == .relu   // computed inside the convolution's pass, as Conv2D does
        let y = image.conv2d(kernel, geometry, bias: bias, relu: relu, workspace: patchWorkspace).reshaped([n, geometry.output.width, filters])
        return relu ? y : config.activation(y)
    }

    public func namedParameters() -> [NamedParameter] { .existing(("weight", weight), ("bias", bias)) }
}

import NeuronaAutograd
import NeuronaCore
import NeuronaRegistry

/// A 2-D convolution over channels-last images `[batch, height, width, channels]` (as Keras).
///
/// Concretely: `y = activation(conv(x, K) + b)`, where each output pixel is the sum over a
/// `kernelSize` window of `x` times the kernel `K` of shape `[kh, kw, channels, filters]`
/// (checkpoint key `weight`; `bias`, `[filters]`). Computed as im2col and a BLAS matrix product
/// a few images at a time (`Tensor.conv2d`); the patch matrices live in a `TensorWorkspace`
/// the layer keeps, reused from one call and one training step to the next. Float32 images with
/// at most four channels (a first layer) are read in place by direct kernels instead. A relu
/// activation is computed inside that pass, and its mask inside the backward pass.
///
/// ```swift
/// let conv = Conv2D(filters: 32, kernelSize: 3, activation: .relu)
/// try conv.build(inputShape: [28, 28, 1], seed: 1)   // → [26, 26, 32]
/// ```
///
/// ### See Also
/// - ``MaxPool2D``, ``AvgPool2D``, ``GlobalAveragePooling2D``
public final class Conv2D: KernelLayer, StatefulLayer {
    public static let typeName = "Conv2D"

    /// The settings, as in JSON (`filters`, `kernel_size`, `strides`, `padding`, `dilation_rate`,
    /// `activation`, `use_bias`, `kernel_initializer`, `bias_initializer`, `kernel_regularizer`, `bias_regularizer`).
    public struct Config: KernelLayerConfig {
        /// The number of filters, the output's channels.
        public var filters: Int
        /// The filter's height and width.
        public var kernelSize: SizePair
        /// The step between windows.
        public var strides: SizePair
        /// `valid` (no padding) or `same` (output size ⌈input / stride⌉).
        public var padding: Padding
        /// The spacing between the filter's taps (1: adjacent pixels).
        public var dilationRate: SizePair
        /// Applied to the convolution's output.
        public var activation: ActivationFunction
        public var useBias: Bool
        public var kernelInitializer: Initializer
        public var biasInitializer: Initializer
        /// The penalty on the kernel added to the loss in training (`nil`: none).
        public var kernelRegularizer: Regularizer?
        /// The penalty on the bias added to the loss in training (`nil`: none).
        public var biasRegularizer: Regularizer?
        public static let defaults = Conv2D(filters: 1, kernelSize: 1).config
        public static let requiredKeys: Set<String> = ["filters", "kernel_size"]
        public func validate() throws {
            try requirePositive("filters", filters)
            for (key, pair) in [("kernel_size", kernelSize), ("strides", strides), ("dilation_rate", dilationRate)] {
                try requireSetting(pair.isPositive, "\(key) must be positive, got \(pair)")
            }
            try padding.requireValidOrSame()
            try activation.requireRegistered()
            try validateRegularizers()
        }
    }

    /// The layer's settings.
    public let config: Config
    /// The filters, `[kernelHeight, kernelWidth, inputChannels, filters]`, once built.
    public private(set) var weight: Variable?
    /// The bias, `[filters]`, once built (`nil` without `useBias`).
    public private(set) var bias: Variable?
    /// The window geometry for the built input size.
    public private(set) var geometry: WindowGeometry?
    public var layerState = LayerState()
    /// The scratch memory for the patch matrices, kept from one call to the next.
    let patchWorkspace = TensorWorkspace()

    /// A layer with `config`'s settings, checked when it is built.
    /// - Parameter config: The filters, window, padding, activation and initializers.
    public init(config: Config) { self.config = config }

    /// - Parameters:
    ///   - filters: The number of output channels.
    ///   - kernelSize: The window, e.g. 3 or `SizePair(3, 5)`.
    ///   - strides: The step between windows.
    ///   - padding: `valid` (no padding) or `same` (output ⌈input / stride⌉).
    ///   - dilation: The gap between the window's cells (`dilation_rate`).
    ///   - activation: Applied to `conv(x, K) + b`.
    ///   - useBias: Whether to add `b`.
    ///   - kernelInitializer: How `K` starts.
    ///   - biasInitializer: How `b` starts.
    ///   - kernelRegularizer: A penalty on the kernel added to the loss in training.
    ///   - biasRegularizer: A penalty on the bias added to the loss in training.
    public convenience init(filters: Int, kernelSize: SizePair, strides: SizePair = 1, padding: Padding = .valid, dilation: SizePair = 1,
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
        guard inputShape.count == 3, inputShape.allSatisfy({ $0 > 0 }) else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "[height, width, channels]", got: inputShape)
        }
        let span = ((k.height - 1) * d.height + 1, (k.width - 1) * d.width + 1)
        if config.padding == .valid && (inputShape[0] < span.0 || inputShape[1] < span.1) {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "images of at least \(span.0)×\(span.1) for a \(k.height)×\(k.width) kernel", got: inputShape)
        }
        (weight, bias) = try config.makeKernelAndBias([k.height, k.width, inputShape[2], filters], layer: Self.typeName, generator: &generator)
        let g = WindowGeometry(input: (inputShape[0], inputShape[1]), kernel: k.tuple, strides: config.strides.tuple,
                               dilation: d.tuple, same: config.padding == .same)
        geometry = g
        return layerState.built(input: inputShape, output: [g.output.height, g.output.width, filters])
    }

    public func callAsFunction(_ input: Variable) -> Variable {
        guard let weight, let geometry else { preconditionFailed("\(LayerError.notBuilt(layer: Self.typeName))") }
        // relu is computed inside the convolution's pass (and its mask inside the backward's).
        if config.activation == .relu {
            return input.conv2d(weight, geometry, bias: bias, relu: true, workspace: patchWorkspace)
        }
        return config.activation(input.conv2d(weight, geometry, bias: bias, workspace: patchWorkspace))
    }

    public func namedParameters() -> [NamedParameter] { .existing(("weight", weight), ("bias", bias)) }
}

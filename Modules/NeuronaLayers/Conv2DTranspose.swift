import NeuronaAutograd
import NeuronaCore

/// A transposed 2-D convolution over channels-last images (Keras's `Conv2DTranspose`, sometimes
/// called a deconvolution): the map whose matrix is a ``Conv2D``'s transposed, so that strides
/// enlarge the image instead of shrinking it. An autoencoder's decoder uses it to go back up.
///
/// Concretely: each input pixel `x[n, i, j]` adds `x[n, i, j]·K[:, :, :, ·]ᵀ` (a `kernelSize`
/// patch of `filters` channels) onto the output at `(i·stride, j·stride)`, then the bias and the
/// activation. The kernel `K` is `[kh, kw, filters, inputChannels]` (Keras's layout; checkpoint
/// key `weight`; `bias`, `[filters]`). Output size: `valid` gives `(input − 1)·stride + kernel`,
/// `same` gives `input·stride` (TensorFlow's rule: the full output cropped by `max(kernel −
/// stride, 0)` cells, the smaller half before). Computed as a convolution's input gradient (a
/// BLAS matrix product and col2im), whose own gradients are a convolution and a kernel gradient.
///
/// ```swift
/// let up = Conv2DTranspose(filters: 16, kernelSize: 3, strides: 2, padding: .same, activation: .relu)
/// try up.build(inputShape: [7, 7, 32], seed: 1)   // → [14, 14, 16]
/// ```
public final class Conv2DTranspose: KernelLayer, StatefulLayer {
    public static let typeName = "Conv2DTranspose"

    /// The settings, as in JSON (`filters`, `kernel_size`, `strides`, `padding`, `activation`,
    /// `use_bias`, `kernel_initializer`, `bias_initializer`, `kernel_regularizer`, `bias_regularizer`).
    public struct Config: KernelLayerConfig {
        /// The number of filters, the output's channels.
        public var filters: Int
        /// The filter's height and width.
        public var kernelSize: SizePair
        /// The enlargement: the step between the patches input pixels write.
        public var strides: SizePair
        /// `valid` (output `(input − 1)·stride + kernel`) or `same` (output `input·stride`).
        public var padding: Padding
        /// Applied to the output.
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
        public static let defaults = Conv2DTranspose(filters: 1, kernelSize: 1).config
        public static let requiredKeys: Set<String> = ["filters", "kernel_size"]
        public func validate() throws {
            try requirePositive("filters", filters)
            for (key, pair) in [("kernel_size", kernelSize), ("strides", strides)] {
                try requireSetting(pair.isPositive, "\(key) must be positive, got \(pair)")
            }
            try padding.requireValidOrSame()
            try activation.requireRegistered()
            try validateRegularizers()
        }
    }

    /// The layer's settings.
    public let config: Config
    /// The filters, `[kernelHeight, kernelWidth, filters, inputChannels]`, once built.
    public private(set) var weight: Variable?
    /// The bias, `[filters]`, once built (`nil` without `useBias`).
    public private(set) var bias: Variable?
    /// The window of the convolution this layer transposes (from the output's size to the input's).
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
    ///   - strides: The enlargement factor.
    ///   - padding: `valid` (output `(input − 1)·stride + kernel`) or `same` (output `input·stride`).
    ///   - activation: Applied to the output.
    ///   - useBias: Whether to add a bias.
    ///   - kernelInitializer: How the kernel starts.
    ///   - biasInitializer: How the bias starts.
    ///   - kernelRegularizer: A penalty on the kernel added to the loss in training.
    ///   - biasRegularizer: A penalty on the bias added to the loss in training.
    public convenience init(filters: Int, kernelSize: SizePair, strides: SizePair = 1, padding: Padding = .valid,
                            activation: ActivationFunction = .linear, useBias: Bool = true,
                            kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros,
                            kernelRegularizer: Regularizer? = nil, biasRegularizer: Regularizer? = nil) {
        self.init(config: Config(filters: filters, kernelSize: kernelSize, strides: strides, padding: padding,
                                 activation: activation, useBias: useBias, kernelInitializer: kernelInitializer, biasInitializer: biasInitializer,
                                 kernelRegularizer: kernelRegularizer, biasRegularizer: biasRegularizer))
    }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        try validate()
        let (k, s, filters) = (config.kernelSize, config.strides, config.filters)
        guard inputShape.count == 3, inputShape.allSatisfy({ $0 > 0 }) else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "[height, width, channels]", got: inputShape)
        }
        let rows = config.padding == .same ? inputShape[0].multipliedReportingOverflow(by: s.height)
                                           : (inputShape[0] - 1).multipliedReportingOverflow(by: s.height)
        let columns = config.padding == .same ? inputShape[1].multipliedReportingOverflow(by: s.width)
                                              : (inputShape[1] - 1).multipliedReportingOverflow(by: s.width)
        guard !rows.overflow, !columns.overflow, rows.partialValue < Int.max / 2, columns.partialValue < Int.max / 2 else {
            throw LayerError.invalidConfig(layer: Self.typeName, message: "strides \(s) make images of \(inputShape) too large")
        }
        let size = config.padding == .same ? (rows.partialValue, columns.partialValue)
                                           : (rows.partialValue + k.height, columns.partialValue + k.width)
        let kernelShape = [k.height, k.width, filters, inputShape[2]]
        try LayerLimits.check([kernelShape] + (config.useBias ? [[filters]] : []), layer: Self.typeName)
        // Fans as Keras computes them from the kernel's shape (fan in: all but the last axis;
        // fan out: all but the second-to-last), although the roles of the two channel axes swap
        // in a transposed convolution: the same initial weights as Keras's.
        let (fanIn, fanOut) = (k.height * k.width * filters, k.height * k.width * inputShape[2])
        weight = Variable(config.kernelInitializer.make(kernelShape, fanIn: fanIn, fanOut: fanOut, generator: &generator), requiresGrad: true)
        bias = config.useBias
            ? Variable(config.biasInitializer.make([filters], fanIn: fanIn, fanOut: fanOut, generator: &generator), requiresGrad: true) : nil
        let g = WindowGeometry(input: size, kernel: k.tuple, strides: s.tuple, same: config.padding == .same)
        geometry = g
        return layerState.built(input: inputShape, output: [size.0, size.1, filters])
    }

    public func callAsFunction(_ input: Variable) -> Variable {
        guard let weight, let geometry, let output = outputShape else { preconditionFailed("\(LayerError.notBuilt(layer: Self.typeName))") }
        let y = input.conv2dInputGradient(weight, geometry, imageShape: [input.shape[0]] + output, workspace: patchWorkspace)
        return config.activation(bias.map { y + $0 } ?? y)
    }

    public func namedParameters() -> [NamedParameter] { .existing(("weight", weight), ("bias", bias)) }
}

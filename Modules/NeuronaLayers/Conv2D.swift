import NeuronaAutograd
import NeuronaCore

/// A 2-D convolution over channels-last images `[batch, height, width, channels]` (as Keras).
///
/// Concretely: `y = activation(conv(x, K) + b)`, where each output pixel is the sum over a
/// `kernelSize` window of `x` times the kernel `K` of shape `[kh, kw, channels, filters]`
/// (checkpoint key `weight`; `bias`, `[filters]`). Computed as im2col and a BLAS matrix product
/// a few images at a time (`Tensor.conv2d`); the patch matrices live in ``patchWorkspace``,
/// reused from one call and one training step to the next.
///
/// - Parameters:
///   - filters: The number of output channels.
///   - kernelSize: The window, e.g. 3 or `SizePair(3, 5)`.
///   - strides: The step between windows (1).
///   - padding: `valid` (no padding) or `same` (output ⌈input / stride⌉).
///   - dilation: The gap between the window's cells (1).
///
/// ```swift
/// let conv = Conv2D(filters: 32, kernelSize: 3, activation: .relu)
/// try conv.build(inputShape: [28, 28, 1], seed: 1)   // → [26, 26, 32]
/// ```
///
/// ### See Also
/// - ``MaxPool2D``, ``AvgPool2D``, ``GlobalAveragePooling2D``
public final class Conv2D: ConfigurableLayer, StatefulLayer {
    public static let typeName = "Conv2D"

    public let filters: Int
    public let kernelSize: SizePair
    public let strides: SizePair
    public let padding: Padding
    public let dilation: SizePair
    public let activation: ActivationFunction
    public let useBias: Bool
    public let kernelInitializer: Initializer
    public let biasInitializer: Initializer

    public private(set) var weight: Variable?
    public private(set) var bias: Variable?
    /// The window geometry for the built input size.
    public private(set) var geometry: WindowGeometry?
    public var layerState = LayerState()
    /// The scratch memory for the patch matrices, kept from one call to the next.
    public let patchWorkspace = TensorWorkspace()

    public init(filters: Int, kernelSize: SizePair, strides: SizePair = 1, padding: Padding = .valid, dilation: SizePair = 1,
                activation: ActivationFunction = .linear, useBias: Bool = true,
                kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros) {
        precondition(filters > 0 && kernelSize.isPositive && strides.isPositive && dilation.isPositive,
                     "Conv2D: filters, kernel size, strides and dilation must be positive")
        self.filters = filters
        self.kernelSize = kernelSize
        self.strides = strides
        self.padding = padding
        self.dilation = dilation
        self.activation = activation
        self.useBias = useBias
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
    }

    public struct Config: Codable, Equatable {
        public var filters: Int
        public var kernelSize: SizePair
        public var strides: SizePair = 1
        public var padding: Padding = .valid
        public var dilation: SizePair = 1
        public var activation: ActivationFunction = .linear
        public var useBias = true
        public var kernelInitializer: Initializer = .glorotUniform
        public var biasInitializer: Initializer = .zeros

        enum CodingKeys: String, CodingKey {
            case filters, kernelSize = "kernel_size", strides, padding, dilation = "dilation_rate", activation
            case useBias = "use_bias", kernelInitializer = "kernel_initializer", biasInitializer = "bias_initializer"
        }

        public init(filters: Int, kernelSize: SizePair, strides: SizePair, padding: Padding, dilation: SizePair,
                    activation: ActivationFunction, useBias: Bool, kernelInitializer: Initializer, biasInitializer: Initializer) {
            self.filters = filters
            self.kernelSize = kernelSize
            self.strides = strides
            self.padding = padding
            self.dilation = dilation
            self.activation = activation
            self.useBias = useBias
            self.kernelInitializer = kernelInitializer
            self.biasInitializer = biasInitializer
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            filters = try c.decode(Int.self, forKey: .filters)
            kernelSize = try c.decode(SizePair.self, forKey: .kernelSize)
            strides = try c.decodeIfPresent(SizePair.self, forKey: .strides) ?? 1
            padding = try c.decodeIfPresent(Padding.self, forKey: .padding) ?? .valid
            dilation = try c.decodeIfPresent(SizePair.self, forKey: .dilation) ?? 1
            activation = try c.decodeIfPresent(ActivationFunction.self, forKey: .activation) ?? .linear
            useBias = try c.decodeIfPresent(Bool.self, forKey: .useBias) ?? true
            kernelInitializer = try c.decodeIfPresent(Initializer.self, forKey: .kernelInitializer) ?? .glorotUniform
            biasInitializer = try c.decodeIfPresent(Initializer.self, forKey: .biasInitializer) ?? .zeros
        }
    }

    public convenience init(config: Config) throws {
        guard config.filters > 0, config.kernelSize.isPositive, config.strides.isPositive, config.dilation.isPositive else {
            throw LayerError.invalidConfig(layer: Self.typeName, message: "filters, kernel_size, strides and dilation_rate must be positive")
        }
        self.init(filters: config.filters, kernelSize: config.kernelSize, strides: config.strides, padding: config.padding,
                  dilation: config.dilation, activation: config.activation, useBias: config.useBias,
                  kernelInitializer: config.kernelInitializer, biasInitializer: config.biasInitializer)
    }

    public var config: Config {
        Config(filters: filters, kernelSize: kernelSize, strides: strides, padding: padding, dilation: dilation,
               activation: activation, useBias: useBias, kernelInitializer: kernelInitializer, biasInitializer: biasInitializer)
    }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        guard inputShape.count == 3, inputShape.allSatisfy({ $0 > 0 }) else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "[height, width, channels]", got: inputShape)
        }
        let span = ((kernelSize.height - 1) * dilation.height + 1, (kernelSize.width - 1) * dilation.width + 1)
        if padding == .valid && (inputShape[0] < span.0 || inputShape[1] < span.1) {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "images of at least \(span.0)×\(span.1) for a \(kernelSize.height)×\(kernelSize.width) kernel", got: inputShape)
        }
        let g = WindowGeometry(input: (inputShape[0], inputShape[1]), kernel: kernelSize.tuple, strides: strides.tuple,
                               dilation: dilation.tuple, same: padding == .same)
        let channels = inputShape[2]
        let cells = kernelSize.height * kernelSize.width
        weight = Variable(kernelInitializer.make([kernelSize.height, kernelSize.width, channels, filters],
                                                 fanIn: cells * channels, fanOut: cells * filters, generator: &generator),
                          requiresGrad: true)
        bias = useBias ? Variable(biasInitializer.make([filters], fanIn: cells * channels, fanOut: cells * filters, generator: &generator),
                                  requiresGrad: true) : nil
        geometry = g
        layerState.inputShape = inputShape
        layerState.outputShape = [g.output.height, g.output.width, filters]
        return layerState.outputShape!
    }

    public func callAsFunction(_ input: Variable) -> Variable {
        guard let weight, let geometry else { preconditionFailure("\(LayerError.notBuilt(layer: Self.typeName))") }
        return activation(input.conv2d(weight, geometry, bias: bias, workspace: patchWorkspace))
    }

    public func namedParameters() -> [NamedParameter] {
        var result: [NamedParameter] = []
        if let weight { result.append(NamedParameter("weight", weight)) }
        if let bias { result.append(NamedParameter("bias", bias)) }
        return result
    }

}

import NeuronaAutograd
import NeuronaCore

/// The settings of a layer with a kernel and an optional bias (Dense, Conv2D).
public protocol KernelLayerConfig: LayerConfig {
    /// Whether the layer adds a bias.
    var useBias: Bool { get }
    /// How the kernel starts.
    var kernelInitializer: Initializer { get }
    /// How the bias starts.
    var biasInitializer: Initializer { get }
    /// The penalty on the kernel added to the loss in training, if any.
    var kernelRegularizer: Regularizer? { get }
    /// The penalty on the bias added to the loss in training, if any.
    var biasRegularizer: Regularizer? { get }
}

/// A layer with a kernel `weight` and an optional `bias` whose config is a
/// ``KernelLayerConfig`` (Dense, Conv1D, Conv2D, Conv2DTranspose): its regularizers' penalties
/// come from there.
public protocol KernelLayer: ConfigurableLayer, RegularizedLayer where Config: KernelLayerConfig {
    /// The kernel, once built.
    var weight: Variable? { get }
    /// The bias, once built (nil without one).
    var bias: Variable? { get }
}

extension KernelLayer {
    /// The kernel's and the bias's penalties (``KernelLayerConfig/kernelRegularizer``,
    /// ``KernelLayerConfig/biasRegularizer``), summed; nil when neither has one.
    public func regularizationPenalty() -> Variable? {
        sumOfPenalties([config.kernelRegularizer.penalty(weight), config.biasRegularizer.penalty(bias)])
    }
}

extension KernelLayerConfig {
    /// Throws unless the regularizers' factors are finite and at least 0.
    func validateRegularizers() throws {
        try kernelRegularizer?.validate("kernel_regularizer")
        try biasRegularizer?.validate("bias_regularizer")
    }

    /// The kernel of `shape` (`[inputs…, outputs]`: `[inputs, units]`, `[kh, kw, channels,
    /// filters]`) and, with `useBias`, the bias of `[outputs]`, drawn from the initializers
    /// (fan in: all but the last dimension; fan out: all but the second-to-last) after checking
    /// their size against ``LayerLimits``.
    func makeKernelAndBias(_ shape: [Int], layer: String, generator: inout RandomGenerator) throws -> (Variable, Variable?) {
        let outputs = shape[shape.count - 1]
        try LayerLimits.check([shape] + (useBias ? [[outputs]] : []), layer: layer)
        let fanIn = shape.dropLast().reduce(1, *), fanOut = shape.dropLast(2).reduce(outputs, *)
        let kernel = Variable(kernelInitializer.make(shape, fanIn: fanIn, fanOut: fanOut, generator: &generator), requiresGrad: true)
        let bias = useBias ? Variable(biasInitializer.make([outputs], fanIn: fanIn, fanOut: fanOut, generator: &generator), requiresGrad: true) : nil
        return (kernel, bias)
    }
}

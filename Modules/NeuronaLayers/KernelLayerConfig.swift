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
}

extension KernelLayerConfig {
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

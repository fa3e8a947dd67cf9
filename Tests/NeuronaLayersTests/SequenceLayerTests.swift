import NeuronaAutograd
import NeuronaCore
@testable import NeuronaLayers
import Testing
import _NeuronaTestSupport

/// Conv1D, the 1-D poolings, UpSampling2D and Conv2DTranspose: float64 gradient checks, the
/// properties that define them (causality, adjointness), shapes and typed errors. Their PyTorch
/// oracle cases are in SequenceLayerOracleTests.
struct SequenceLayerTests {
    func normal(_ shape: [Int], seed: UInt64) -> Tensor {
        var g = RandomGenerator(seed: seed)
        return Tensor.normal(shape, dtype: .float64, using: &g)
    }

    @Test(arguments: [(Padding.valid, 1, 1), (.same, 2, 1), (.causal, 1, 2), (.causal, 2, 1), (.same, 1, 2)])
    func conv1DGradients(padding: Padding, stride: Int, dilation: Int) throws {
        let conv = Conv1D(filters: 2, kernelSize: 3, strides: stride, padding: padding, dilation: dilation, activation: .tanh,
                          biasInitializer: .randomNormal(mean: 0, standardDeviation: 0.3))
        try conv.build(inputShape: [7, 2], seed: 3)
        let result = GradientChecker.check(layer: conv, input: normal([2, 7, 2], seed: 4))
        #expect(result.passed, "\(padding) stride \(stride) dilation \(dilation): \(result)")
    }

    /// Causal: output step t reads input steps up to t only, so changing the last input step
    /// changes only the last output step; the output has as many steps as the input.
    @Test func causalConv1DNeverLooksAhead() throws {
        let conv = Conv1D(filters: 3, kernelSize: 3, padding: .causal, dilation: 2)
        try expectEqual(conv.build(inputShape: [6, 2], seed: 1), [6, 3])
        var x = normal([1, 6, 2], seed: 2).converted(to: .float32)
        let before = conv(Variable(x)).value
        x.assign(Tensor([5.0, -5.0], shape: [1, 2]), at: [.all, .index(5), .all])
        let after = conv(Variable(x)).value
        expectEqual(before.slice(axis: 1, start: 0, end: 5).doubles, after.slice(axis: 1, start: 0, end: 5).doubles)
        #expect(before.slice(axis: 1, start: 5, end: 6).doubles != after.slice(axis: 1, start: 5, end: 6).doubles)
    }

    @Test func pooling1DGradientsAndShapes() throws {
        let input = normal([2, 7, 3], seed: 9)   // distinct values: no ties
        let cases: [(any Layer, [Int])] = [
            (MaxPool1D(), [3, 3]), (MaxPool1D(poolSize: 3, strides: 2, padding: .same), [4, 3]),
            (AvgPool1D(poolSize: 3, strides: 1), [5, 3]), (AvgPool1D(poolSize: 2, padding: .same), [4, 3]), (GlobalMaxPooling1D(), [3]),
        ]
        for (layer, shape) in cases {
            try expectEqual(layer.build(inputShape: [7, 3], seed: 0), shape, "\(layer.typeName)")
            let result = GradientChecker.check(layer: layer, input: input)
            #expect(result.passed, "\(layer.typeName): \(result)")
        }
        // Values: windows (0, 1), (2, 3), (4, 5) of 0…6.
        let steps = Tensor((0..<7).map(Double.init), shape: [1, 7, 1])
        let maxPool = MaxPool1D(), avgPool = AvgPool1D()
        _ = try maxPool.build(inputShape: [7, 1], seed: 0)
        _ = try avgPool.build(inputShape: [7, 1], seed: 0)
        expectEqual(maxPool(Variable(steps)).value.doubles, [1, 3, 5])
        expectEqual(avgPool(Variable(steps)).value.doubles, [0.5, 2.5, 4.5])
    }

    @Test func upSampling2DValues() throws {
        let x = Tensor([1.0, 2, 3, 4], shape: [1, 2, 2, 1])
        let nearest = UpSampling2D(size: SizePair(2, 3))
        try expectEqual(nearest.build(inputShape: [2, 2, 1], seed: 0), [4, 6, 1])
        expectEqual(nearest(Variable(x)).value.doubles, [1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 3, 3, 3, 4, 4, 4])
        // Bilinear ×2 with half-pixel centres along a row [0, 4]: positions −¼ (clamped to 0), ¼, ¾, 1¼ (upper cell clamped).
        let row = Tensor([0.0, 4.0], shape: [1, 1, 2, 1])
        let bilinear = UpSampling2D(size: SizePair(1, 2), interpolation: .bilinear)
        _ = try bilinear.build(inputShape: [1, 2, 1], seed: 0)
        expectEqual(bilinear(Variable(row)).value.doubles, [0, 1, 3, 4])
        for layer in [UpSampling2D(size: SizePair(2, 3)), UpSampling2D(size: 3, interpolation: .bilinear)] {
            try layer.build(inputShape: [3, 2, 2], seed: 0)
            let result = GradientChecker.check(layer: layer, input: normal([2, 3, 2, 2], seed: 5))
            #expect(result.passed, "\(layer.config.interpolation): \(result)")
        }
    }

    @Test(arguments: [(Padding.valid, 1), (.valid, 2), (.same, 2), (.same, 3)])
    func conv2DTransposeGradients(padding: Padding, stride: Int) throws {
        let layer = Conv2DTranspose(filters: 2, kernelSize: SizePair(3, 2), strides: SizePair(stride, stride), padding: padding,
                                    activation: .tanh, biasInitializer: .randomNormal(mean: 0, standardDeviation: 0.3))
        let shape = try layer.build(inputShape: [3, 2, 2], seed: 3)
        expectEqual(shape, (padding == .same ? [3 * stride, 2 * stride, 2] : [2 * stride + 3, stride + 2, 2]))
        let result = GradientChecker.check(layer: layer, input: normal([2, 3, 2, 2], seed: 4))
        #expect(result.passed, "\(padding) stride \(stride): \(result)")
    }

    /// A transposed convolution is the adjoint of the convolution with the same kernel and
    /// window: ⟨conv(x), y⟩ = ⟨x, convᵀ(y)⟩ (to float64 rounding over the 5·6·2 products summed).
    @Test(arguments: [Padding.valid, .same])
    func conv2DTransposeIsTheConvolutionsAdjoint(padding: Padding) throws {
        let transposed = Conv2DTranspose(filters: 2, kernelSize: 3, strides: 2, padding: padding, useBias: false)
        let imageShape = try transposed.build(inputShape: [3, 3, 3], seed: 2)
        expectEqual(imageShape, (padding == .same ? [6, 6, 2] : [7, 7, 2]))
        let conv = Conv2D(filters: 3, kernelSize: 3, strides: 2, padding: padding, useBias: false)
        try expectEqual(conv.build(inputShape: imageShape, seed: 1), [3, 3, 3])
        conv.convertParameters(to: .float64)
        transposed.convertParameters(to: .float64)
        // Keras's transposed kernel [kh, kw, filters, channels] is the convolution's [kh, kw, channels, filters].
        try transposed.loadWeights(["weight": conv.weight!.value])
        let x = normal([2] + imageShape, seed: 3), y = normal([2, 3, 3, 3], seed: 4)
        let left = (conv(Variable(x)).value * y).sum().item
        let right = (x * transposed(Variable(y)).value).sum().item
        // Both are sums of the same 2·9·27 products in other orders: float64 rounding only.
        #expect(abs(left - right) <= 1e-12 * (1 + abs(left)), "⟨conv(x), y⟩ = \(left), ⟨x, convᵀ(y)⟩ = \(right)")
    }

    @Test(arguments: [(Padding.valid, 1, 1, 1), (.same, 2, 2, 1), (.valid, 1, 1, 2), (.same, 1, 3, 2)])
    func depthwiseAndSeparableGradients(padding: Padding, stride: Int, multiplier: Int, dilation: Int) throws {
        let depthwise = DepthwiseConv2D(kernelSize: SizePair(2, 3), strides: SizePair(stride, stride), padding: padding,
                                        depthMultiplier: multiplier, dilation: SizePair(dilation, dilation), activation: .tanh,
                                        biasInitializer: .randomNormal(mean: 0, standardDeviation: 0.3))
        try expectEqual(depthwise.build(inputShape: [5, 6, 2], seed: 3).last, 2 * multiplier)
        let separable = SeparableConv2D(filters: 3, kernelSize: 2, strides: SizePair(stride, stride), padding: padding,
                                        depthMultiplier: multiplier, dilation: SizePair(dilation, dilation), activation: .tanh,
                                        biasInitializer: .randomNormal(mean: 0, standardDeviation: 0.3))
        try expectEqual(separable.build(inputShape: [5, 6, 2], seed: 3).last, 3)
        for layer in [depthwise, separable] as [any Layer] {
            let result = GradientChecker.check(layer: layer, input: normal([2, 5, 6, 2], seed: 4))
            #expect(result.passed, "\(layer.typeName) \(padding) stride \(stride) m \(multiplier) dilation \(dilation): \(result)")
        }
    }

    /// A depthwise convolution with one channel is a Conv2D with one filter; a separable one
    /// with a 1×1 identity pointwise kernel is its depthwise part (float64, the same sums).
    @Test func depthwiseIsAPerChannelConvolution() throws {
        let x = normal([1, 5, 5, 1], seed: 6)
        let depthwise = DepthwiseConv2D(kernelSize: 3, padding: .same, useBias: false)
        try depthwise.build(inputShape: [5, 5, 1], seed: 1)
        depthwise.convertParameters(to: .float64)
        let conv = Conv2D(filters: 1, kernelSize: 3, padding: .same, useBias: false)
        try conv.build(inputShape: [5, 5, 1], seed: 2)
        conv.convertParameters(to: .float64)
        try conv.loadWeights(["weight": depthwise.weight!.value])
        #expect(isClose(depthwise(Variable(x)).value, conv(Variable(x)).value, absolute: 1e-14))
        // SeparableConv2D has fewer weights than Conv2D: 3·3·16 + 16·32 + 32 against 3·3·16·32 + 32.
        let separable = SeparableConv2D(filters: 32, kernelSize: 3)
        try separable.build(inputShape: [8, 8, 16], seed: 0)
        expectEqual(separable.parameterCount, 144 + 512 + 32)
    }

    @Test func wrongShapesThrowNamingTheLayer() throws {
        #expect(throws: LayerError.incompatibleInputShape(layer: "Conv1D", expected: "[steps, channels]", got: [4, 4, 1])) {
            try Conv1D(filters: 2, kernelSize: 3).build(inputShape: [4, 4, 1], seed: 0)
        }
        #expect(throws: LayerError.incompatibleInputShape(layer: "Conv1D", expected: "sequences of at least 5 steps for a kernel of 3 (dilation 2)", got: [4, 1])) {
            try Conv1D(filters: 2, kernelSize: 3, dilation: 2).build(inputShape: [4, 1], seed: 0)
        }
        try Conv1D(filters: 2, kernelSize: 3, padding: .causal, dilation: 2).build(inputShape: [4, 1], seed: 0)   // padded: fits
        #expect(throws: LayerError.incompatibleInputShape(layer: "MaxPool1D", expected: "sequences of at least 3 steps", got: [2, 1])) {
            try MaxPool1D(poolSize: 3).build(inputShape: [2, 1], seed: 0)
        }
        #expect(throws: LayerError.incompatibleInputShape(layer: "UpSampling2D", expected: "[height, width, channels]", got: [4, 4])) {
            try UpSampling2D().build(inputShape: [4, 4], seed: 0)
        }
        #expect(throws: LayerError.incompatibleInputShape(layer: "Conv2DTranspose", expected: "[height, width, channels]", got: [4])) {
            try Conv2DTranspose(filters: 1, kernelSize: 2).build(inputShape: [4], seed: 0)
        }
        #expect(throws: LayerError.incompatibleInputShape(layer: "GlobalMaxPooling1D", expected: "[time steps, features]", got: [4])) {
            try GlobalMaxPooling1D().build(inputShape: [4], seed: 0)
        }
    }
}

import NeuronaAutograd
import NeuronaCore
@testable import NeuronaLayers
import Testing
import _NeuronaTestSupport

/// A direct convolution, written out loop by loop (TensorFlow's padding rule: for `same`, the
/// total padding is max((out − 1)·stride + (k − 1)·dilation + 1 − in, 0), the smaller half first).
func naiveConv2D(_ x: Tensor, _ k: Tensor, stride: Int, dilation: Int, same: Bool) -> Tensor {
    let (n, h, w, c) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (kh, kw, f) = (k.shape[0], k.shape[1], k.shape[3])
    let spanH = (kh - 1) * dilation + 1, spanW = (kw - 1) * dilation + 1
    let oh = same ? (h + stride - 1) / stride : (h - spanH) / stride + 1
    let ow = same ? (w + stride - 1) / stride : (w - spanW) / stride + 1
    let top = same ? max((oh - 1) * stride + spanH - h, 0) / 2 : 0
    let left = same ? max((ow - 1) * stride + spanW - w, 0) / 2 : 0
    let xs = x.doubles, ks = k.doubles
    var out = [Double](repeating: 0, count: n * oh * ow * f)
    for b in 0..<n { for i in 0..<oh { for j in 0..<ow { for o in 0..<f {
        var s = 0.0
        for p in 0..<kh { for q in 0..<kw { for ch in 0..<c {
            let y = i * stride + p * dilation - top, z = j * stride + q * dilation - left
            if y >= 0 && y < h && z >= 0 && z < w {
                s += xs[((b * h + y) * w + z) * c + ch] * ks[((p * kw + q) * c + ch) * f + o]
            }
        } } }
        out[((b * oh + i) * ow + j) * f + o] = s
    } } } }
    return Tensor(out, shape: [n, oh, ow, f])
}

struct ConvolutionTests {
    @Test(arguments: [(1, 1, false), (2, 1, false), (1, 2, false), (1, 1, true), (2, 1, true), (3, 2, true), (2, 2, false)])
    func conv2DMatchesADirectConvolution(stride: Int, dilation: Int, same: Bool) throws {
        let conv = Conv2D(filters: 4, kernelSize: SizePair(3, 2), strides: SizePair(stride, stride), padding: same ? .same : .valid,
                          dilation: SizePair(dilation, dilation), useBias: false)
        let out = try conv.build(inputShape: [9, 8, 3], seed: 1)
        conv.convertParameters(to: .float64)
        var g = RandomGenerator(seed: 2)
        let x = Tensor.normal([2, 9, 8, 3], dtype: .float64, using: &g)
        let expected = naiveConv2D(x, conv.weight!.value, stride: stride, dilation: dilation, same: same)
        expectEqual(out, Array(expected.shape.dropFirst()))
        #expect(isClose(conv(Variable(x)).value, expected, absolute: 1e-12), "stride \(stride) dilation \(dilation) same \(same)")
    }

    @Test(arguments: [(1, 1, "valid"), (2, 1, "same"), (1, 2, "valid"), (2, 2, "same")])
    func conv2DGradients(stride: Int, dilation: Int, padding: String) throws {
        let conv = Conv2D(filters: 2, kernelSize: 2, strides: SizePair(stride, stride), padding: Padding(rawValue: padding)!,
                          dilation: SizePair(dilation, dilation), activation: .tanh, biasInitializer: .randomNormal(mean: 0, standardDeviation: 0.3))
        try conv.build(inputShape: [5, 4, 2], seed: 3)
        var g = RandomGenerator(seed: 4)
        let result = GradientChecker.check(layer: conv, input: Tensor.normal([2, 5, 4, 2], dtype: .float64, using: &g))
        #expect(result.passed, "\(result)")
    }

    @Test func poolingValuesAndGradients() throws {
        let x = Tensor((0..<16).map { Double($0) }, shape: [1, 4, 4, 1], dtype: .float64)
        let maxPool = MaxPool2D()
        try expectEqual(maxPool.build(inputShape: [4, 4, 1], seed: 0), [2, 2, 1])
        expectEqual(maxPool(Variable(x)).value.doubles, [5, 7, 13, 15])
        let avgPool = AvgPool2D()
        _ = try avgPool.build(inputShape: [4, 4, 1], seed: 0)
        expectEqual(avgPool(Variable(x)).value.doubles, [2.5, 4.5, 10.5, 12.5])
        // `same` with a 3×3 window, stride 2: border windows average only the cells inside.
        let sameAvg = AvgPool2D(poolSize: 3, strides: 2, padding: .same)
        try expectEqual(sameAvg.build(inputShape: [4, 4, 1], seed: 0), [2, 2, 1])
        // TensorFlow pads 1 after: windows rows 0-2 and 2-3 → (0,1,2,4,5,6,8,9,10) mean 5, ...
        expectEqual(sameAvg(Variable(x)).value.doubles, [5, 6.5, 11, 12.5])
        let gap = GlobalAveragePooling2D(), gmp = GlobalMaxPooling2D()
        _ = try gap.build(inputShape: [4, 4, 1], seed: 0)
        _ = try gmp.build(inputShape: [4, 4, 1], seed: 0)
        #expect(gap(Variable(x)).value.doubles == [7.5] && gmp(Variable(x)).value.doubles == [15])
        var g = RandomGenerator(seed: 9)
        let input = Tensor.normal([2, 5, 5, 3], dtype: .float64, using: &g)   // distinct values: no ties
        for layer in [MaxPool2D(poolSize: 2, strides: 1), MaxPool2D(poolSize: 3, strides: 2, padding: .same),
                      AvgPool2D(poolSize: 2), AvgPool2D(poolSize: 3, strides: 2, padding: .same)] as [any Layer] + [GlobalAveragePooling2D(), GlobalMaxPooling2D()] {
            _ = try layer.build(inputShape: [5, 5, 3], seed: 0)
            let result = GradientChecker.check(layer: layer, input: input)
            #expect(result.passed, "\(layer.typeName): \(result)")
        }
    }

    @Test func aSmallCNNBuildsFromJSONWithShapes() throws {
        let json = """
        {"type": "Sequential", "input_shape": [28, 28, 1], "layers": [
          {"type": "Conv2D", "filters": 32, "kernel_size": 3, "activation": "relu"},
          {"type": "MaxPool2D", "pool_size": 2},
          {"type": "Conv2D", "filters": 64, "kernel_size": [3, 3], "padding": "same", "strides": 2},
          {"type": "GlobalAveragePooling2D"},
          {"type": "Dense", "units": 10, "activation": "softmax"}]}
        """
        let model = try LayerRegistry.default.make(from: json)
        let shapes = (model as! Sequential).layers.map { $0.outputShape! }
        expectEqual(shapes, [[26, 26, 32], [13, 13, 32], [7, 7, 64], [64], [10]])
        expectEqual(model.parameterCount, (9 * 32 + 32) + (9 * 32 * 64 + 64) + (64 * 10 + 10))
        let json2 = try LayerRegistry.json(for: model)
        try expectEqual(LayerRegistry.json(for: LayerRegistry.default.make(from: json2)), json2)
        #expect(throws: LayerError.incompatibleInputShape(layer: "layers.0 (Conv2D)", expected: "[height, width, channels]", got: [28, 28])) {
            try model.build(inputShape: [28, 28], seed: 0)
        }
        #expect(LayerRegistryTests.error(#"{"type": "Conv2D", "filters": 8, "kernel_size": [3, 3, 3]}"#)
            .contains("kernel_size: expected one integer or two, found 3"))
    }
}

/// Conv2D keeps its scratch memory (each chunk's patch matrix) in a workspace across calls and
/// training steps, backward passes included.
struct Conv2DWorkspaceTests {
    static func kernelGradient(_ conv: Conv2D, _ x: Tensor) throws -> Tensor {
        conv.weight!.grad = nil
        conv.bias!.grad = nil
        try (conv(Variable(x)) * conv(Variable(x))).sum().backward()
        return conv.weight!.grad!
    }

    @Test func stepsReuseTheScratchAndOverlappingGraphsStayCorrect() throws {
        // Five channels: the im2col path (images with at most four go to the direct kernels,
        // which take no patches, where the CPU has AVX2).
        let conv = Conv2D(filters: 4, kernelSize: 3, padding: .same, activation: .relu)
        _ = try conv.build(inputShape: [7, 6, 5], seed: 3)
        var generator = RandomGenerator(seed: 4)
        let a = Tensor.normal([3, 7, 6, 5], using: &generator)
        let b = Tensor.normal([3, 7, 6, 5], using: &generator)

        // Two training steps, each a forward and one backward pass for all the gradients: the
        // forward's patches, then the backward's (the patches and relu's masked gradient per
        // chunk, larger) are allocated in the first step; the second step reuses them.
        for _ in 0..<2 { try conv(Variable(a, requiresGrad: true)).sum().backward() }
        #expect(conv.patchWorkspace.allocations == 2 && conv.patchWorkspace.reuses == 2)
        // Inference with a larger batch grows the buffer once.
        let big = Tensor.normal([9, 7, 6, 5], using: &generator)
        _ = withNoGrad { conv(Variable(big)) }
        expectEqual(conv.patchWorkspace.reuses + conv.patchWorkspace.allocations, 5)

        // Forward `a`, then forward `b` while `a`'s graph is alive, then backward through `a`:
        // the same kernel gradient as from `a` alone.
        let expected = try Self.kernelGradient(conv, a)
        conv.weight!.grad = nil
        let outputA = conv(Variable(a))
        _ = conv(Variable(b))
        try (outputA * outputA).sum().backward()
        #expect(isClose(conv.weight!.grad!, expected, absolute: 1e-5, relative: 1e-5))
    }
}

/// The chunks of a convolution run on several cores at once; the results must not depend on
/// which core finishes first.
struct ConvolutionDeterminismTests {
    @Test func repeatedPassesGiveIdenticalBits() throws {
        let conv = Conv2D(filters: 16, kernelSize: 3, activation: .relu)
        _ = try conv.build(inputShape: [14, 14, 8], seed: 5)
        var generator = RandomGenerator(seed: 6)
        let x = Tensor.normal([24, 14, 14, 8], using: &generator)
        func pass() throws -> [[Double]] {
            conv.weight!.grad = nil
            conv.bias!.grad = nil
            let input = Variable(x, requiresGrad: true)
            let y = conv(input)
            try (y * y).sum().backward()
            return [y.value.doubles, input.grad!.doubles, conv.weight!.grad!.doubles, conv.bias!.grad!.doubles]
        }
        let first = try pass()
        for _ in 0..<3 { try expectEqual(pass(), first) }
    }
}

@testable import NeuronaCore
import Testing
import _NeuronaTestSupport

/// `Tensor.conv2dGradients` (all of a convolution's gradients in one pass, relu's mask included)
/// and `Tensor.conv2d(relu:)`, against the separate ops they replace: `relu()`, relu's gradient
/// `dy · step(y)`, `conv2dInputGradient`, `conv2dKernelGradient` and `sum(axes: [0, 1, 2])`. The
/// shapes are odd on purpose: ragged chunks, padding, strides, dilation, channel counts that are
/// not multiples of 8, and one channel (a first layer, whose kernel gradient keeps its own path).
struct Conv2DGradientsTests {
    struct Shape: CustomTestStringConvertible, Sendable {
        var n: Int, height: Int, width: Int, channels: Int, filters: Int
        var kernel: (Int, Int), strides: (Int, Int), dilation: (Int, Int), same: Bool
        var testDescription: String { "\(n)×\(height)×\(width)×\(channels) → \(filters), k\(kernel) s\(strides) d\(dilation)\(same ? " same" : "")" }
        var geometry: WindowGeometry {
            WindowGeometry(input: (height, width), kernel: kernel, strides: strides, dilation: dilation, same: same)
        }
    }

    static let shapes: [Shape] = [
        Shape(n: 37, height: 13, width: 13, channels: 32, filters: 64, kernel: (3, 3), strides: (1, 1), dilation: (1, 1), same: false),
        Shape(n: 5, height: 9, width: 7, channels: 13, filters: 7, kernel: (3, 2), strides: (2, 1), dilation: (1, 1), same: true),
        Shape(n: 3, height: 10, width: 11, channels: 6, filters: 9, kernel: (3, 3), strides: (1, 2), dilation: (2, 1), same: true),
        Shape(n: 9, height: 8, width: 8, channels: 1, filters: 5, kernel: (3, 3), strides: (1, 1), dilation: (1, 1), same: false),
        Shape(n: 4, height: 7, width: 6, channels: 3, filters: 4, kernel: (2, 2), strides: (1, 1), dilation: (1, 1), same: true),
    ]

    /// Inputs for `s`: images, kernel, bias and an output gradient.
    static func inputs(_ s: Shape, _ dtype: DType) -> (x: Tensor, kernel: Tensor, bias: Tensor, dy: Tensor) {
        var generator = RandomGenerator(seed: UInt64(s.n * 100 + s.channels))
        let g = s.geometry
        return (Tensor.normal([s.n, s.height, s.width, s.channels], dtype: dtype, using: &generator),
                Tensor.normal([s.kernel.0, s.kernel.1, s.channels, s.filters], dtype: dtype, using: &generator),
                Tensor.normal([s.filters], dtype: dtype, using: &generator),
                Tensor.normal([s.n, g.output.height, g.output.width, s.filters], dtype: dtype, using: &generator))
    }

    @Test(arguments: shapes, [DType.float32, .float64])
    func reluInsideTheConvolutionIsReluAfterIt(_ s: Shape, dtype: DType) {
        let (x, kernel, bias, _) = Self.inputs(s, dtype)
        let fused = Tensor.conv2d(x, kernel, bias: bias, s.geometry, relu: true)
        let separate = Tensor.conv2d(x, kernel, bias: bias, s.geometry).relu()
        expectEqual(fused.shape, separate.shape)
        expectEqual(maxAbsoluteDifference(fused, separate), 0)
        #expect(fused.doubles.contains(0) && fused.doubles.contains { $0 > 0 })
    }

    @Test(arguments: shapes, [DType.float32, .float64])
    func theBiasIsAddedToTheProduct(_ s: Shape, dtype: DType) {
        // The same KH·KW·C products and the bias, summed in another order: the bias first (the
        // product added onto rows that start from it, in as many pieces as the BLAS kernel set
        // blocks the inner dimension into, or SmallGEMM's sums started from it) against last.
        // So the bound of two orders of one sum of KH·KW·C + 1 terms, with Σ|terms| from |x|, |k|, |b|.
        let (x, kernel, bias, _) = Self.inputs(s, dtype)
        let withBias = Tensor.conv2d(x, kernel, bias: bias, s.geometry)
        let product = Tensor.conv2d(x, kernel, s.geometry)
        let magnitudes = Tensor.conv2d(x.abs(), kernel.abs(), bias: bias.abs(), s.geometry)
        #expect(agreeAsReorderedSums(withBias, product + bias, magnitudes: magnitudes,
                                     terms: s.kernel.0 * s.kernel.1 * s.channels + 1, dtype: dtype),
                "largest difference \(maxAbsoluteDifference(withBias, product + bias))")
    }

    @Test(arguments: shapes, [DType.float32, .float64])
    func onePassGivesTheSeparateOpsGradients(_ s: Shape, dtype: DType) {
        let (x, kernel, bias, dy) = Self.inputs(s, dtype)
        let g = s.geometry
        let workspace = TensorWorkspace()
        for relu in [false, true] {
            let y = Tensor.conv2d(x, kernel, bias: bias, g, relu: relu)
            let d = relu ? dy * y.map(.step(threshold: 0)) : dy
            let expectedDx = Tensor.conv2dInputGradient(d, kernel: kernel, g, imageShape: x.shape)
            let expectedDk = Tensor.conv2dKernelGradient(x, d, g, kernelShape: kernel.shape)
            let expectedDb = d.sum(axes: [0, 1, 2])
            let all = Tensor.conv2dGradients(dy, images: x, kernel: kernel, g, reluOutput: relu ? y : nil,
                                             computing: (true, true, true), workspace: workspace)
            // The same products on the same values: the same bits. The bias is summed in
            // another order (per chunk, then the chunks).
            expectEqual(all.input.map { maxAbsoluteDifference($0, expectedDx) }, 0, "relu \(relu): input gradient")
            expectEqual(all.kernel.map { maxAbsoluteDifference($0, expectedDk) }, 0, "relu \(relu): kernel gradient")
            let scale = max(1, expectedDb.abs().max().item)
            #expect(all.bias.map { maxAbsoluteDifference($0, expectedDb) / scale < (dtype == .float32 ? 1e-5 : 1e-13) } == true,
                    "relu \(relu): bias gradient")

            // Only what is asked for.
            let kernelOnly = Tensor.conv2dGradients(dy, images: x, kernel: kernel, g, reluOutput: relu ? y : nil,
                                                    computing: (false, true, false), workspace: workspace)
            #expect(kernelOnly.input == nil && kernelOnly.bias == nil)
            expectEqual(kernelOnly.kernel.map { maxAbsoluteDifference($0, expectedDk) }, 0)
            let inputAndBias = Tensor.conv2dGradients(dy, images: x, kernel: kernel, g, reluOutput: relu ? y : nil,
                                                      computing: (true, false, true), workspace: workspace)
            #expect(inputAndBias.kernel == nil)
            expectEqual(inputAndBias.input.map { maxAbsoluteDifference($0, expectedDx) }, 0)
            expectEqual(inputAndBias.bias.map { maxAbsoluteDifference($0, all.bias!) }, 0)
        }
    }

    @Test func theMaskFollowsReluOnNaNAndInfinity() {
        // relu(NaN) = NaN counts as positive (step(NaN) = 1); y = 0 masks even an infinite dy
        // to NaN, as the product dy · 0 does in relu()'s backward.
        let y = Tensor([Double.nan, 0, 2, 0], shape: [4], dtype: .float32)
        let dy = Tensor([3, 4, 5, Double.infinity], shape: [4], dtype: .float32)
        let out = Tensor(uninitializedShape: [4], dtype: .float32)
        Tensor.maskByRelu(dy.storage.pointer, y.storage.pointer, into: out.storage.pointer, count: 4, dtype: .float32)
        let expected = dy * y.map(.step(threshold: 0))
        #expect(out.doubles[0...2] == [3, 0, 5] && out.doubles[3].isNaN && expected.doubles[3].isNaN)
    }
}

@testable import NeuronaCore
import Testing
import _NeuronaTestSupport

/// The direct convolution kernels for images with few channels (DirectConv2D, `direct_conv.c`),
/// each level the CPU runs (AVX-512, AVX2 + FMA, portable C), against the im2col path in float64
/// on the same float32 values: odd image sizes, 1 to 4 channels, filter counts around the vector
/// widths (masked tails, several blocks of 32), strides, dilations and `same` padding, kernel
/// sizes whose cells split into several blocks.
struct DirectConv2DTests {
    /// The kernel levels this CPU runs: AVX-512 (3), AVX2 (2) and the portable kernel (1) on an
    /// AVX-512 machine; the portable one (0) off x86-64.
    static var levels: [Int32] {
        #if arch(x86_64)
        return [3, 2, 1].filter { $0 <= CPUFeatures.vectorLevel }
        #else
        return [0]
        #endif
    }

    /// (channels, filters, image height and width, kernel, strides, dilation, same padding).
    typealias Shape = (c: Int, f: Int, h: Int, w: Int, k: (Int, Int), s: (Int, Int), d: (Int, Int), same: Bool)

    static let shapes: [Shape] = [
        (1, 32, 13, 11, (3, 3), (1, 1), (1, 1), false),   // the CNN's first layer, smaller images
        (1, 5, 9, 8, (3, 3), (1, 1), (1, 1), true),
        (2, 37, 7, 9, (3, 2), (2, 1), (1, 1), true),
        (3, 16, 11, 7, (5, 5), (1, 2), (1, 1), true),     // 75 cells: 7 blocks of 11
        (4, 70, 6, 10, (2, 3), (1, 1), (2, 2), false),    // three blocks of 32 filters, the last masked
        (3, 1, 15, 15, (4, 4), (3, 3), (1, 1), true),
        (1, 17, 5, 30, (1, 7), (1, 2), (1, 2), true),     // windows wider than a block of pixels
        (2, 8, 4, 4, (3, 3), (1, 1), (3, 3), true),       // every window crosses the padding
    ]

    static func geometry(_ s: Shape) -> WindowGeometry {
        WindowGeometry(input: (s.h, s.w), kernel: s.k, strides: s.s, dilation: s.d, same: s.same)
    }

    /// The largest |value| of `t`, at least 1: the scale float32 rounding is measured against.
    static func scale(_ t: Tensor) -> Double { Swift.max(1, t.abs().max().item) }

    @Test(arguments: 0..<8)
    func convolutionMatchesTheIm2colPath(shape index: Int) {
        let s = Self.shapes[index]
        let g = Self.geometry(s)
        var generator = RandomGenerator(seed: UInt64(100 + index))
        let n = 3
        let x = Tensor.normal([n, s.h, s.w, s.c], using: &generator)
        let kernel = Tensor.normal([s.k.0, s.k.1, s.c, s.f], using: &generator)
        let bias = Tensor.normal([s.f], using: &generator)
        let expected = Tensor.conv2d(x.converted(to: .float64), kernel.converted(to: .float64), bias: bias.converted(to: .float64), g)
        let cells = Double(s.k.0 * s.k.1 * s.c)
        for level in Self.levels {
            let y = DirectConv2D.convolution(x, kernel, bias: bias, g, level: level)
            #expect(y.shape == expected.shape && y.dtype == .float32)
            #expect(maxAbsoluteDifference(y, expected) < 1e-6 * cells * Self.scale(expected), "level \(level), shape \(s)")
            let noBias = DirectConv2D.convolution(x, kernel, bias: nil, g, level: level)
            #expect(maxAbsoluteDifference(noBias, expected - bias.converted(to: .float64)) < 1e-6 * cells * Self.scale(expected), "level \(level), no bias")
            let rectified = DirectConv2D.convolution(x, kernel, bias: bias, g, relu: true, level: level)
            expectEqual(rectified.doubles, y.doubles.map { Swift.max($0, 0) }, "level \(level), relu")
        }
    }

    @Test(arguments: 0..<8)
    func kernelGradientMatchesTheIm2colPath(shape index: Int) {
        let s = Self.shapes[index]
        let g = Self.geometry(s)
        var generator = RandomGenerator(seed: UInt64(200 + index))
        // 19 images: parts of 3 and a last part of 1.
        let n = 19
        let x = Tensor.normal([n, s.h, s.w, s.c], using: &generator)
        let dy = Tensor.normal([n, g.output.height, g.output.width, s.f], using: &generator)
        let kernelShape = [s.k.0, s.k.1, s.c, s.f]
        let expected = Tensor.conv2dKernelGradient(x.converted(to: .float64), dy.converted(to: .float64), g, kernelShape: kernelShape)
        let terms = Double(n * g.output.height * g.output.width)
        for level in Self.levels {
            let dk = DirectConv2D.kernelGradient(x, dy, g, kernelShape: kernelShape, level: level)
            #expect(dk.shape == kernelShape && dk.dtype == .float32)
            #expect(maxAbsoluteDifference(dk, expected) < 1e-6 * terms.squareRoot() * Self.scale(expected), "level \(level), shape \(s)")
        }
    }

    @Test func reluPassesNaNThrough() {
        let g = WindowGeometry(input: (3, 3), kernel: (1, 1), same: false)
        let x = Tensor([-1, .nan, 2, -3, 4, -5, 6, -7, 8], shape: [1, 3, 3, 1], dtype: .float32)
        let kernel = Tensor.ones([1, 1, 1, 1])
        for level in Self.levels {
            let y = DirectConv2D.convolution(x, kernel, bias: nil, g, relu: true, level: level).doubles
            #expect(y[0] == 0 && y[1].isNaN && y[2...] == [2, 0, 4, 0, 6, 0, 8], "level \(level): \(y)")
        }
    }

    /// The kernel gradient's parts are fixed by the batch size, not the cores: eight images are
    /// eight parts of one, summed in order after they are computed (in parallel): the same bits
    /// as each image's gradient added one at a time.
    @Test func kernelGradientSumsFixedPartsInOrder() {
        var generator = RandomGenerator(seed: 5)
        let g = WindowGeometry(input: (10, 10), kernel: (3, 3), same: false)
        let x = Tensor.normal([8, 10, 10, 1], using: &generator)
        let dy = Tensor.normal([8, 8, 8, 32], using: &generator)
        for level in Self.levels {
            let whole = DirectConv2D.kernelGradient(x, dy, g, kernelShape: [3, 3, 1, 32], level: level)
            var sum = [Float](repeating: 0, count: 288)
            for image in 0..<8 {
                let partial = DirectConv2D.kernelGradient(x[image..<image + 1], dy[image..<image + 1], g, kernelShape: [3, 3, 1, 32], level: level)
                for (i, v) in partial.doubles.enumerated() { sum[i] += Float(v) }
            }
            expectEqual(whole.doubles, sum.map(Double.init), "level \(level)")
        }
    }

    /// What `Tensor.conv2d` and `conv2dKernelGradient` send to the direct kernels: float32 with
    /// at most four channels on CPUs with AVX2 or AVX-512; float64, more channels, older CPUs
    /// and shapes that do not fit (left to the im2col path's checks) go elsewhere.
    @Test func dispatch() {
        let g = WindowGeometry(input: (6, 6), kernel: (3, 3), same: false)
        let x = Tensor.ones([2, 6, 6, 4]), kernel = Tensor.ones([3, 3, 4, 8]), dy = Tensor.ones([2, 4, 4, 8])
        #expect(DirectConv2D.handles(x, kernel: kernel, bias: Tensor.ones([8]), g, level: 3))
        #expect(DirectConv2D.handles(x, kernel: kernel, bias: nil, g, level: 2))
        #expect(!DirectConv2D.handles(x, kernel: kernel, bias: nil, g, level: 1))
        #expect(!DirectConv2D.handles(x.converted(to: .float64), kernel: kernel.converted(to: .float64), bias: nil, g, level: 3))
        #expect(!DirectConv2D.handles(Tensor.ones([2, 6, 6, 5]), kernel: Tensor.ones([3, 3, 5, 8]), bias: nil, g, level: 3))
        #expect(!DirectConv2D.handles(x, kernel: Tensor.ones([3, 3, 3, 8]), bias: nil, g, level: 3))
        #expect(!DirectConv2D.handles(x, kernel: kernel, bias: Tensor.ones([7]), g, level: 3))
        #expect(DirectConv2D.handlesKernelGradient(x, dy, g, kernelShape: [3, 3, 4, 8], level: 3))
        #expect(!DirectConv2D.handlesKernelGradient(x, Tensor.ones([2, 4, 4, 7]), g, kernelShape: [3, 3, 4, 8], level: 3))
        #expect(!DirectConv2D.handlesKernelGradient(x, dy, g, kernelShape: [3, 3, 4, 8], level: 1))
        // The tensor ops take the direct route where the CPU has it (same bits as calling it).
        var generator = RandomGenerator(seed: 9)
        let images = Tensor.normal([2, 6, 6, 1], using: &generator), weights = Tensor.normal([3, 3, 1, 8], using: &generator)
        let gradient = Tensor.normal([2, 4, 4, 8], using: &generator)
        if CPUFeatures.vectorLevel >= DirectConv2D.minimumLevel {
            expectEqual(Tensor.conv2d(images, weights, g).doubles, DirectConv2D.convolution(images, weights, bias: nil, g).doubles)
            #expect(Tensor.conv2dKernelGradient(images, gradient, g, kernelShape: [3, 3, 1, 8]).doubles
                    == DirectConv2D.kernelGradient(images, gradient, g, kernelShape: [3, 3, 1, 8]).doubles)
        }
    }
}

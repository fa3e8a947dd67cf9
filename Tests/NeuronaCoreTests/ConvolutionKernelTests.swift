@testable import NeuronaCore
import Testing
import _NeuronaTestSupport

/// The window kernels under convolution and pooling (im2col, col2im, max pooling) in both float
/// types, against loops written out here, over strides, dilations, `same` padding and channel
/// counts around the kernels' fast paths (1 channel; blocks of 16 with a masked tail).
struct ConvolutionKernelTests {
    static let geometries: [(stride: Int, dilation: Int, same: Bool)] = [(1, 1, false), (2, 1, true), (1, 2, true), (3, 1, false), (2, 2, true)]

    /// The window's pixel (y, x) for output (oy, ox) and cell (ky, kx), or nil over the padding.
    static func pixel(_ g: WindowGeometry, _ oy: Int, _ ox: Int, _ ky: Int, _ kx: Int) -> (Int, Int)? {
        let y = oy * g.strides.height + ky * g.dilation.height - g.padding.top
        let x = ox * g.strides.width + kx * g.dilation.width - g.padding.left
        return y >= 0 && y < g.input.height && x >= 0 && x < g.input.width ? (y, x) : nil
    }

    static func window(_ i: Int, height: Int = 9, width: Int = 8) -> WindowGeometry {
        let (stride, dilation, same) = geometries[i]
        return WindowGeometry(input: (height, width), kernel: (3, 2), strides: (stride, stride), dilation: (dilation, dilation), same: same)
    }

    @Test(arguments: [1, 3, 20], [DType.float32, .float64])
    func im2colMatchesALoop(channels c: Int, dtype: DType) {
        var generator = RandomGenerator(seed: UInt64(c))
        for i in Self.geometries.indices {
            let g = Self.window(i)
            let x = Tensor.normal([2, 9, 8, c], dtype: dtype, using: &generator)
            let cols = x.im2col(g)
            let (oh, ow) = (g.output.height, g.output.width)
            expectEqual(cols.shape, [2 * oh * ow, 3 * 2 * c])
            let xs = x.doubles
            var expected = [Double](repeating: 0, count: cols.count)
            for n in 0..<2 { for oy in 0..<oh { for ox in 0..<ow { for ky in 0..<3 { for kx in 0..<2 {
                guard let (y, z) = Self.pixel(g, oy, ox, ky, kx) else { continue }
                for ch in 0..<c {
                    expected[((n * oh + oy) * ow + ox) * 6 * c + (ky * 2 + kx) * c + ch] = xs[((n * 9 + y) * 8 + z) * c + ch]
                }
            } } } } }
            expectEqual(cols.doubles, expected, "geometry \(Self.geometries[i])")
        }
    }

    /// col2im is im2col's adjoint: ⟨im2col(x), p⟩ = ⟨x, col2im(p)⟩ for any x and patches p.
    @Test(arguments: [1, 3, 20])
    func col2imIsTheAdjointOfIm2col(channels c: Int) {
        var generator = RandomGenerator(seed: UInt64(10 + c))
        for i in Self.geometries.indices {
            let g = Self.window(i)
            let x = Tensor.normal([2, 9, 8, c], dtype: .float64, using: &generator)
            let p = Tensor.normal([2 * g.output.height * g.output.width, 6 * c], dtype: .float64, using: &generator)
            let left = (x.im2col(g) * p).sum().item
            let right = (x * p.col2im(g, imageShape: x.shape)).sum().item
            #expect(abs(left - right) < 1e-10 * max(1, abs(left)), "geometry \(Self.geometries[i])")
            // float32 adds the same values.
            let right32 = (x * p.converted(to: .float32).col2im(g, imageShape: x.shape).converted(to: .float64)).sum().item
            #expect(abs(right32 - right) < 1e-4 * max(1, abs(right)))
        }
    }

    @Test(arguments: [1, 5, 16, 37], [DType.float32, .float64])
    func maxPoolMatchesALoop(channels c: Int, dtype: DType) {
        var generator = RandomGenerator(seed: UInt64(100 + c))
        for i in Self.geometries.indices {
            let g = Self.window(i)
            // Values on a coarse grid, so that windows have ties (the first cell must win).
            let x = (Tensor.uniform([2, 9, 8, c], low: 0, high: 4, dtype: .float64, using: &generator)).floor().converted(to: dtype)
            let (values, indices) = x.maxPool(g)
            let (oh, ow) = (g.output.height, g.output.width)
            #expect(values.shape == [2, oh, ow, c] && indices.shape == values.shape && indices.dtype == .int64 && values.dtype == dtype)
            let xs = x.doubles
            var expectedValues: [Double] = [], expectedIndices: [Double] = []
            for n in 0..<2 { for oy in 0..<oh { for ox in 0..<ow { for ch in 0..<c {
                var best = -Double.infinity, at = -1
                for ky in 0..<3 { for kx in 0..<2 {
                    guard let (y, z) = Self.pixel(g, oy, ox, ky, kx) else { continue }
                    let index = ((n * 9 + y) * 8 + z) * c + ch
                    if xs[index] > best { best = xs[index]; at = index }
                } }
                expectedValues.append(best)
                expectedIndices.append(Double(at))
            } } } }
            expectEqual(values.doubles, expectedValues, "geometry \(Self.geometries[i])")
            expectEqual(indices.doubles, expectedIndices, "geometry \(Self.geometries[i])")
            expectEqual(x.maxPoolIndices(g).doubles, expectedIndices)
            if dtype == .float32 {
                for (kernel, result) in Self.everyFloat32MaxPoolKernel(x, g) {
                    expectEqual(result.values, expectedValues, "\(kernel), geometry \(Self.geometries[i])")
                    expectEqual(result.indices, expectedIndices, "\(kernel), geometry \(Self.geometries[i])")
                }
            }
        }
    }

    /// Max pooling's backward pass against the generic scatter-add of the same gradients at the
    /// same winners (which adds in the same order: the same bits), in both float types and with
    /// each float32 kernel the CPU runs (AVX-512 for windows that tile the image, plain C), for
    /// windows that overlap (stride 1), leave gaps (stride 3) or tile an odd-sized image.
    @Test(arguments: [1, 3, 20], [DType.float32, .float64])
    func maxPoolGradientMatchesAScatterAdd(channels c: Int, dtype: DType) {
        var generator = RandomGenerator(seed: UInt64(30 + c))
        let tiles = [WindowGeometry(input: (9, 7), kernel: (2, 2), strides: (2, 2), same: false),
                     WindowGeometry(input: (8, 10), kernel: (3, 2), strides: (3, 2), same: false)]
        #if arch(x86_64)
        let levels: [Int32] = dtype == .float32 && CPUFeatures.vectorLevel >= 3 ? [3, 1] : [CPUFeatures.vectorLevel]
        #else
        let levels: [Int32] = [CPUFeatures.vectorLevel]
        #endif
        for g in Self.geometries.indices.map({ Self.window($0) }) + tiles {
            let x = Tensor.normal([3, g.input.height, g.input.width, c], dtype: dtype, using: &generator)
            let winners = x.maxPoolIndices(g)
            let dy = Tensor.normal(winners.shape, dtype: dtype, using: &generator)
            let expected = dy.flattened().scatterAdd(into: [x.count], indices: winners.flattened(), axis: 0).reshaped(x.shape)
            for level in levels {
                let dx = dy.maxPoolGradient(winners: winners, g, level: level)
                #expect(dx.shape == x.shape && dx.dtype == dtype)
                expectEqual(dx.doubles, expected.doubles, "level \(level), window \(g.kernel) stride \(g.strides) over \(g.input)")
            }
        }
    }

    /// Max pooling of float32 `x` by each C kernel (CNeuronaKernels) this CPU runs, forced by level
    /// (the tensor op picks one by `CPUFeatures.vectorLevel`): AVX-512 where the CPU has it, and SSE2,
    /// the portable x86-64 one, on every x86-64 machine.
    static func everyFloat32MaxPoolKernel(_ x: Tensor, _ g: WindowGeometry) -> [(String, (values: [Double], indices: [Double]))] {
        #if arch(x86_64)
        let (n, c) = (x.shape[0], x.shape[3])
        let count = n * g.output.height * g.output.width * c
        var results: [(String, (values: [Double], indices: [Double]))] = []
        for level: Int32 in CPUFeatures.vectorLevel >= 3 ? [3, 1] : [1] {
            let values = Tensor.zeros([count]), indices = Tensor.zeros([count], dtype: .int64)
            let src = x.storage.pointer.assumingMemoryBound(to: Float.self)
            let out = values.storage.pointer.assumingMemoryBound(to: Float.self)
            let idx = indices.storage.pointer.assumingMemoryBound(to: Int64.self)
            Tensor.maxPoolChunk(UnsafePointer(src), out, idx, g, c, 0..<n, level: level)
            results.append((CPUFeatures.name(level: level), (values.doubles, indices.doubles)))
        }
        return results
        #else
        return []
        #endif
    }

    @Test func reportsWhichMaxPoolKernelsRan() {
        let x = Tensor.ones([1, 9, 8, 3])
        let ran = Self.everyFloat32MaxPoolKernel(x, Self.window(0)).map { $0.0 }
        print("max-pool kernels: Tensor.maxPool (float32) uses \(CPUFeatures.vectorLevel >= 3 ? "AVX-512" : "SSE2"); tests run \(ran + ["Swift (float64)"])")
        #if arch(x86_64)
        #expect(ran.contains("SSE2"))
        expectEqual(ran.contains("AVX-512"), (CPUFeatures.vectorLevel >= 3))
        #endif
    }
}

/// Tensor.conv2d and its gradients work in chunks of images; they must equal the one-piece
/// composition (im2col, matrix products, col2im) over ragged chunks, in both float types, with
/// the direct or small-k kernels (one channel) and BLAS (eight channels).
struct ChunkedConvolutionTests {
    @Test(arguments: [(1, 4), (8, 6)], [DType.float32, .float64])
    func matchesTheOnePieceComposition(channelsAndFilters: (Int, Int), dtype: DType) {
        let (c, f) = channelsAndFilters
        var generator = RandomGenerator(seed: UInt64(c * 10 + f))
        let g = WindowGeometry(input: (12, 12), kernel: (3, 3), strides: (1, 1), same: c == 8)
        let x = Tensor.normal([37, 12, 12, c], dtype: dtype, using: &generator)
        let kernel = Tensor.normal([3, 3, c, f], dtype: dtype, using: &generator)
        let bias = Tensor.normal([f], dtype: dtype, using: &generator)
        let (oh, ow) = (g.output.height, g.output.width)
        let dy = Tensor.normal([37, oh, ow, f], dtype: dtype, using: &generator)
        let tolerance = dtype == .float32 ? 1e-4 : 1e-11
        let workspace = TensorWorkspace()

        let patches = x.im2col(g)
        let matrix = kernel.reshaped([9 * c, f])
        let y = Tensor.conv2d(x, kernel, bias: bias, g, workspace: workspace)
        expectEqual(y.shape, [37, oh, ow, f])
        #expect(maxAbsoluteDifference(y, (patches.matmul(matrix) + bias).reshaped([37, oh, ow, f])) < tolerance)

        let dx = Tensor.conv2dInputGradient(dy, kernel: kernel, g, imageShape: x.shape, workspace: workspace)
        let expectedDx = Tensor.matmul(dy.reshaped([-1, f]), matrix, transposeB: true).col2im(g, imageShape: x.shape)
        #expect(maxAbsoluteDifference(dx, expectedDx) < tolerance)

        let dk = Tensor.conv2dKernelGradient(x, dy, g, kernelShape: kernel.shape, workspace: workspace)
        let expectedDk = Tensor.matmul(patches, dy.reshaped([-1, f]), transposeA: true).reshaped(kernel.shape)
        #expect(maxAbsoluteDifference(dk, expectedDk) < tolerance * 100)
        // One channel in float32 goes to the direct kernels (DirectConv2D) where the CPU has
        // them: only the input gradient then takes patches.
        let direct = DirectConv2D.handles(x, kernel: kernel, bias: bias, g)
        #expect(workspace.allocations == 1 && workspace.reuses == (direct ? 0 : 2))
    }
}

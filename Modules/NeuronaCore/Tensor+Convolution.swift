// Patches for convolution and pooling over channels-last (NHWC) images.

internal import CNeuronaKernels

/// The geometry of a 2-D sliding window over NHWC images: kernel size, strides, dilation and
/// padding, and the output size they give.
public struct WindowGeometry: Equatable, Sendable {
    /// The window's size (rows, columns).
    public var kernel: (height: Int, width: Int)
    /// How far the window moves between outputs (rows, columns).
    public var strides: (height: Int, width: Int)
    /// The spacing between the window's taps (1: adjacent pixels).
    public var dilation: (height: Int, width: Int)
    /// Zeros added before the first row and column (after is whatever the output size needs).
    public var padding: (top: Int, left: Int)
    /// The input image's size.
    public var input: (height: Int, width: Int)
    /// The output's size.
    public var output: (height: Int, width: Int)

    /// Whether some window cell falls outside the image (on the padding).
    public var touchesPadding: Bool {
        let lastY = (output.height - 1) * strides.height + (kernel.height - 1) * dilation.height - padding.top
        let lastX = (output.width - 1) * strides.width + (kernel.width - 1) * dilation.width - padding.left
        return padding.top > 0 || padding.left > 0 || lastY >= input.height || lastX >= input.width
    }

    /// The output columns `lo..<hi` whose window cell in kernel column `kx` lands inside the
    /// image, and the input column the first of them reads.
    @inline(__always)
    func columnRun(kx: Int) -> (lo: Int, hi: Int, firstX: Int) {
        let offset = kx * dilation.width - padding.left   // input column of output column 0
        let lo = offset >= 0 ? 0 : (-offset + strides.width - 1) / strides.width
        let last = input.width - 1 - offset
        let hi = last < 0 ? 0 : Swift.min(output.width, last / strides.width + 1)
        return (lo, Swift.max(lo, hi), lo * strides.width + offset)
    }

    /// Calls `body(firstRow, cell, firstPixel, count)` once per output row of each image in
    /// `images` and per window cell: along that output row the cell sees `count` pixels inside
    /// the image, one stride apart, the first at flat pixel index `firstPixel` (of the whole
    /// batch) for patch row `firstRow`. Cells over the padding are skipped.
    @inline(__always)
    func forEachCellRun(images: Range<Int>, _ body: (Int, Int, Int, Int) -> Void) {
        for image in images {
            for oy in 0..<output.height {
                let rowOfColumn0 = (image * output.height + oy) * output.width
                for ky in 0..<kernel.height {
                    let y = oy * strides.height + ky * dilation.height - padding.top
                    if y < 0 || y >= input.height { continue }
                    let pixelOfColumn0 = (image * input.height + y) * input.width
                    for kx in 0..<kernel.width {
                        let run = columnRun(kx: kx)
                        if run.hi > run.lo {
                            body(rowOfColumn0 + run.lo, ky * kernel.width + kx, pixelOfColumn0 + run.firstX, run.hi - run.lo)
                        }
                    }
                }
            }
        }
    }

    /// Whether images `[N, H, W, C]` of `imageShape` and a kernel `[KH, KW, C, F]` of
    /// `kernelShape` fit this window: ranks, the image size, the kernel size and the channels.
    func fits(imageShape: [Int], kernelShape: [Int]) -> Bool {
        imageShape.count == 4 && kernelShape.count == 4
            && imageShape[1] == input.height && imageShape[2] == input.width
            && kernelShape[0] == kernel.height && kernelShape[1] == kernel.width && kernelShape[2] == imageShape[3]
    }

    public static func == (a: WindowGeometry, b: WindowGeometry) -> Bool {
        a.kernel == b.kernel && a.strides == b.strides && a.dilation == b.dilation && a.padding == b.padding
            && a.input == b.input && a.output == b.output
    }

    /// The window over an `inputHeight`×`inputWidth` image. `same` pads so that the output is
    /// ⌈input / stride⌉ (Keras and TensorFlow's rule: the extra row or column goes after);
    /// `valid` does not pad. Stops when the window does not fit.
    /// - Parameters:
    ///   - input: The image's height and width.
    ///   - kernel: The window's height and width.
    ///   - strides: The step between windows, rows and columns.
    ///   - dilation: The spacing between the window's taps, rows and columns.
    ///   - same: `true` for Keras's `padding="same"`, `false` for `"valid"`.
    public init(input: (Int, Int), kernel: (Int, Int), strides: (Int, Int) = (1, 1), dilation: (Int, Int) = (1, 1), same: Bool) {
        checkPrecondition(kernel.0 > 0 && kernel.1 > 0 && strides.0 > 0 && strides.1 > 0 && dilation.0 > 0 && dilation.1 > 0,
                          "window: kernel \(kernel), strides \(strides) and dilation \(dilation) must be positive")
        self.input = (input.0, input.1)
        self.kernel = (kernel.0, kernel.1)
        self.strides = (strides.0, strides.1)
        self.dilation = (dilation.0, dilation.1)
        let span = ((kernel.0 - 1) * dilation.0 + 1, (kernel.1 - 1) * dilation.1 + 1)
        if same {
            let out = ((input.0 + strides.0 - 1) / strides.0, (input.1 + strides.1 - 1) / strides.1)
            let totalH = Swift.max((out.0 - 1) * strides.0 + span.0 - input.0, 0)
            let totalW = Swift.max((out.1 - 1) * strides.1 + span.1 - input.1, 0)
            padding = (totalH / 2, totalW / 2)
            output = out
        } else {
            checkPrecondition(input.0 >= span.0 && input.1 >= span.1,
                              "window: a \(kernel.0)×\(kernel.1) kernel (dilation \(dilation)) does not fit a \(input.0)×\(input.1) image without padding")
            padding = (0, 0)
            output = ((input.0 - span.0) / strides.0 + 1, (input.1 - span.1) / strides.1 + 1)
        }
    }
}

extension Tensor {
    /// The patches a window sees, one row per output position: for an image batch `[N, H, W, C]`
    /// the result is `[N·OH·OW, KH·KW·C]`, each row holding the window's pixels in (row, column,
    /// channel) order, zeros where the window hangs over the padding. A convolution is then one
    /// matrix product with the kernel reshaped to `[KH·KW·C, filters]`.
    public func im2col(_ g: WindowGeometry) -> Tensor {
        checkPrecondition(rank == 4 && shape[1] == g.input.height && shape[2] == g.input.width,
                          "im2col: images of shape \(shape) for a window over \(g.input.height)×\(g.input.width)")
        checkPrecondition(dtype.isFloatingPoint, "im2col: needs floating-point images, got \(dtype)")
        let (n, c) = (shape[0], shape[3])
        let rowLength = g.kernel.height * g.kernel.width * c
        let positions = g.output.height * g.output.width
        let out = Tensor(uninitializedShape: [n * positions, rowLength], dtype: dtype)
        let (src, dst, dtype) = (storage.pointer, out.storage.pointer, dtype)
        Parallel.forEachChunk(count: n, minimumPerChunk: Swift.max(1, 1 << 16 / Swift.max(1, positions * rowLength))) { images in
            let firstRow = images.lowerBound * positions
            Tensor.writePatches(src, into: dst + firstRow * rowLength * dtype.byteSize, dtype: dtype, g, channels: c, images: images)
        }
        return out
    }

    /// The reverse of ``im2col(_:)`` for gradients: each patch row's values added back onto the
    /// pixels they came from, giving images of `shape` `[N, H, W, C]`.
    public func col2im(_ g: WindowGeometry, imageShape: [Int]) -> Tensor {
        let (n, c) = (imageShape[0], imageShape[3])
        let rowLength = g.kernel.height * g.kernel.width * c
        let positions = g.output.height * g.output.width
        checkPrecondition(shape == [n * positions, rowLength],
                          "col2im: patches of shape \(shape) do not match images \(imageShape)")
        let out = Tensor.zeros(imageShape, dtype: dtype)
        let (src, dst, dtype) = (storage.pointer, out.storage.pointer, dtype)
        Parallel.forEachChunk(count: n, minimumPerChunk: Swift.max(1, 1 << 16 / Swift.max(1, positions * rowLength))) { images in
            let firstRow = images.lowerBound * positions
            Tensor.addPatches(src + firstRow * rowLength * dtype.byteSize, onto: dst, dtype: dtype, g, channels: c, images: images)
        }
        return out
    }

    /// The patch rows of `images` (float32 or float64) written to `dst`, which holds their rows
    /// only (the first image's first row at `dst`); zeros where the window hangs over the padding.
    static func writePatches(_ src: UnsafeMutableRawPointer, into dst: UnsafeMutableRawPointer, dtype: DType,
                             _ g: WindowGeometry, channels c: Int, images: Range<Int>) {
        let rowLength = g.kernel.height * g.kernel.width * c
        let rowBase = images.lowerBound * g.output.height * g.output.width
        // Without padding every cell of every patch is written below: no need to zero-fill.
        if g.touchesPadding {
            let rows = images.count * g.output.height * g.output.width
            TensorStorage.zero(dst, byteCount: rows * rowLength * dtype.byteSize)
        }
        // Copied as same-sized integers: a typed loop, not a memcpy call per cell (a first
        // layer has one channel).
        if dtype == .float32 {
            im2colChunk(src.assumingMemoryBound(to: UInt32.self), dst.assumingMemoryBound(to: UInt32.self), g, c, rowLength, images, rowBase: rowBase)
        } else {
            im2colChunk(src.assumingMemoryBound(to: UInt64.self), dst.assumingMemoryBound(to: UInt64.self), g, c, rowLength, images, rowBase: rowBase)
        }
    }

    /// The patch rows of `images` in `src` (the first image's first row at `src`) added onto
    /// the pixels they came from in the image batch `dst` (float32 or float64): col2im, the runs
    /// of `im2colChunk` read back, each added by CNeuronaKernels' loop (elementwise_loops.h),
    /// which a debug build also runs optimized.
    static func addPatches(_ src: UnsafeMutableRawPointer, onto dst: UnsafeMutableRawPointer, dtype: DType,
                           _ g: WindowGeometry, channels c: Int, images: Range<Int>) {
        let rowLength = g.kernel.height * g.kernel.width * c
        let rowBase = images.lowerBound * g.output.height * g.output.width
        let step = g.strides.width * c
        let size = dtype.byteSize
        g.forEachCellRun(images: images) { firstRow, cell, firstPixel, count in
            let s = src + ((firstRow - rowBase) * rowLength + cell * c) * size
            let d = dst + firstPixel * c * size
            if dtype == .float32 {
                neurona_add_strided_runs_f32(s.assumingMemoryBound(to: Float.self), d.assumingMemoryBound(to: Float.self), c, count, rowLength, step)
            } else {
                neurona_add_strided_runs_f64(s.assumingMemoryBound(to: Double.self), d.assumingMemoryBound(to: Double.self), c, count, rowLength, step)
            }
        }
    }

    /// im2col for `images`: for every output row and window cell, one strided run that copies
    /// the pixels the cell sees along that row (`c` values each) into the patch rows. `dst`
    /// holds patch rows from `rowBase` on.
    private static func im2colChunk<E>(_ src: UnsafeMutablePointer<E>, _ dst: UnsafeMutablePointer<E>, _ g: WindowGeometry,
                                       _ c: Int, _ rowLength: Int, _ images: Range<Int>, rowBase: Int) {
        g.forEachCellRun(images: images) { firstRow, cell, firstPixel, count in
            var d = dst + (firstRow - rowBase) * rowLength + cell * c
            var s = src + firstPixel * c
            let step = g.strides.width * c
            if c == 1 {
                for _ in 0..<count { d[0] = s[0]; d += rowLength; s += step }
            } else if c < 8 {
                for _ in 0..<count {
                    for k in 0..<c { d[k] = s[k] }
                    d += rowLength; s += step
                }
            } else {
                for _ in 0..<count { d.update(from: s, count: c); d += rowLength; s += step }
            }
        }
    }

    /// Max pooling of NHWC images: each window's largest value per channel (`values`,
    /// `[N, OH, OW, C]`) and, for the backward pass, the flat index into this tensor of the pixel
    /// that won (`indices`, int64, same shape). Padding never wins; on ties the first cell wins.
    public func maxPool(_ g: WindowGeometry) -> (values: Tensor, indices: Tensor) {
        checkPrecondition(rank == 4 && shape[1] == g.input.height && shape[2] == g.input.width,
                          "maxPool: images of shape \(shape) for a window over \(g.input.height)×\(g.input.width)")
        guard dtype == .float32 || dtype == .float64 else { return converted(to: .float32).maxPool(g) }
        let (n, c) = (shape[0], shape[3])
        let outShape = [n, g.output.height, g.output.width, c]
        let values = Tensor(uninitializedShape: outShape, dtype: dtype)
        let indices = Tensor(uninitializedShape: outShape, dtype: .int64)
        let (src, dst) = (storage.pointer, values.storage.pointer)
        let idx = indices.storage.pointer.assumingMemoryBound(to: Int64.self)
        let isFloat = dtype == .float32
        Parallel.forEachChunk(count: n, minimumPerChunk: Swift.max(1, 1 << 15 / Swift.max(1, g.output.height * g.output.width * c))) { images in
            if isFloat {
                Tensor.maxPoolChunk(UnsafePointer(src.assumingMemoryBound(to: Float.self)), dst.assumingMemoryBound(to: Float.self), idx, g, c, images)
            } else {
                Tensor.maxPoolChunk(UnsafePointer(src.assumingMemoryBound(to: Double.self)), dst.assumingMemoryBound(to: Double.self), idx, g, c, images)
            }
        }
        return (values, indices)
    }

    /// The winners' indices of ``maxPool(_:)`` alone.
    public func maxPoolIndices(_ g: WindowGeometry) -> Tensor { maxPool(g).indices }

    /// The gradient of ``maxPool(_:)`` over the window `g` with respect to its images, for this
    /// output gradient `[N, OH, OW, C]` and the `winners` `maxPool` returned with the values:
    /// images `[N, H, W, C]`, zero except at the winners, where each window's gradient is added
    /// (in output order when overlapping windows share a winner). Each winner must lie in its
    /// own image (in its own window where the windows tile the image), as `maxPool`'s do. One
    /// pass per image, the images spread over the cores.
    public func maxPoolGradient(winners: Tensor, _ g: WindowGeometry) -> Tensor {
        maxPoolGradient(winners: winners, g, level: CPUFeatures.vectorLevel)
    }

    /// ``maxPoolGradient(winners:_:)`` with the float32 kernel for vector `level` (3: AVX-512
    /// where the windows tile the image; tests force the plain C one on AVX-512 machines too).
    func maxPoolGradient(winners: Tensor, _ g: WindowGeometry, level: Int32) -> Tensor {
        checkPrecondition(rank == 4 && shape[1] == g.output.height && shape[2] == g.output.width && winners.dtype == .int64 && winners.shape == shape,
                          "maxPoolGradient: output gradient \(shape), winners \(winners.dtype) \(winners.shape) for a window from \(g.input.height)×\(g.input.width) to \(g.output.height)×\(g.output.width)")
        checkPrecondition(level <= CPUFeatures.vectorLevel, "maxPoolGradient: kernel level \(level) on a CPU at level \(CPUFeatures.vectorLevel)")
        guard dtype == .float32 || dtype == .float64 else { return converted(to: .float32).maxPoolGradient(winners: winners, g, level: level) }
        let (n, c) = (shape[0], shape[3])
        let imageShape = [n, g.input.height, g.input.width, c]
        let out = Tensor(uninitializedShape: imageShape, dtype: dtype)
        let (imageSize, pooledSize) = (g.input.height * g.input.width * c, g.output.height * g.output.width * c)
        // Windows that tile the image: each pixel in at most one window, none over the padding.
        let tiles = g.strides == g.kernel && g.dilation == (1, 1) && g.padding == (0, 0)
            && g.output.height * g.kernel.height <= g.input.height && g.output.width * g.kernel.width <= g.input.width
        // The first winner outside its image (or window), per chunk of images (-1: none).
        var outside = [Int](repeating: -1, count: n)
        let (src, dst) = (storage.pointer, out.storage.pointer)
        let idx = UnsafePointer(winners.storage.pointer.assumingMemoryBound(to: Int64.self))
        let isFloat = dtype == .float32
        outside.withUnsafeMutableBufferPointer { outside in
            Parallel.forEachChunk(count: n, minimumPerChunk: Swift.max(1, 1 << 15 / Swift.max(1, imageSize))) { images in
                outside[images.lowerBound] = isFloat
                    ? neurona_maxpool_backward_f32(level, src.assumingMemoryBound(to: Float.self), idx, dst.assumingMemoryBound(to: Float.self),
                                                   images.lowerBound, images.upperBound, g.input.height, g.input.width, c,
                                                   g.output.height, g.output.width, g.kernel.height, g.kernel.width, tiles ? 1 : 0)
                    : Tensor.maxPoolGradientChunk(src.assumingMemoryBound(to: Double.self), idx, dst.assumingMemoryBound(to: Double.self),
                                                  images, imageSize: imageSize, pooledSize: pooledSize)
            }
        }
        if let bad = outside.first(where: { $0 >= 0 }) {
            preconditionFailed("maxPoolGradient: winner \(idx[bad]) at position \(bad) of \(shape) lies outside its \(tiles ? "window" : "image") of \(imageShape)")
        }
        withExtendedLifetime((self, winners)) {}
        return out
    }

    /// ``maxPoolGradient(winners:_:)`` for `images` in Swift (float64), in the order of
    /// `neurona_maxpool_backward_f32`'s plain C kernel; returns the position of the first winner outside its
    /// image, or -1.
    static func maxPoolGradientChunk(_ dy: UnsafePointer<Double>, _ winners: UnsafePointer<Int64>, _ dx: UnsafeMutablePointer<Double>,
                                     _ images: Range<Int>, imageSize: Int, pooledSize: Int) -> Int {
        for image in images {
            let first = image * imageSize
            (dx + first).initialize(repeating: 0, count: imageSize)
            for i in image * pooledSize..<(image + 1) * pooledSize {
                let j = Int(winners[i])
                if j < first || j >= first + imageSize { return i }
                dx[j] += dy[i]
            }
        }
        return -1
    }

    /// Float32 max pooling for `images` in the C kernels (`max_pool.c` in CNeuronaKernels): the
    /// AVX-512 one at vector `level` 3, the SSE2 one below. `level` forces a kernel (tests run
    /// the SSE2 one on AVX-512 machines too); it must not exceed the CPU's.
    static func maxPoolChunk(_ src: UnsafePointer<Float>, _ values: UnsafeMutablePointer<Float>, _ idx: UnsafeMutablePointer<Int64>,
                             _ g: WindowGeometry, _ c: Int, _ images: Range<Int>, level: Int32 = CPUFeatures.vectorLevel) {
        checkPrecondition(level <= CPUFeatures.vectorLevel, "maxPool: kernel level \(level) on a CPU at level \(CPUFeatures.vectorLevel)")
        let cells = UnsafeMutablePointer<Int32>.allocate(capacity: g.kernel.height * g.kernel.width)
        defer { cells.deallocate() }
        // The SSE2 kernel's scratch space (the AVX-512 one keeps its best values in registers).
        let scratch = level >= 3 ? 0 : c
        let best = UnsafeMutablePointer<Float>.allocate(capacity: scratch)
        let winner = UnsafeMutablePointer<Int32>.allocate(capacity: scratch)
        defer { best.deallocate(); winner.deallocate() }
        neurona_maxpool_f32(level, src, values, idx, images.lowerBound, images.upperBound, g.input.height, g.input.width, c,
                            g.output.height, g.output.width, g.kernel.height, g.kernel.width,
                            g.strides.height, g.strides.width, g.dilation.height, g.dilation.width,
                            g.padding.top, g.padding.left, cells, best, winner)
    }

    /// Max pooling for `images` in Swift (float64).
    static func maxPoolChunk<T: FloatingScalar>(_ src: UnsafePointer<T>, _ values: UnsafeMutablePointer<T>, _ idx: UnsafeMutablePointer<Int64>,
                                                _ g: WindowGeometry, _ c: Int, _ images: Range<Int>) {
        let bestValue = UnsafeMutablePointer<T>.allocate(capacity: c)
        let bestBase = UnsafeMutablePointer<Int32>.allocate(capacity: c)
        defer { bestValue.deallocate(); bestBase.deallocate() }
        for image in images {
            for oy in 0..<g.output.height {
                for ox in 0..<g.output.width {
                    let row = (image * g.output.height + oy) * g.output.width + ox
                    var first = true
                    // The winner's pixel (in units of c), kept as Int32 beside the values so that
                    // the compare-and-select below vectorizes.
                    for ky in 0..<g.kernel.height {
                        let y = oy * g.strides.height + ky * g.dilation.height - g.padding.top
                        if y < 0 || y >= g.input.height { continue }
                        for kx in 0..<g.kernel.width {
                            let x = ox * g.strides.width + kx * g.dilation.width - g.padding.left
                            if x < 0 || x >= g.input.width { continue }
                            let pixel = Int32((image * g.input.height + y) * g.input.width + x)
                            let p = src + Int(pixel) * c
                            if first {
                                for k in 0..<c { bestValue[k] = p[k]; bestBase[k] = pixel }
                                first = false
                            } else {
                                for k in 0..<c {
                                    let better = p[k] > bestValue[k]
                                    bestValue[k] = better ? p[k] : bestValue[k]
                                    bestBase[k] = better ? pixel : bestBase[k]
                                }
                            }
                        }
                    }
                    (values + row * c).update(from: bestValue, count: c)
                    let target = idx + row * c
                    for k in 0..<c { target[k] = Int64(bestBase[k]) * Int64(c) + Int64(k) }
                }
            }
        }
    }
}

internal import CNeuronaKernels

/// 2-D convolution of float32 images with at most ``maximumChannels`` channels, computed
/// directly (`direct_conv.c` in CNeuronaKernels) instead of through im2col and a matrix product.
///
/// The first layer of an image network sees one or three channels, so its patch matrix is only
/// KH·KW·C wide (9 for a grey 3×3 convolution): the product behind it is too thin for BLAS, and
/// building the patches costs as much as multiplying them. The direct kernels read the images
/// in place: the forward pass broadcasts each input value into a block of output pixels'
/// accumulators (one vector per 16 filters), the kernel gradient keeps a block of kernel cells'
/// accumulators and multiplies each output pixel's gradient by the cells' input values.
///
/// `Tensor.conv2d` and `Tensor.conv2dKernelGradient` come here when ``handles(_:kernel:bias:_:level:)``
/// and ``handlesKernelGradient(_:_:_:kernelShape:level:)`` say so: float32, few channels, and a
/// CPU with AVX2 + FMA or AVX-512 (below that OpenBLAS does better than the portable kernel,
/// which tests run as a reference). Float64 keeps the im2col path.
enum DirectConv2D {
    /// The most input channels the direct kernels take.
    static let maximumChannels = 4

    /// The lowest vector level (`CPUFeatures.vectorLevel`) at which convolutions come here.
    static let minimumLevel: Int32 = 2

    /// Whether the convolution of `x` with `kernel` (and `bias`) over `g` goes to the direct
    /// kernel at vector `level`. Anything it does not take, shapes that do not fit included, is
    /// left to the im2col path, which checks and reports them.
    static func handles(_ x: Tensor, kernel: Tensor, bias: Tensor?, _ g: WindowGeometry,
                        level: Int32 = CPUFeatures.vectorLevel) -> Bool {
        guard level >= minimumLevel, x.dtype == .float32, kernel.dtype == .float32, kernel.rank == 4,
              fits(imageShape: x.shape, kernelShape: kernel.shape, g) else { return false }
        guard let bias else { return true }
        return bias.dtype == .float32 && bias.shape == [kernel.shape[3]]
    }

    /// Whether the kernel gradient of the convolution of `x` over `g`, for the output gradient
    /// `dy`, goes to the direct kernel at vector `level`.
    static func handlesKernelGradient(_ x: Tensor, _ dy: Tensor, _ g: WindowGeometry, kernelShape: [Int],
                                      level: Int32 = CPUFeatures.vectorLevel) -> Bool {
        guard level >= minimumLevel, x.dtype == .float32, dy.dtype == .float32, kernelShape.count == 4,
              fits(imageShape: x.shape, kernelShape: kernelShape, g) else { return false }
        return dy.shape == [x.shape[0], g.output.height, g.output.width, kernelShape[3]]
    }

    /// Whether images `[N, H, W, C]` with C ≤ ``maximumChannels`` and a kernel `[KH, KW, C, F]`
    /// fit the window `g`.
    private static func fits(imageShape: [Int], kernelShape: [Int], _ g: WindowGeometry) -> Bool {
        g.fits(imageShape: imageShape, kernelShape: kernelShape)
            && imageShape[3] >= 1 && imageShape[3] <= maximumChannels && kernelShape[3] >= 1
    }

    /// The convolution of `x` `[N, H, W, C]` with `kernel` `[KH, KW, C, F]` over `g`, plus
    /// `bias` `[F]`, then `max(·, 0)` when `relu`: `[N, OH, OW, F]`, rows of output spread over
    /// the cores. `level` picks the kernel: 3 AVX-512, 2 AVX2 + FMA, below that the portable
    /// one (tests run every level the CPU has); it must not exceed the CPU's.
    static func convolution(_ x: Tensor, _ kernel: Tensor, bias: Tensor?, _ g: WindowGeometry, relu: Bool = false,
                            level: Int32 = CPUFeatures.vectorLevel) -> Tensor {
        checkPrecondition(handles(x, kernel: kernel, bias: bias, g, level: Swift.max(level, minimumLevel)) && level <= CPUFeatures.vectorLevel,
                          "DirectConv2D.convolution: images \(x.dtype) \(x.shape), kernel \(kernel.dtype) \(kernel.shape) over \(g.input.height)×\(g.input.width) at kernel level \(level) (CPU \(CPUFeatures.vectorLevel))")
        let window = Self.window(imageShape: x.shape, filters: kernel.shape[3], g)
        let out = Tensor(uninitializedShape: [x.shape[0], g.output.height, g.output.width, window.f], dtype: .float32)
        let (src, weights, dst) = (floats(x), floats(kernel), out.storage.pointer.assumingMemoryBound(to: Float.self))
        let biasPointer = bias.map(floats)
        let rows = x.shape[0] * g.output.height
        let multiplyAddsPerRow = g.output.width * window.f * g.kernel.height * g.kernel.width * window.c
        withUnsafePointer(to: window) { w in
            Parallel.forEachChunk(count: rows, minimumPerChunk: Swift.max(1, (1 << 16) / Swift.max(1, multiplyAddsPerRow))) { range in
                neurona_direct_conv_f32(level, w, src, weights, biasPointer, dst, range.lowerBound, range.upperBound, relu ? 1 : 0)
            }
        }
        withExtendedLifetime((x, kernel, bias)) {}
        return out
    }

    /// Images summed per partial kernel gradient: the batch splits into at most this many
    /// parts, by a fixed rule (not the core count), so the sum is the same on any machine.
    static let maximumParts = 8

    /// The kernel gradient `[KH, KW, C, F]` of the convolution of `x` over `g`, for the output
    /// gradient `dy` `[N, OH, OW, F]`: Σ x-patch · dy. The images split into at most
    /// ``maximumParts`` equal parts, each summed on its own (the parts spread over the cores),
    /// then the parts in order. `level` as in ``convolution(_:_:bias:_:relu:level:)``.
    static func kernelGradient(_ x: Tensor, _ dy: Tensor, _ g: WindowGeometry, kernelShape: [Int],
                               level: Int32 = CPUFeatures.vectorLevel) -> Tensor {
        checkPrecondition(handlesKernelGradient(x, dy, g, kernelShape: kernelShape, level: Swift.max(level, minimumLevel)) && level <= CPUFeatures.vectorLevel,
                          "DirectConv2D.kernelGradient: images \(x.dtype) \(x.shape), output gradient \(dy.dtype) \(dy.shape), kernel \(kernelShape) at kernel level \(level) (CPU \(CPUFeatures.vectorLevel))")
        let window = Self.window(imageShape: x.shape, filters: kernelShape[3], g)
        let n = x.shape[0]
        let kernelCount = kernelShape.reduce(1, *)
        let out = Tensor.zeros(kernelShape, dtype: .float32)
        if n == 0 { return out }
        let imagesPerPart = (n + maximumParts - 1) / maximumParts
        let parts = (n + imagesPerPart - 1) / imagesPerPart
        let partials = UnsafeMutablePointer<Float>.allocate(capacity: parts * kernelCount)
        defer { partials.deallocate() }
        let (src, gradient) = (floats(x), floats(dy))
        let multiplyAddsPerPart = imagesPerPart * g.output.height * g.output.width * kernelCount
        withUnsafePointer(to: window) { w in
            Parallel.forEachChunk(count: parts, minimumPerChunk: Swift.max(1, (1 << 16) / Swift.max(1, multiplyAddsPerPart))) { range in
                for part in range {
                    let first = part * imagesPerPart
                    neurona_direct_conv_kernel_gradient_f32(level, w, src, gradient, partials + part * kernelCount,
                                                            first, Swift.min(n, first + imagesPerPart))
                }
            }
        }
        let sums = out.storage.pointer.assumingMemoryBound(to: Float.self)
        for part in 0..<parts {
            let partial = partials + part * kernelCount
            for i in 0..<kernelCount { sums[i] += partial[i] }
        }
        withExtendedLifetime((x, dy)) {}
        return out
    }

    /// The C kernels' description of the window over images of `imageShape` with `filters` filters.
    private static func window(imageShape: [Int], filters: Int, _ g: WindowGeometry) -> neurona_conv_window {
        neurona_conv_window(in_h: g.input.height, in_w: g.input.width, c: imageShape[3], out_h: g.output.height,
                            out_w: g.output.width, f: filters, k_h: g.kernel.height, k_w: g.kernel.width,
                            s_h: g.strides.height, s_w: g.strides.width, d_h: g.dilation.height, d_w: g.dilation.width,
                            pad_t: g.padding.top, pad_l: g.padding.left)
    }

    /// A float32 tensor's elements.
    private static func floats(_ t: Tensor) -> UnsafePointer<Float> {
        UnsafePointer(t.storage.pointer.assumingMemoryBound(to: Float.self))
    }
}

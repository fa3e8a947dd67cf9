// All the gradients of one convolution (optionally followed by relu) in one pass over its chunks.
//
// Training needs, for y = relu(conv2d(x, K) + b) and an output gradient dy:
//   d  = dy · [y > 0]                      (relu's mask; d = dy without relu)
//   dx = conv2dInputGradient(d, K)          = col2im(d·Kᵀ)
//   dK = conv2dKernelGradient(x, d)         = im2col(x)ᵀ·d
//   db = Σ over N, OH, OW of d
// Done as separate ops, d is a whole-tensor pass (two with the mask), the bias sum another, and
// the two gradients two passes over the chunks. Here each chunk of images masks its rows of dy
// into scratch memory, sums them into its share of db, builds its patch matrix for dK, and
// reuses that space for its share of d·Kᵀ before col2im: the chunk's rows of d stay in cache for
// all three. The results are the bits of the separate ops for dx and dK (the same products on
// the same values, the chunk shares summed in the same order); db is summed per chunk, then the
// chunks in order, so it too is the same on any number of cores.
//
// This is a tensor computation, not a differentiable op: Variable.conv2d uses it when no graph
// of the gradient is being built, and composes the differentiable ops otherwise.

extension Tensor {
    /// The gradients of a convolution `y = conv2d(x, K) + b` (or `relu` of it), as
    /// ``conv2dGradients(_:images:kernel:_:reluOutput:computing:workspace:)`` returns them.
    public struct Conv2DGradients {
        /// The images' gradient, `[N, H, W, C]`, when asked for.
        public var input: Tensor?
        /// The kernel's gradient, `[KH, KW, C, F]`, when asked for.
        public var kernel: Tensor?
        /// The bias's gradient, `[F]`, when asked for.
        public var bias: Tensor?
    }

    /// The gradients of `y = conv2d(x, kernel) + b` for the output gradient `dy`
    /// `[N, OH, OW, F]`, in one pass over the images' chunks: the same values as
    /// ``conv2dInputGradient(_:kernel:_:imageShape:workspace:)``,
    /// ``conv2dKernelGradient(_:_:_:kernelShape:workspace:)`` and `dy.sum(axes: [0, 1, 2])`.
    ///
    /// - Parameters:
    ///   - dy: The gradient of the output.
    ///   - x: The convolution's images.
    ///   - kernel: The convolution's kernel.
    ///   - g: The window geometry.
    ///   - reluOutput: The output `y` when the convolution was followed by relu
    ///     (``conv2d(_:_:bias:_:relu:workspace:)`` with `relu`): `dy` then counts only where
    ///     `y > 0` (NaN counts, as in `relu()`'s gradient).
    ///   - computing: Which gradients to compute (the images', the kernel's, the bias's).
    ///   - workspace: Scratch memory kept from one call to the next.
    public static func conv2dGradients(_ dy: Tensor, images x: Tensor, kernel: Tensor, _ g: WindowGeometry, reluOutput: Tensor? = nil,
                                       computing wanted: (input: Bool, kernel: Bool, bias: Bool),
                                       workspace: TensorWorkspace? = nil) -> Conv2DGradients {
        let plan = ConvolutionPlan(imageShape: x.shape, kernelShape: kernel.shape, dtypes: (x.dtype, kernel.dtype), g, op: "conv2dGradients")
        let outputShape = [plan.n, g.output.height, g.output.width, plan.filters]
        checkPrecondition(dy.shape == outputShape && dy.dtype == x.dtype && (reluOutput.map { $0.shape == outputShape && $0.dtype == x.dtype } ?? true),
                          "conv2dGradients: output gradient \(dy.dtype) \(dy.shape) (relu output \(reluOutput.map { "\($0.dtype) \($0.shape)" } ?? "none")) does not fit images \(x.dtype) \(x.shape) and kernel \(kernel.shape)")
        let dtype = x.dtype, size = dtype.byteSize
        let filters = plan.filters
        let kernelCount = plan.patchLength * filters
        // A kernel gradient the direct kernels take (a first layer's) goes through
        // conv2dKernelGradient, on the masked gradient written whole.
        let (input, kernelGradient, bias) = wanted
        let fusesKernel = kernelGradient && !DirectConv2D.handlesKernelGradient(x, dy, g, kernelShape: kernel.shape)
        let masked: Tensor? = reluOutput != nil && kernelGradient && !fusesKernel ? Tensor(uninitializedShape: outputShape, dtype: dtype) : nil
        let inputGradient: Tensor? = input ? Tensor(uninitializedShape: x.shape, dtype: dtype) : nil
        let kernelPartials: Tensor? = fusesKernel ? Tensor(uninitializedShape: [plan.chunkCount, kernelCount], dtype: dtype) : nil
        let biasPartials: Tensor? = bias ? Tensor(uninitializedShape: [plan.chunkCount, filters], dtype: dtype) : nil
        let (src, weights, gradient) = (x.storage.pointer, kernel.storage.pointer, dy.storage.pointer)
        let (mask, maskedAll) = (reluOutput?.storage.pointer, masked?.storage.pointer)
        let (dx, dK, db) = (inputGradient?.storage.pointer, kernelPartials?.storage.pointer, biasPartials?.storage.pointer)
        let patchBytes = plan.patchElementsPerChunk * size
        plan.forEachChunk(workspace: workspace, extraPerRow: reluOutput != nil && maskedAll == nil ? filters : 0) { images, scratch in
            let rows = images.count * plan.positions
            let rowOffset = plan.firstOutputByte(of: images)
            let chunk = plan.chunk(of: images)
            // This chunk's rows of d: dy itself, or dy masked by relu into scratch (or into the
            // whole masked tensor a first layer's kernel gradient reads).
            var d = gradient + rowOffset
            if let mask {
                let target = maskedAll.map { $0 + rowOffset } ?? scratch + patchBytes
                maskByRelu(d, mask + rowOffset, into: target, count: rows * filters, dtype: dtype)
                d = target
            }
            if let db { sumRows(d, rows: rows, columns: filters, into: db + chunk * filters * size, dtype: dtype) }
            if let dK {
                plan.writeKernelGradientShare(of: images, images: src, outputGradient: d, scratch: scratch,
                                              into: dK + chunk * kernelCount * size)
            }
            if let dx { plan.writeInputGradient(of: images, outputGradient: d, kernel: weights, scratch: scratch, into: dx) }
        }
        var result = Conv2DGradients(input: inputGradient, kernel: nil, bias: biasPartials?.sum(axes: [0]))
        if let kernelPartials {
            result.kernel = kernelPartials.sum(axes: [0]).reshaped(kernel.shape)
        } else if kernelGradient {
            result.kernel = conv2dKernelGradient(x, masked ?? dy, g, kernelShape: kernel.shape, workspace: workspace)
        }
        return result
    }

    /// `dst[i] = dy[i] · (y[i] <= 0 ? 0 : 1)` for `count` float32 or float64 values: relu's
    /// gradient as `relu()`'s backward computes it (a product with its 0/1 step).
    /// (relu's output is ≤ 0 exactly where its input is, NaN aside, which counts in both, so
    /// this is relu's own backward loop, ``gradientKernel(_:_:upstream:saved:into:dtype:)``.)
    static func maskByRelu(_ dy: UnsafeMutableRawPointer, _ y: UnsafeMutableRawPointer, into dst: UnsafeMutableRawPointer, count: Int, dtype: DType) {
        gradientKernel(.relu, 0..<count, upstream: dy, saved: y, into: dst, dtype: dtype)
    }
}

import Dispatch
import Synchronization
internal import CNeuronaKernels

// 2-D convolution of NHWC images and its two gradients, computed a few images at a time.
//
// As one im2col + GEMM, the second layer of the CNN sample builds an 8.9 MB patch matrix per
// batch, writes it to memory, reads it back for the product, keeps it for the kernel gradient,
// and builds a patch gradient just as large before col2im. Here each chunk of images gets a
// patch matrix of at most 768 KB that stays in the core's cache between im2col, the product and
// col2im; the chunks run on all cores at once, each product single-threaded. The kernel
// gradient recomputes the patches instead of keeping them.
//
// The three functions are each other's derivatives, so convolutions stay differentiable to any
// order (see Variable.conv2d):
//   y  = conv2d(x, K)                      x [N,H,W,C], K [KH,KW,C,F], y [N,OH,OW,F]
//   dx = conv2dInputGradient(dy, K)        = col2im(dy·Kᵀ)
//   dK = conv2dKernelGradient(x, dy)       = im2col(x)ᵀ·dy

extension Tensor {
    /// The convolution of images `x` `[N, H, W, C]` with `kernel` `[KH, KW, C, F]` over the
    /// window `g`, plus `bias` `[F]`: `[N, OH, OW, F]`. With `relu`, `max(·, 0)` of that (as
    /// `relu()`, NaN passed through), applied to each chunk's rows while they are in cache.
    /// Scratch memory comes from `workspace` when given (kept from one call to the next).
    public static func conv2d(_ x: Tensor, _ kernel: Tensor, bias: Tensor? = nil, _ g: WindowGeometry, relu: Bool = false,
                              workspace: TensorWorkspace? = nil) -> Tensor {
        if DirectConv2D.handles(x, kernel: kernel, bias: bias, g) { return DirectConv2D.convolution(x, kernel, bias: bias, g, relu: relu) }
        let plan = ConvolutionPlan(imageShape: x.shape, kernelShape: kernel.shape, dtypes: (x.dtype, kernel.dtype), g, op: "conv2d")
        if let bias {
            checkPrecondition(bias.shape == [plan.filters] && bias.dtype == x.dtype,
                              "conv2d: bias \(bias.dtype) \(bias.shape) does not fit \(plan.filters) filters of \(x.dtype)")
        }
        let out = Tensor(uninitializedShape: [plan.n, g.output.height, g.output.width, plan.filters], dtype: x.dtype)
        let (src, weights, dst) = (x.storage.pointer, kernel.storage.pointer, out.storage.pointer)
        let biasPointer = bias?.storage.pointer
        let size = x.dtype.byteSize
        plan.forEachChunk(workspace: workspace) { images, scratch in
            let rows = images.count * plan.positions
            writePatches(src, into: scratch, dtype: x.dtype, g, channels: plan.channels, images: images)
            let target = dst + plan.firstOutputByte(of: images)
            if let biasPointer, x.dtype == .float32, SmallGEMM.handlesProduct(k: plan.patchLength) {
                SmallGEMM.product(m: rows, n: plan.filters, k: plan.patchLength, a: scratch.assumingMemoryBound(to: Float.self),
                                  b: weights.assumingMemoryBound(to: Float.self), bias: biasPointer.assumingMemoryBound(to: Float.self),
                                  c: target.assumingMemoryBound(to: Float.self), accumulate: false, parallel: false)
                if relu { Tensor.cLibraryMap(NEURONA_MAP_RELU, from: target, into: target, count: rows * plan.filters, dtype: x.dtype) }
                return
            }
            if let biasPointer {
                // Each output row starts from the bias; the product adds onto it (β = 1).
                for r in 0..<rows { (target + r * plan.filters * size).copyMemory(from: biasPointer, byteCount: plan.filters * size) }
            }
            gemm(x.dtype, transposeA: false, transposeB: false, m: rows, n: plan.filters, k: plan.patchLength,
                 a: scratch, b: weights, c: target, beta: biasPointer == nil ? 0 : 1, parallel: false)
            if relu { Tensor.cLibraryMap(NEURONA_MAP_RELU, from: target, into: target, count: rows * plan.filters, dtype: x.dtype) }
        }
        return out
    }

    /// The gradient of ``conv2d(_:_:bias:_:relu:workspace:)`` with respect to its images, given the
    /// output gradient `dy` `[N, OH, OW, F]`: `col2im(dy·Kᵀ)`, shaped `imageShape`.
    public static func conv2dInputGradient(_ dy: Tensor, kernel: Tensor, _ g: WindowGeometry, imageShape: [Int],
                                           workspace: TensorWorkspace? = nil) -> Tensor {
        let plan = ConvolutionPlan(imageShape: imageShape, kernelShape: kernel.shape, dtypes: (dy.dtype, kernel.dtype), g, op: "conv2dInputGradient")
        checkPrecondition(dy.shape == [plan.n, g.output.height, g.output.width, plan.filters] && dy.dtype == kernel.dtype,
                          "conv2dInputGradient: output gradient \(dy.dtype) \(dy.shape) does not fit kernel \(kernel.dtype) \(kernel.shape) and images \(imageShape)")
        let out = Tensor(uninitializedShape: imageShape, dtype: dy.dtype)
        let (gradient, weights, dst) = (dy.storage.pointer, kernel.storage.pointer, out.storage.pointer)
        plan.forEachChunk(workspace: workspace) { images, scratch in
            plan.writeInputGradient(of: images, outputGradient: gradient + plan.firstOutputByte(of: images), kernel: weights,
                                    scratch: scratch, into: dst)
        }
        return out
    }

    /// The gradient of ``conv2d(_:_:bias:_:relu:workspace:)`` with respect to its kernel, given the
    /// images `x` and the output gradient `dy`: `im2col(x)ᵀ·dy`, shaped `kernelShape`. Each
    /// chunk's share is summed on its own, then the chunks in order (the same result on any
    /// number of cores).
    public static func conv2dKernelGradient(_ x: Tensor, _ dy: Tensor, _ g: WindowGeometry, kernelShape: [Int],
                                            workspace: TensorWorkspace? = nil) -> Tensor {
        if DirectConv2D.handlesKernelGradient(x, dy, g, kernelShape: kernelShape) { return DirectConv2D.kernelGradient(x, dy, g, kernelShape: kernelShape) }
        let plan = ConvolutionPlan(imageShape: x.shape, kernelShape: kernelShape, dtypes: (x.dtype, dy.dtype), g, op: "conv2dKernelGradient")
        checkPrecondition(dy.shape == [plan.n, g.output.height, g.output.width, plan.filters] && dy.dtype == x.dtype,
                          "conv2dKernelGradient: output gradient \(dy.dtype) \(dy.shape) does not fit images \(x.dtype) \(x.shape) and kernel \(kernelShape)")
        let kernelCount = plan.patchLength * plan.filters
        let partials = Tensor(uninitializedShape: [plan.chunkCount, kernelCount], dtype: x.dtype)
        let (src, gradient, sums) = (x.storage.pointer, dy.storage.pointer, partials.storage.pointer)
        plan.forEachChunk(workspace: workspace) { images, scratch in
            plan.writeKernelGradientShare(of: images, images: src, outputGradient: gradient + plan.firstOutputByte(of: images),
                                          scratch: scratch, into: sums + plan.chunk(of: images) * kernelCount * x.dtype.byteSize)
        }
        return partials.sum(axes: [0]).reshaped(kernelShape)
    }
}

/// How a convolution over one batch splits into chunks of images, and the shapes involved.
struct ConvolutionPlan {
    let g: WindowGeometry
    let n: Int, channels: Int, filters: Int
    /// Output positions per image, and values per patch row (KH·KW·C).
    let positions: Int, patchLength: Int
    let imagesPerChunk: Int, chunkCount: Int
    let dtype: DType

    /// Bytes of patch matrix per chunk: small enough to stay in a core's cache with the chunk's
    /// output rows and the kernel (768 KB: the CNN's second layer gets 4 images, 484 rows, per
    /// chunk and 16 chunks, a 1 MB L2 holds them all).
    static let chunkBytes = 3 << 18

    /// The plan for images of `imageShape` and a kernel of `kernelShape`; stops with a message
    /// naming `op` when they do not fit the window or the two `dtypes` differ.
    init(imageShape: [Int], kernelShape: [Int], dtypes: (DType, DType), _ g: WindowGeometry, op: String) {
        checkPrecondition(g.fits(imageShape: imageShape, kernelShape: kernelShape),
                          "\(op): images \(imageShape) and kernel \(kernelShape) do not fit a \(g.kernel.height)×\(g.kernel.width) window over \(g.input.height)×\(g.input.width) ([N, H, W, C] and [KH, KW, C, F])")
        checkPrecondition(dtypes.0.isFloatingPoint && dtypes.0 == dtypes.1,
                          "\(op): needs one floating-point dtype, got \(dtypes.0) and \(dtypes.1)")
        self.g = g
        (n, channels, filters) = (imageShape[0], imageShape[3], kernelShape[3])
        positions = g.output.height * g.output.width
        patchLength = g.kernel.height * g.kernel.width * channels
        dtype = dtypes.0
        // As many images per chunk as fit the cache budget, then evened out over a multiple of
        // four chunks so that two or four cores get equal shares (a fixed rule, not the core
        // count: the kernel gradient's sum then does not depend on the machine).
        let rowsWanted = Swift.max(1, Self.chunkBytes / Swift.max(1, patchLength * dtype.byteSize))
        let largest = Swift.max(1, rowsWanted / Swift.max(1, positions))
        let chunks = Swift.min(n, ((n + largest - 1) / largest + 3) / 4 * 4)
        imagesPerChunk = chunks == 0 ? 1 : (n + chunks - 1) / chunks
        chunkCount = (n + imagesPerChunk - 1) / imagesPerChunk
    }

    /// Elements of one chunk's patch matrix (the start of each worker's scratch space).
    var patchElementsPerChunk: Int { imagesPerChunk * positions * patchLength }

    /// The index of the chunk that starts at `images`' first image.
    func chunk(of images: Range<Int>) -> Int { images.lowerBound / imagesPerChunk }

    /// The byte offset of `images`' first row in an output (or output gradient) `[N, OH, OW, F]`.
    func firstOutputByte(of images: Range<Int>) -> Int { images.lowerBound * positions * filters * dtype.byteSize }

    /// One chunk's share of the kernel gradient, `im2col(x)ᵀ·d` over `images`: their patches
    /// built in `scratch`, then multiplied by `outputGradient` (the chunk's rows of d), the
    /// `[KH·KW·C, F]` result written to `share`.
    func writeKernelGradientShare(of images: Range<Int>, images src: UnsafeMutableRawPointer, outputGradient d: UnsafeMutableRawPointer,
                                  scratch: UnsafeMutableRawPointer, into share: UnsafeMutableRawPointer) {
        Tensor.writePatches(src, into: scratch, dtype: dtype, g, channels: channels, images: images)
        Tensor.gemm(dtype, transposeA: true, transposeB: false, m: patchLength, n: filters, k: images.count * positions,
             a: scratch, b: d, c: share, parallel: false)
    }

    /// The images' gradient `col2im(d·Kᵀ)` for `images`, from `outputGradient` (the chunk's rows
    /// of d) and the kernel, its patch rows in `scratch`: those images of `dx` are cleared and
    /// the rows added onto them. No two chunks write the same pixel.
    func writeInputGradient(of images: Range<Int>, outputGradient d: UnsafeMutableRawPointer, kernel: UnsafeMutableRawPointer,
                            scratch: UnsafeMutableRawPointer, into dx: UnsafeMutableRawPointer) {
        Tensor.gemm(dtype, transposeA: false, transposeB: true, m: images.count * positions, n: patchLength, k: filters,
             a: d, b: kernel, c: scratch, parallel: false)
        let imageBytes = g.input.height * g.input.width * channels * dtype.byteSize
        TensorStorage.zero(dx + images.lowerBound * imageBytes, byteCount: images.count * imageBytes)
        Tensor.addPatches(scratch, onto: dx, dtype: dtype, g, channels: channels, images: images)
    }

    /// Calls `body(images, scratch)` for every chunk, the chunks spread over the cores, each
    /// core with its own scratch space for one chunk's patch matrix, followed by
    /// `extraPerRow` more elements per patch row when asked. OpenBLAS runs one thread per
    /// product meanwhile: the chunks are the parallelism.
    func forEachChunk(workspace: TensorWorkspace?, extraPerRow: Int = 0, _ body: (Range<Int>, UnsafeMutableRawPointer) -> Void) {
        if chunkCount == 0 { return }
        let workers = Swift.min(Parallel.coreCount, chunkCount)
        let scratchElements = imagesPerChunk * positions * (patchLength + extraPerRow)
        let shape = [workers * scratchElements]
        let scratch = workspace?.uninitializedTensor(shape: shape, dtype: dtype) ?? Tensor(uninitializedShape: shape, dtype: dtype)
        let base = scratch.storage.pointer
        let scratchBytes = scratchElements * dtype.byteSize
        BLAS.prepare(multiplyAdds: 0)
        // Each worker takes the next chunk not yet taken: a core slowed by another thread (a
        // busy OpenBLAS thread, another process) does fewer chunks instead of holding up the
        // rest. Which worker runs a chunk changes no result: each chunk writes its own rows
        // and its own share of any sum.
        let nextChunk = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            while true {
                let chunk = nextChunk.wrappingAdd(1, ordering: .relaxed).oldValue
                if chunk >= chunkCount { break }
                let first = chunk * imagesPerChunk
                body(first..<Swift.min(n, first + imagesPerChunk), base + worker * scratchBytes)
            }
        }
        withExtendedLifetime(scratch) {}
    }
}

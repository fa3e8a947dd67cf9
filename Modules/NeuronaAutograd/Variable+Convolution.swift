import NeuronaCore

// Patches for convolution and pooling; im2col and col2im are each other's backward.

extension Variable {
    /// The window's patches of NHWC images, `[N·OH·OW, KH·KW·C]` (see `Tensor.im2col`).
    /// With a `workspace`, the patches reuse its buffer when it is free (see `TensorWorkspace`).
    public func im2col(_ g: WindowGeometry, workspace: TensorWorkspace? = nil) -> Variable {
        let imageShape = shape
        return Variable.record(value.im2col(g, workspace: workspace), .im2col, self) { grad, _ in [grad.col2im(g, imageShape: imageShape)] }
    }

    /// Patch rows added back onto the images they came from (see `Tensor.col2im`).
    public func col2im(_ g: WindowGeometry, imageShape: [Int]) -> Variable {
        Variable.record(value.col2im(g, imageShape: imageShape), .col2im, self) { grad, _ in [grad.im2col(g)] }
    }

    /// 2-D convolution of NHWC images with a kernel `[KH, KW, C, F]` and an optional bias `[F]`:
    /// im2col, then one matrix product (with the bias folded into it), giving `[N, OH, OW, F]`.
    /// A `workspace` keeps the patches' memory from one call to the next while gradients are
    /// recorded (see `TensorWorkspace`); in no-grad mode it is not used.
    public func conv2d(_ kernel: Variable, _ g: WindowGeometry, bias: Variable? = nil, workspace: TensorWorkspace? = nil) -> Variable {
        precondition(rank == 4 && kernel.rank == 4 && kernel.shape[2] == shape[3],
                     "conv2d: images \(shape) and kernel \(kernel.shape) do not fit ([N, H, W, C] and [KH, KW, C, F])")
        let f = kernel.shape[3]
        // Without a graph (inference) the patches are freed right after the product and the
        // heap reuses their memory anyway; a workspace would only keep the larger inference
        // batch's buffer alive. It serves training, where steps repeat at one size.
        let patches = im2col(g, workspace: GradMode.isEnabled ? workspace : nil)
        let weights = kernel.reshaped([-1, f])
        let product = bias.map { Variable.affine(patches, weights, $0) } ?? patches.matmul(weights)
        return product.reshaped([shape[0], g.output.height, g.output.width, f])
    }

    /// Max pooling of NHWC images: each window's largest value per channel; the gradient goes to
    /// the position that won.
    public func maxPool2d(_ g: WindowGeometry) -> Variable {
        let (values, winners) = value.maxPool(g)
        return flattened().gather(winners.flattened(), axis: 0, gathered: values.flattened()).reshaped(winners.shape)
    }

    /// Average pooling of NHWC images: each window's mean per channel, over the cells inside the
    /// image (padding is not counted, as in Keras).
    public func avgPool2d(_ g: WindowGeometry) -> Variable {
        let (n, c) = (shape[0], shape[3])
        let cells = g.kernel.height * g.kernel.width
        let sums = im2col(g).reshaped([n, g.output.height, g.output.width, cells, c]).sum(axes: [3])
        // How many cells of each window lie inside the image.
        let ones = Tensor.ones([1, g.input.height, g.input.width, 1], dtype: dtype)
        let counts = ones.im2col(g).reshaped([1, g.output.height, g.output.width, cells, 1]).sum(axes: [3])
        return sums / Variable(counts)
    }
}

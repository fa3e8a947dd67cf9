import NeuronaCore

// Patches for convolution and pooling; im2col and col2im are each other's backward.

extension Variable {
    /// The window's patches of NHWC images, `[N·OH·OW, KH·KW·C]` (see `Tensor.im2col`).
    public func im2col(_ g: WindowGeometry) -> Variable {
        let imageShape = shape
        return Variable.record(value.im2col(g), .im2col, self) { grad, _ in [grad.col2im(g, imageShape: imageShape)] }
    }

    /// Patch rows added back onto the images they came from (see `Tensor.col2im`).
    public func col2im(_ g: WindowGeometry, imageShape: [Int]) -> Variable {
        Variable.record(value.col2im(g, imageShape: imageShape), .col2im, self) { grad, _ in [grad.im2col(g)] }
    }

    /// 2-D convolution of NHWC images `[N, H, W, C]` with a kernel `[KH, KW, C, F]` and an
    /// optional bias `[F]`, giving `[N, OH, OW, F]` (see `Tensor.conv2d`: im2col and a matrix
    /// product a few images at a time); with `relu`, `relu()` of that, computed in the same pass
    /// (`Conv2D` with a relu activation uses it). A `workspace` keeps the scratch memory from
    /// one call to the next, backward passes included.
    ///
    /// The backward pass computes all the gradients in one pass over the images
    /// (`Tensor.conv2dGradients`) when no graph of the gradient is built; with `createGraph` it
    /// composes the differentiable ops (relu's mask, `conv2dInputGradient`,
    /// `conv2dKernelGradient`, a sum), which give the same values.
    public func conv2d(_ kernel: Variable, _ g: WindowGeometry, bias: Variable? = nil, relu: Bool = false,
                       workspace: TensorWorkspace? = nil) -> Variable {
        let value = Tensor.conv2d(self.value, kernel.value, bias: bias?.value, g, relu: relu, workspace: workspace)
        return Variable.record(value, relu ? .conv2dRelu : .conv2d, [self, kernel] + (bias.map { [$0] } ?? [])) { grad, output in
            let (images, kernel) = (output.parents[0], output.parents[1])
            let bias = output.parents.count == 3 ? output.parents[2] : nil
            if !GradMode.isEnabled {
                let gradients = Tensor.conv2dGradients(grad.value, images: images.value, kernel: kernel.value, g,
                                                       reluOutput: relu ? output.value : nil,
                                                       computing: (images.requiresGrad, kernel.requiresGrad, bias?.requiresGrad ?? false),
                                                       workspace: workspace)
                let all = [gradients.input, gradients.kernel] + (bias == nil ? [] : [gradients.bias])
                return all.map { $0.map { Variable($0) } }
            }
            // relu's gradient as relu() records it: the output gradient times the 0/1 step.
            let dy = relu ? grad * output.value.map(.step(threshold: 0)) : grad
            var gradients: [Variable?] = [
                images.requiresGrad ? dy.conv2dInputGradient(kernel, g, imageShape: images.shape, workspace: workspace) : nil,
                kernel.requiresGrad ? images.conv2dKernelGradient(dy, g, kernelShape: kernel.shape, workspace: workspace) : nil,
            ]
            if let bias { gradients.append(bias.requiresGrad ? dy.sum(axes: [0, 1, 2]) : nil) }
            return gradients
        }
    }

    /// The images' gradient of a convolution, for this output gradient `[N, OH, OW, F]`:
    /// `col2im(self·Kᵀ)`. Differentiable (its derivatives are a convolution and a kernel gradient).
    public func conv2dInputGradient(_ kernel: Variable, _ g: WindowGeometry, imageShape: [Int],
                                    workspace: TensorWorkspace? = nil) -> Variable {
        let value = Tensor.conv2dInputGradient(self.value, kernel: kernel.value, g, imageShape: imageShape, workspace: workspace)
        return Variable.record(value, .conv2dInputGradient, [self, kernel]) { grad, output in
            let (dy, kernel) = (output.parents[0], output.parents[1])
            return [dy.requiresGrad ? grad.conv2d(kernel, g, workspace: workspace) : nil,
                    kernel.requiresGrad ? grad.conv2dKernelGradient(dy, g, kernelShape: kernel.shape, workspace: workspace) : nil]
        }
    }

    /// The kernel's gradient of a convolution of these images, for the output gradient `dy`:
    /// `im2col(self)ᵀ·dy`, shaped `kernelShape`. Differentiable.
    public func conv2dKernelGradient(_ dy: Variable, _ g: WindowGeometry, kernelShape: [Int],
                                     workspace: TensorWorkspace? = nil) -> Variable {
        let value = Tensor.conv2dKernelGradient(self.value, dy.value, g, kernelShape: kernelShape, workspace: workspace)
        return Variable.record(value, .conv2dKernelGradient, [self, dy]) { grad, output in
            let (images, dy) = (output.parents[0], output.parents[1])
            return [images.requiresGrad ? dy.conv2dInputGradient(grad, g, imageShape: images.shape, workspace: workspace) : nil,
                    dy.requiresGrad ? images.conv2d(grad, g, workspace: workspace) : nil]
        }
    }

    /// Max pooling of NHWC images: each window's largest value per channel; the gradient goes to
    /// the position that won (see ``maxPool2dGradient(winners:_:)``).
    public func maxPool2d(_ g: WindowGeometry) -> Variable {
        let (values, winners) = value.maxPool(g)
        return Variable.record(values, .maxPool2d, self) { grad, _ in
            [grad.maxPool2dGradient(winners: winners, g)]
        }
    }

    /// The images' gradient of max pooling over the window `g`, for this output gradient
    /// `[N, OH, OW, C]` and the pooling's `winners` (`Tensor.maxPool`'s indices): zero images
    /// with each window's gradient added at its winner (see `Tensor.maxPoolGradient`). Linear in
    /// the output gradient, so its derivative is the winners' values picked back out (a
    /// gather): max pooling stays differentiable to any order.
    public func maxPool2dGradient(winners: Tensor, _ g: WindowGeometry) -> Variable {
        Variable.record(value.maxPoolGradient(winners: winners, g), .maxPool2dGradient, self) { grad, _ in
            [grad.flattened().gather(winners.flattened(), axis: 0).reshaped(winners.shape)]
        }
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

// The ops this file records.
extension DifferentiableOp {
    /// Image patches as rows.
    @inlinable public static var im2col: DifferentiableOp { DifferentiableOp(rawValue: "im2col") }
    /// Rows added back into an image.
    @inlinable public static var col2im: DifferentiableOp { DifferentiableOp(rawValue: "col2im") }
    /// 2-D convolution.
    @inlinable public static var conv2d: DifferentiableOp { DifferentiableOp(rawValue: "conv2d") }
    /// 2-D convolution followed by relu, in one op.
    @inlinable public static var conv2dRelu: DifferentiableOp { DifferentiableOp(rawValue: "conv2dRelu") }
    /// The convolution's gradient with respect to its input.
    @inlinable public static var conv2dInputGradient: DifferentiableOp { DifferentiableOp(rawValue: "conv2dInputGradient") }
    /// The convolution's gradient with respect to its kernel.
    @inlinable public static var conv2dKernelGradient: DifferentiableOp { DifferentiableOp(rawValue: "conv2dKernelGradient") }
    /// Max pooling.
    @inlinable public static var maxPool2d: DifferentiableOp { DifferentiableOp(rawValue: "maxPool2d") }
    /// Max pooling's gradient with respect to its input.
    @inlinable public static var maxPool2dGradient: DifferentiableOp { DifferentiableOp(rawValue: "maxPool2dGradient") }
    /// Convolution: patches, the convolution (alone and with its relu) with its two gradients
    /// (each other's derivatives), and max pooling with its gradient: the ops of this file, for
    /// ``allCases``.
    static var convolution: [DifferentiableOp] {
        [.im2col, .col2im, .conv2d, .conv2dRelu, .conv2dInputGradient, .conv2dKernelGradient, .maxPool2d, .maxPool2dGradient]
    }
}

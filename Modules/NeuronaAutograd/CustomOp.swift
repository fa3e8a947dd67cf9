import NeuronaCore

/// A differentiable op defined outside NeuronaAutograd: its forward value from the inputs'
/// tensors, and its backward rule written in `Variable` ops (PyTorch's `torch.autograd.Function`,
/// JAX's `custom_vjp`, MLX's custom VJP).
///
/// Because the backward rule is made of `Variable` ops, it is recorded when gradients are taken
/// with `createGraph: true`: second and higher derivatives go through the op like through any
/// built-in. Settings of the op (a slope, an axis) are the conforming type's properties.
///
/// ```swift
/// /// softsign(x) = x / (1 + |x|); its derivative is 1 / (1 + |x|)².
/// struct Softsign: CustomOp {
///     static let op = DifferentiableOp.register("softsign", package: "MyPlugin")
///     func forward(_ x: [Tensor]) -> Tensor { x[0] / (x[0].abs() + 1) }
///     func backward(gradient: Variable, output: Variable, inputs x: [Variable]) -> [Variable?] {
///         [gradient / (x[0].abs() + 1).squared()]
///     }
/// }
/// let y = Softsign()(x)   // a Variable whose op is "myplugin.softsign"
/// ```
///
/// Check it with ``GradientChecker/check(inputs:epsilon:tolerance:seed:_:)`` and
/// ``GradientChecker/checkSecondOrder(inputs:epsilon:tolerance:seed:_:)``, and list ``op`` in your
/// plugin's coverage test (``GradientChecker/uncheckedOps(_:cases:)``).
public protocol CustomOp {
    /// The op's name on the tape. Register it once: `static let op = DifferentiableOp.register("name", package: "MyPlugin")`.
    static var op: DifferentiableOp { get }

    /// The op's value, from the values of its inputs.
    func forward(_ inputs: [Tensor]) -> Tensor

    /// The gradient of each input, given the gradient of the output; nil for an input that gets
    /// none (an index tensor). Each gradient has its input's shape. Write it with `Variable` ops
    /// (not `Tensor` ops) so that it can be differentiated again; use `output` rather than
    /// recomputing the forward value.
    /// - Parameters:
    ///   - gradient: The gradient of the final scalar with respect to the output.
    ///   - output: The op's output node.
    ///   - inputs: The op's inputs, in the order they were passed.
    func backward(gradient: Variable, output: Variable, inputs: [Variable]) -> [Variable?]
}

extension CustomOp {
    /// Applies the op to `inputs`, recording it on the tape when any input requires a gradient.
    public func callAsFunction(_ inputs: Variable...) -> Variable { apply(inputs) }

    /// Applies the op to `inputs`, recording it on the tape when any input requires a gradient.
    public func apply(_ inputs: [Variable]) -> Variable {
        Variable.custom(Self.op, inputs: inputs, forward: forward, backward: backward)
    }
}

extension Variable {
    /// The function form of ``CustomOp``: applies a differentiable op given by its forward value
    /// and its backward rule, recording it on the tape as `op` when any input requires a gradient.
    ///
    /// ```swift
    /// let op = DifferentiableOp.register("cube", package: "MyPlugin")
    /// let y = Variable.custom(op, inputs: [x], forward: { $0[0].pow(3) },
    ///                         backward: { g, _, x in [g * x[0].squared() * 3] })
    /// ```
    /// - Parameters:
    ///   - op: The op's name (register it with ``DifferentiableOp/register(_:package:)``).
    ///   - inputs: The op's inputs.
    ///   - forward: The value, from the inputs' values.
    ///   - backward: Given the output's gradient, the output and the inputs, each input's gradient
    ///     (or nil), written in `Variable` ops; see ``CustomOp/backward(gradient:output:inputs:)``.
    public static func custom(
        _ op: DifferentiableOp, inputs: [Variable], forward: ([Tensor]) -> Tensor,
        backward: @escaping (_ gradient: Variable, _ output: Variable, _ inputs: [Variable]) -> [Variable?]
    ) -> Variable {
        let value = forward(inputs.map(\.value))
        return record(value, op, inputs) { gradient, output in
            let inputs = output.parents
            let grads = backward(gradient, output, inputs)
            checkPrecondition(grads.count == inputs.count,
                              "\(op): backward returned \(grads.count) gradients for \(inputs.count) inputs")
            for (i, (input, grad)) in zip(inputs, grads).enumerated() {
                guard let grad else { continue }
                checkPrecondition(grad.shape == input.shape,
                                  "\(op): backward gave input \(i) of shape \(input.shape) a gradient of shape \(grad.shape)")
            }
            return grads
        }
    }
}

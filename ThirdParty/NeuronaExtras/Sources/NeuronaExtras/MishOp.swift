import NeuronaAutograd
import NeuronaCore

/// mish(x) = x · tanh(softplus(x)) (Misra, 2019; PyTorch's `nn.Mish`, Keras's `mish`): a smooth,
/// non-monotonic activation that is close to ReLU for large |x|.
///
/// A differentiable op defined outside Neurona by its forward value and its backward rule. With
/// `t = tanh(softplus(x))`, the derivative is `t + x · sigmoid(x) · (1 − t²)`; the rule writes it
/// with `Variable` ops, so second derivatives go through it too.
public struct MishOp: CustomOp {
    /// The op's name on the tape, namespaced by this package.
    public static let op = DifferentiableOp.register("mish", package: ExtrasPlugin.package.name)

    /// The op (it has no settings).
    public init() {}

    /// `x · tanh(softplus(x))`.
    public func forward(_ inputs: [Tensor]) -> Tensor {
        inputs[0] * inputs[0].softplus().tanh()
    }

    /// `gradient · (t + x · sigmoid(x) · (1 − t²))` with `t = tanh(softplus(x))`.
    public func backward(gradient: Variable, output: Variable, inputs: [Variable]) -> [Variable?] {
        let x = inputs[0]
        let t = x.softplus().tanh()
        return [gradient * (t + x * x.sigmoid() * (1 - t * t))]
    }
}

extension Variable {
    /// `x · tanh(softplus(x))`, elementwise (``MishOp``).
    public func mish() -> Variable { MishOp()(self) }
}

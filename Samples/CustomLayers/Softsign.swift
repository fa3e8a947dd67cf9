import NeuronaAutograd
import NeuronaCore
import NeuronaLayers

/// softsign(x) = x / (1 + |x|), a smooth squashing to (−1, 1) with polynomial tails (Keras's
/// `softsign`). A worked example of a third-party differentiable op: it is defined here, outside
/// NeuronaAutograd, by its forward value and its backward rule (see CONTRIBUTING.md, "Adding a
/// differentiable op").
///
/// The derivative is `1 / (1 + |x|)² = (1 − |y|)²` with `y = softsign(x)`. The backward rule
/// writes it with `Variable` ops on the output, so the rule is itself differentiable: second
/// derivatives go through this op (and through itself again, since `y` is its output).
public struct SoftsignOp: CustomOp {
    /// The op's name on the tape, namespaced by this module.
    public static let op = DifferentiableOp.register("softsign", package: CustomLayersPlugin.package.name)

    /// The op (it has no settings).
    public init() {}

    /// `x / (1 + |x|)`.
    public func forward(_ inputs: [Tensor]) -> Tensor {
        inputs[0] / (inputs[0].abs() + 1)
    }

    /// `gradient · (1 − |y|)²`.
    public func backward(gradient: Variable, output: Variable, inputs: [Variable]) -> [Variable?] {
        [gradient * (1 - output.abs()).squared()]
    }
}

extension Variable {
    /// `x / (1 + |x|)`, elementwise (``SoftsignOp``).
    public func softsign() -> Variable { SoftsignOp()(self) }
}

/// A layer that applies softsign elementwise: the op above, used by a layer. It has no
/// parameters and keeps its input's shape.
///
/// ```swift
/// let layer = Softsign()
/// try layer.build(inputShape: [4], seed: 0)
/// let y = layer(x)   // x / (1 + |x|)
/// ```
public final class Softsign: UnconfiguredLayer, StatefulLayer {
    /// The name JSON descriptions use.
    public static let typeName = "Softsign"
    /// Input and output shapes and the training flag.
    public var layerState = LayerState()

    /// A softsign layer (no settings: its config is `{}` in JSON).
    public init() {}

    /// Accepts any non-empty input shape and keeps it.
    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        guard !inputShape.isEmpty, inputShape.allSatisfy({ $0 > 0 }) else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "[features...]", got: inputShape)
        }
        layerState.inputShape = inputShape
        layerState.outputShape = inputShape
        return inputShape
    }

    /// `x / (1 + |x|)`, recorded as one ``SoftsignOp`` node.
    public func callAsFunction(_ input: Variable) -> Variable { input.softsign() }
}

/// A misuse of autograd that `backward` and `gradients(of:withRespectTo:)` report: each names
/// the op that produced the variable and its shape.
public enum AutogradError: Error, Equatable, CustomStringConvertible {
    /// `backward()` without a seed on an output with more than one element.
    case nonScalarWithoutSeed(op: String, shape: [Int])
    /// The seed's shape differs from the output's.
    case seedShapeMismatch(op: String, shape: [Int], seedShape: [Int])
    /// The graph behind this output was freed by an earlier backward pass.
    case graphFreed(op: String, shape: [Int])
    /// Nothing this output depends on requires a gradient.
    case doesNotRequireGrad(op: String, shape: [Int])

    public var description: String {
        switch self {
        case .nonScalarWithoutSeed(let op, let shape):
            return "backward: the output of \(op) has shape \(shape), not a scalar; pass seed: a gradient of shape \(shape) (or reduce it to a scalar first)"
        case .seedShapeMismatch(let op, let shape, let seedShape):
            return "backward: seed of shape \(seedShape) for the output of \(op) of shape \(shape)"
        case .graphFreed(let op, let shape):
            return "backward: the graph behind the output of \(op) (shape \(shape)) was freed by an earlier backward pass; pass retainGraph: true to the first one to run backward twice"
        case .doesNotRequireGrad(let op, let shape):
            return "backward: the output of \(op) (shape \(shape)) does not require gradients: no input requires grad, or it was computed in a no-grad scope"
        }
    }
}

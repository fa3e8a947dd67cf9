import NeuronaAutograd
import NeuronaCore

/// Flattens each sample to one dimension: `[batch, 28, 28]` → `[batch, 784]`.
///
/// Concretely: `y = reshape(x, [batch, -1])`, no copy, no parameters.
///
/// ### See Also
/// - ``Reshape``
public final class Flatten: UnconfiguredLayer, StatefulLayer {
    public static let typeName = "Flatten"
    public var layerState = LayerState()

    /// The layer (it has no settings).
    public init() {}

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        return layerState.built(input: inputShape, output: [inputShape.reduce(1, *)])
    }

    public func callAsFunction(_ input: Variable) -> Variable {
        input.reshaped([input.shape.first ?? 1, -1])
    }
}

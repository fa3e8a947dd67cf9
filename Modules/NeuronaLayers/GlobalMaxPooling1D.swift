import NeuronaAutograd
import NeuronaCore

/// The largest value over time of each feature of a sequence: `[N, T, F]` → `[N, F]` (Keras's
/// `GlobalMaxPooling1D`); the gradient flows to the step that won.
public final class GlobalMaxPooling1D: UnconfiguredLayer, StatefulLayer {
    public static let typeName = "GlobalMaxPooling1D"
    public var layerState = LayerState()
    /// The layer (it has no settings).
    public init() {}

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        guard inputShape.count == 2 else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "[time steps, features]", got: inputShape)
        }
        return layerState.built(input: inputShape, output: [inputShape[1]])
    }

    public func callAsFunction(_ input: Variable) -> Variable { input.max(axes: [1]) }
}

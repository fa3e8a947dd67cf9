import NeuronaAutograd
import NeuronaCore

/// The mean over time of a sequence: `[N, T, F]` → `[N, F]` (Keras's `GlobalAveragePooling1D`).
public final class GlobalAveragePooling1D: UnconfiguredLayer, StatefulLayer {
    public static let typeName = "GlobalAveragePooling1D"
    public var layerState = LayerState()
    /// The layer (it has no settings).
    public init() {}

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        guard inputShape.count == 2 else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "[time steps, features]", got: inputShape)
        }
        return layerState.built(input: inputShape, output: [inputShape[1]])
    }

    public func callAsFunction(_ input: Variable) -> Variable { input.mean(axes: [1]) }
}

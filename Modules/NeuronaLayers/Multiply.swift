import NeuronaAutograd
import NeuronaCore

/// Multiplies its inputs elementwise (a gate).
///
/// Concretely: `y = x₀ ⊙ x₁ ⊙ …`; every input has the same shape.
public final class Multiply: UnconfiguredLayer, StatefulLayer, MergeLayer {
    public static let typeName = "Multiply"
    public var layerState = LayerState()
    /// The layer (it has no settings).
    public init() {}

    public func build(inputShapes: [[Int]]) throws -> [Int] {
        try sameShapes(inputShapes, layer: Self.typeName, state: &layerState)
    }

    public func merge(_ inputs: [Variable]) -> Variable {
        inputs.dropFirst().reduce(inputs[0], *)
    }
}

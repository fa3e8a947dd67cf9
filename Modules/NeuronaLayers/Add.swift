import NeuronaAutograd
import NeuronaCore

/// Adds its inputs elementwise (a residual connection's join).
///
/// Concretely: `y = x₀ + x₁ + …`; every input has the same shape.
public final class Add: UnconfiguredLayer, StatefulLayer, MergeLayer {
    public static let typeName = "Add"
    public var layerState = LayerState()
    /// The layer (it has no settings).
    public init() {}

    public func build(inputShapes: [[Int]]) throws -> [Int] {
        try sameShapes(inputShapes, layer: Self.typeName, state: &layerState)
    }

    public func merge(_ inputs: [Variable]) -> Variable {
        inputs.dropFirst().reduce(inputs[0], +)
    }
}

/// Checks that every input shape is the same; records it in `state`.
func sameShapes(_ shapes: [[Int]], layer: String, state: inout LayerState) throws -> [Int] {
    guard let first = shapes.first else {
        throw LayerError.incompatibleInputShape(layer: layer, expected: "at least one input", got: [])
    }
    for shape in shapes where shape != first {
        throw LayerError.incompatibleInputShape(layer: layer, expected: "\(first) (all inputs alike)", got: shape)
    }
    return state.built(input: first, output: first)
}

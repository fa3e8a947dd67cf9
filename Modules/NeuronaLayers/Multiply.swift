import NeuronaAutograd
import NeuronaCore

/// Multiplies its inputs elementwise (a gate).
///
/// Concretely: `y = x₀ ⊙ x₁ ⊙ …`; every input has the same shape.
public final class Multiply: ConfigurableLayer, MergeLayer {
    public static let typeName = "Multiply"
    private var state = LayerState()

    public init() {}
    public struct Config: Codable, Equatable { public init() {} }
    public convenience init(config: Config) throws { self.init() }
    public var config: Config { Config() }

    public func build(inputShapes: [[Int]]) throws -> [Int] {
        try sameShapes(inputShapes, layer: Self.typeName, state: &state)
    }

    public func merge(_ inputs: [Variable]) -> Variable {
        inputs.dropFirst().reduce(inputs[0], *)
    }

    public var inputShape: [Int]? { state.inputShape }
    public var outputShape: [Int]? { state.outputShape }
    public var isTraining: Bool {
        get { state.isTraining }
        set { state.isTraining = newValue }
    }
}

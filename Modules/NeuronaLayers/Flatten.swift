import NeuronaAutograd
import NeuronaCore

/// Flattens each sample to one dimension: `[batch, 28, 28]` → `[batch, 784]`.
///
/// Concretely: `y = reshape(x, [batch, -1])`, no copy, no parameters.
///
/// ### See Also
/// - ``Reshape``
public final class Flatten: ConfigurableLayer {
    public static let typeName = "Flatten"
    private var state = LayerState()

    public init() {}

    public struct Config: Codable, Equatable {
        public init() {}
    }

    public convenience init(config: Config) throws { self.init() }
    public var config: Config { Config() }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        state.inputShape = inputShape
        state.outputShape = [inputShape.reduce(1, *)]
        return state.outputShape!
    }

    public func callAsFunction(_ input: Variable) -> Variable {
        input.reshaped([input.shape.first ?? 1, -1])
    }

    public var inputShape: [Int]? { state.inputShape }
    public var outputShape: [Int]? { state.outputShape }
    public var isTraining: Bool {
        get { state.isTraining }
        set { state.isTraining = newValue }
    }
}

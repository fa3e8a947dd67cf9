import NeuronaAutograd
import NeuronaCore

/// The mean over time of a sequence: `[N, T, F]` → `[N, F]` (Keras's `GlobalAveragePooling1D`).
public final class GlobalAveragePooling1D: ConfigurableLayer {
    public static let typeName = "GlobalAveragePooling1D"
    private var state = LayerState()
    public init() {}
    public struct Config: Codable, Equatable { public init() {} }
    public convenience init(config: Config) throws { self.init() }
    public var config: Config { Config() }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        guard inputShape.count == 2 else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "[time steps, features]", got: inputShape)
        }
        state.inputShape = inputShape
        state.outputShape = [inputShape[1]]
        return [inputShape[1]]
    }

    public func callAsFunction(_ input: Variable) -> Variable { input.mean(axes: [1]) }

    public var inputShape: [Int]? { state.inputShape }
    public var outputShape: [Int]? { state.outputShape }
    public var isTraining: Bool {
        get { state.isTraining }
        set { state.isTraining = newValue }
    }
}

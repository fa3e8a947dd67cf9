import NeuronaAutograd
import NeuronaCore

/// The mean over time of a sequence: `[N, T, F]` → `[N, F]` (Keras's `GlobalAveragePooling1D`).
public final class GlobalAveragePooling1D: ConfigurableLayer, StatefulLayer {
    public static let typeName = "GlobalAveragePooling1D"
    public var layerState = LayerState()
    public init() {}
    public struct Config: Codable, Equatable { public init() {} }
    public convenience init(config: Config) throws { self.init() }
    public var config: Config { Config() }

    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        guard inputShape.count == 2 else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "[time steps, features]", got: inputShape)
        }
        layerState.inputShape = inputShape
        layerState.outputShape = [inputShape[1]]
        return [inputShape[1]]
    }

    public func callAsFunction(_ input: Variable) -> Variable { input.mean(axes: [1]) }

}

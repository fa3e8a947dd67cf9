import NeuronaAutograd
import NeuronaCore

/// A layer reducing each feature of `[N, T, F]` sequences over the time steps to `[N, F]`
/// (GlobalAveragePooling1D, GlobalMaxPooling1D): they share this build.
public protocol GlobalPooling1DLayer: UnconfiguredLayer, StatefulLayer {}

extension GlobalPooling1DLayer {
    public func build(inputShape: [Int], generator: inout RandomGenerator) throws -> [Int] {
        guard inputShape.count == 2 else {
            throw LayerError.incompatibleInputShape(layer: Self.typeName, expected: "[time steps, features]", got: inputShape)
        }
        return layerState.built(input: inputShape, output: [inputShape[1]])
    }
}

import NeuronaAutograd
import NeuronaCore

/// The largest value over time of each feature of a sequence: `[N, T, F]` → `[N, F]` (Keras's
/// `GlobalMaxPooling1D`); the gradient flows to the step that won.
public final class GlobalMaxPooling1D: GlobalPooling1DLayer {
    public static let typeName = "GlobalMaxPooling1D"
    public var layerState = LayerState()
    /// The layer (it has no settings).
    public init() {}

    public func callAsFunction(_ input: Variable) -> Variable { input.max(axes: [1]) }
}

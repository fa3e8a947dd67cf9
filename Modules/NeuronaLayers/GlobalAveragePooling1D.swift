import NeuronaAutograd
import NeuronaCore

/// The mean over time of a sequence: `[N, T, F]` → `[N, F]` (Keras's `GlobalAveragePooling1D`).
///
/// A masked sequence (``/NeuronaAutograd/Variable/sequenceMask``, from `Embedding(maskZero: true)`)
/// averages its real steps only, as Keras does: `y[n] = Σ_t m[n, t]·x[n, t] / Σ_t m[n, t]`. A
/// sequence with no real step gives zeros (Keras divides by zero and gives NaN).
public final class GlobalAveragePooling1D: GlobalPooling1DLayer {
    public static let typeName = "GlobalAveragePooling1D"
    public var layerState = LayerState()
    /// The layer (it has no settings).
    public init() {}

    public func callAsFunction(_ input: Variable) -> Variable {
        guard let mask = input.sequenceMask else { return input.mean(axes: [1]) }
        let (n, steps) = (input.shape[0], input.shape[1])
        checkPrecondition(mask.shape == [n, steps], "\(Self.typeName): a sequence mask of shape \(mask.shape) for inputs of shape \(input.shape)")
        let weights = mask.converted(to: input.dtype).reshaped([n, steps, 1])
        // At least 1: a sequence that is all padding sums to zeros and stays zeros.
        let counts = weights.sum(axes: [1]).maximum(Tensor.ones([n, 1], dtype: input.dtype))
        return (input * weights).sum(axes: [1]) / counts
    }
}

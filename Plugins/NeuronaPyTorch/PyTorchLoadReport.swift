/// What `loadWeights(pytorch:keyMap:strict:)` did: which PyTorch module filled which
/// Neurona layer, what was loaded, and (with `strict: false`) what was left out.
public struct PyTorchLoadReport: Equatable, CustomStringConvertible {
    /// One pairing of a PyTorch module with a Neurona layer.
    public struct Pair: Equatable {
        /// The PyTorch module (`fc1`, `features.0`, `lstm.l0`).
        public var module: String
        /// The Neurona layer's path (`layers.2`).
        public var layer: String
    }

    /// The pairings, in the network's order.
    public var pairs: [Pair] = []
    /// The Neurona weights set (`layers.0.weight`).
    public var loaded: [String] = []
    /// Neurona weights left as they were: the file has nothing for them, or their layer was
    /// skipped for a wrong shape.
    public var missing: [String] = []
    /// PyTorch keys nothing took (`strict: false` only; strict loading throws instead).
    public var unexpected: [String] = []
    /// Layers skipped because a shape differs, each with both shapes (`strict: false` only).
    public var wrongShape: [String] = []

    public var description: String {
        var lines = ["loaded \(loaded.count) weights: " + pairs.map { "\($0.module) → \($0.layer)" }.joined(separator: ", ")]
        if !missing.isEmpty { lines.append("not loaded: \(missing.joined(separator: ", "))") }
        if !unexpected.isEmpty { lines.append("unused PyTorch keys: \(unexpected.joined(separator: ", "))") }
        if !wrongShape.isEmpty { lines.append("wrong shapes: \(wrongShape.joined(separator: "; "))") }
        return lines.joined(separator: "\n")
    }
}

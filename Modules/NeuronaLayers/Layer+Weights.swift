import NeuronaAutograd
import NeuronaCore

extension Layer {
    /// Every parameter and buffer by its stable name: what a checkpoint stores.
    public func weights() -> [String: Tensor] {
        var result: [String: Tensor] = [:]
        for p in namedParameters() + namedBuffers() { result[p.name] = p.variable.value }
        return result
    }

    /// Sets every parameter and buffer from `weights`, strictly: missing keys, unexpected keys
    /// and wrong shapes are all named in one ``LayerError/weightMismatch(missing:unexpected:wrongShape:)``,
    /// and nothing is changed unless everything matches.
    public func loadWeights(_ weights: [String: Tensor]) throws {
        let targets = namedParameters() + namedBuffers()
        let names = Set(targets.map(\.name))
        let missing = targets.map(\.name).filter { weights[$0] == nil }
        let unexpected = weights.keys.filter { !names.contains($0) }.sorted()
        var wrongShape: [String] = []
        for p in targets {
            if let w = weights[p.name], w.shape != p.variable.shape {
                wrongShape.append("\(p.name): model \(p.variable.shape), given \(w.shape)")
            }
        }
        guard missing.isEmpty && unexpected.isEmpty && wrongShape.isEmpty else {
            throw LayerError.weightMismatch(missing: missing, unexpected: unexpected, wrongShape: wrongShape)
        }
        for p in targets { p.variable.value = weights[p.name]!.converted(to: p.variable.dtype) }
    }

    /// Converts every parameter and buffer to `dtype` (float64 for gradient checks).
    public func convertParameters(to dtype: DType) {
        for p in namedParameters() + namedBuffers() { p.variable.value = p.variable.value.converted(to: dtype) }
    }

    /// Calls the layer after checking that `input` is a batch of the shape it was built for;
    /// throws ``LayerError/incompatibleInputShape(layer:expected:got:)`` otherwise.
    public func checkedCall(_ input: Variable) throws -> Variable {
        guard let expected = inputShape else { throw LayerError.notBuilt(layer: typeName) }
        guard input.rank == expected.count + 1, Array(input.shape.dropFirst()) == expected else {
            throw LayerError.incompatibleInputShape(layer: typeName, expected: "[batch] + \(expected)", got: input.shape)
        }
        return self(input)
    }
}

import NeuronaCore

extension Variable {
    /// Sparse categorical cross-entropy of these probabilities (`[batch, classes]`) against one
    /// class index per row: `−log(p̂[i, labels[i]])` with `p̂` clipped to `[epsilon, 1 − epsilon]`
    /// (no gradient flows where the clip holds), shape `[batch]`. One node on the tape in place
    /// of the six the composite (gather, reshape, clip, log, negate) records; the same values and
    /// gradients, bit for bit.
    /// - Parameters:
    ///   - labels: `batch` int64 class indices in `0..<classes` (shape `[batch]` or `[batch, 1]`).
    ///   - epsilon: How far from 0 and 1 the picked probabilities are clipped.
    public func sparseCrossEntropy(labels: Tensor, epsilon: Double) -> Variable {
        let value = Tensor.sparseCrossEntropy(self.value, labels: labels, epsilon: epsilon)
        return Variable.record(value, .sparseCrossEntropy, self) { g, _ in
            if !GradMode.isEnabled && g.dtype == self.dtype {
                return [Variable(Tensor.sparseCrossEntropyGradient(upstream: g.value, self.value, labels: labels, epsilon: epsilon))]
            }
            // Recording (second derivatives): the composite's backward, from differentiable ops.
            let batch = self.shape[0]
            let columns = labels.reshaped([batch, 1])
            let picked = self.gather(columns, axis: 1).reshaped([batch])
            let throughLog = -g / picked.clipped(min: epsilon, max: 1 - epsilon)
            let inside = picked.value.map(.indicator(low: epsilon, high: 1 - epsilon))
            return [(throughLog * inside).reshaped([batch, 1]).scatterAdded(into: self.shape, indices: columns, axis: 1)]
        }
    }
}

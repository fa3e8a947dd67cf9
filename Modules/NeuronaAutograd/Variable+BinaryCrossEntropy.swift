import NeuronaCore

extension Variable {
    /// Binary cross-entropy of these probabilities against `targets`, elementwise:
    /// `−(t·log(p̂) + (1 − t)·log(1 − p̂))` with `p̂` the probabilities clipped to
    /// `[epsilon, 1 − epsilon]` (no gradient flows where the clip holds). One node on the tape
    /// in place of the eight the composite records; the same values and gradients, bit for bit.
    /// - Parameters:
    ///   - targets: Targets in `[0, 1]`, of this variable's shape (converted to its dtype).
    ///   - epsilon: How far from 0 and 1 the probabilities are clipped.
    public func binaryCrossEntropy(targets: Tensor, epsilon: Double) -> Variable {
        checkPrecondition(targets.shape == shape,
                          "binaryCrossEntropy: probabilities \(shape) and targets \(targets.shape) differ")
        checkPrecondition(dtype.isFloatingPoint, "binaryCrossEntropy: probabilities are \(dtype), not floating point")
        let t = targets.converted(to: dtype)
        let value = Tensor.binaryCrossEntropy(self.value, t, epsilon: epsilon)
        return Variable.record(value, .binaryCrossEntropy, self) { g, _ in
            if !GradMode.isEnabled && g.dtype == self.dtype {
                return [Variable(Tensor.binaryCrossEntropyGradient(upstream: g.value, self.value, t, epsilon: epsilon))]
            }
            // Recording (second derivatives): the same expression from differentiable ops.
            let clipped = self.clipped(min: epsilon, max: 1 - epsilon)
            let negated = -g
            let throughPositive = (negated * t) / clipped
            let throughNegative = -((negated * (1 - t)) / (1 - clipped))
            let inside = self.value.map(.indicator(low: epsilon, high: 1 - epsilon))
            return [(throughPositive + throughNegative) * inside]
        }
    }
}

// The ops fused losses record (this file's and `Variable+SparseCrossEntropy.swift`'s).
extension DifferentiableOp {
    /// Binary cross-entropy on probabilities, elementwise.
    @inlinable public static var binaryCrossEntropy: DifferentiableOp { DifferentiableOp(rawValue: "binaryCrossEntropy") }
    /// Sparse categorical cross-entropy on probabilities, one class index per row
    /// (`Variable+SparseCrossEntropy.swift`).
    @inlinable public static var sparseCrossEntropy: DifferentiableOp { DifferentiableOp(rawValue: "sparseCrossEntropy") }
    /// Losses fused into one op, for ``allCases``.
    static var losses: [DifferentiableOp] {
        [.binaryCrossEntropy, .sparseCrossEntropy]
    }
}

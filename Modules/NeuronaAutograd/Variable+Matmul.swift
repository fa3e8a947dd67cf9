import NeuronaCore

extension Variable {
    /// The matrix product, following NumPy's `matmul` (see `Tensor.matmul`): 1-D operands act as
    /// a row or column, leading batch dimensions broadcast.
    public func matmul(_ other: Variable) -> Variable {
        Variable.matmul(self, other)
    }

    /// `op(a)·op(b)`, where `op` transposes the last two axes when asked. The backward pass is
    /// itself made of matmuls, so it can be differentiated again.
    public static func matmul(_ a: Variable, _ b: Variable, transposeA: Bool = false, transposeB: Bool = false) -> Variable {
        if a.rank == 1 || b.rank == 1 {
            // View vectors as matrices, multiply, then drop the added axes.
            let a2 = a.rank == 1 ? a.reshaped([1, a.value.count]) : a
            let b2 = b.rank == 1 ? b.reshaped([b.value.count, 1]) : b
            var product = matmul(a2, b2, transposeA: a.rank == 1 ? false : transposeA,
                                 transposeB: b.rank == 1 ? false : transposeB)
            var outShape = product.shape
            if a.rank == 1 { outShape.remove(at: outShape.count - 2) }
            if b.rank == 1 { outShape.removeLast() }
            product = product.reshaped(outShape)
            return product
        }
        let value = Tensor.matmul(a.value, b.value, transposeA: transposeA, transposeB: transposeB)
        return record(value, .matmul, [a, b]) { g, _ in
            let da: Variable?
            let db: Variable?
            switch (transposeA, transposeB) {
            case (false, false):
                da = a.requiresGrad ? matmul(g, b, transposeB: true) : nil
                db = b.requiresGrad ? matmul(a, g, transposeA: true) : nil
            case (true, false):
                da = a.requiresGrad ? matmul(b, g, transposeB: true) : nil
                db = b.requiresGrad ? matmul(a, g) : nil
            case (false, true):
                da = a.requiresGrad ? matmul(g, b) : nil
                db = b.requiresGrad ? matmul(g, a, transposeA: true) : nil
            case (true, true):
                da = a.requiresGrad ? matmul(b, g, transposeA: true, transposeB: true) : nil
                db = b.requiresGrad ? matmul(g, a, transposeA: true, transposeB: true) : nil
            }
            return [da?.summed(toShape: a.shape), db?.summed(toShape: b.shape)]
        }
    }

    /// `x·W + b` for `x` `[..., k]`, `W` `[k, n]`, `b` `[n]`: a dense layer's product and bias in
    /// one GEMM (see `Tensor.affine`). Leading dimensions of `x` are folded into the rows.
    public static func affine(_ x: Variable, _ w: Variable, _ b: Variable) -> Variable {
        let x2 = x.rank == 2 ? x : x.reshaped([-1, x.shape[x.rank - 1]])
        let dtype = x.dtype.promoted(with: w.dtype).promoted(with: b.dtype)
        let value = Tensor.affine(x2.value.converted(to: dtype), w.value.converted(to: dtype), b.value.converted(to: dtype))
        let y = record(value, .affine, [x2, w, b]) { g, _ in
            if !GradMode.isEnabled {
                // The same products and sum as below, on tensors (see `unrecorded`).
                return [x2.requiresGrad ? Variable(Tensor.matmul(g.value, w.value, transposeB: true)) : nil,
                        w.requiresGrad ? Variable(Tensor.matmul(x2.value, g.value, transposeA: true)) : nil,
                        b.requiresGrad ? Variable(g.value.sum(axes: [0])) : nil]
            }
            return [x2.requiresGrad ? matmul(g, w, transposeB: true) : nil,
             w.requiresGrad ? matmul(x2, g, transposeA: true) : nil,
             b.requiresGrad ? g.sum(axes: [0]) : nil]
        }
        return x.rank == 2 ? y : y.reshaped(Array(x.shape.dropLast()) + [w.shape[1]])
    }
}

// The ops this file records.
extension DifferentiableOp {
    /// The matrix product, batched and broadcast.
    @inlinable public static var matmul: DifferentiableOp { DifferentiableOp(rawValue: "matmul") }
    /// `x·W + b` in one product.
    @inlinable public static var affine: DifferentiableOp { DifferentiableOp(rawValue: "affine") }
    /// Linear algebra: the ops of this file, for ``allCases``.
    static var linearAlgebra: [DifferentiableOp] {
        [.matmul, .affine]
    }
}

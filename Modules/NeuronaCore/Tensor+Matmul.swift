import CLAPACK

// Matrix products through BLAS GEMM.

extension Tensor {
    /// The matrix product, following NumPy's `matmul`: vector·vector gives a 0-D dot product,
    /// 2-D·2-D a matrix, a 1-D operand is treated as a row (left) or column (right) and its axis
    /// dropped, and higher ranks are batches of matrices whose leading dimensions broadcast.
    public func matmul(_ other: Tensor) -> Tensor {
        Tensor.matmul(self, other)
    }

    /// The matrix product of `a` and `b`, optionally transposing the last two axes of either
    /// without copying it (BLAS reads it transposed). See ``matmul(_:)``.
    public static func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
        checkPrecondition(a.rank >= 1 && b.rank >= 1, "matmul: needs at least 1-D operands, got shapes \(a.shape) and \(b.shape)")
        checkPrecondition(a.dtype.isFloatingPoint && b.dtype.isFloatingPoint,
                          "matmul: needs floating-point operands, got \(a.dtype) \(a.shape) and \(b.dtype) \(b.shape)")
        let dtype = a.dtype.promoted(with: b.dtype)
        let a = a.converted(to: dtype)
        let b = b.converted(to: dtype)
        if a.rank == 1 && b.rank == 1 {
            checkPrecondition(a.count == b.count, "matmul: shapes \(a.shape) and \(b.shape) do not align (dot product)")
            return dot(a, b)
        }
        if a.rank == 2 && b.rank == 2 {
            // Plain matrices (every product a layer's backward pass takes): one GEMM, no batch shapes.
            let (m, ka) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
            let (kb, n) = transposeB ? (b.shape[1], b.shape[0]) : (b.shape[0], b.shape[1])
            checkInnerDimensions(ka, kb, a, b, transposeA: transposeA, transposeB: transposeB)
            let out = Tensor(uninitializedShape: [m, n], dtype: dtype)
            gemm(dtype, transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: ka,
                 a: a.storage.pointer, b: b.storage.pointer, c: out.storage.pointer)
            return out
        }
        // View 1-D operands as matrices; their axis is dropped from the result.
        let a2 = a.rank == 1 ? a.reshaped([1, a.count]) : a
        let b2 = b.rank == 1 ? b.reshaped([b.count, 1]) : b
        let (m, ka) = transposeA ? (a2.shape[a2.rank - 1], a2.shape[a2.rank - 2]) : (a2.shape[a2.rank - 2], a2.shape[a2.rank - 1])
        let (kb, n) = transposeB ? (b2.shape[b2.rank - 1], b2.shape[b2.rank - 2]) : (b2.shape[b2.rank - 2], b2.shape[b2.rank - 1])
        checkInnerDimensions(ka, kb, a, b, transposeA: transposeA, transposeB: transposeB)
        let aBatch = Array(a2.shape.dropLast(2))
        let bBatch = Array(b2.shape.dropLast(2))
        let batch = broadcastShape(aBatch, bBatch, op: "matmul")
        var outShape = batch + [m, n]
        let out = Tensor(uninitializedShape: outShape, dtype: dtype)

        if bBatch.isEmpty && !transposeA {
            // Fold a's batch into the rows: one GEMM.
            let rows = aBatch.reduce(1, *) * m
            gemm(dtype, transposeA: false, transposeB: transposeB, m: rows, n: n, k: ka,
                 a: a2.storage.pointer, b: b2.storage.pointer, c: out.storage.pointer)
        } else {
            let ab = a2.broadcast(to: batch + Array(a2.shape.suffix(2)))
            let bb = b2.broadcast(to: batch + Array(b2.shape.suffix(2)))
            let count = batch.reduce(1, *)
            let size = dtype.byteSize
            for i in 0..<count {
                gemm(dtype, transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: ka,
                     a: ab.storage.pointer + i * m * ka * size,
                     b: bb.storage.pointer + i * ka * n * size,
                     c: out.storage.pointer + i * m * n * size)
            }
        }
        if a.rank == 1 { outShape.remove(at: outShape.count - 2) }
        if b.rank == 1 { outShape.removeLast() }
        return out.reshaped(outShape)
    }

    /// Stops unless `op(a)·op(b)` has matching inner dimensions `ka` and `kb`.
    private static func checkInnerDimensions(_ ka: Int, _ kb: Int, _ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool) {
        checkPrecondition(ka == kb, "matmul: shapes \(a.shape)\(transposeA ? "ᵀ" : "") and \(b.shape)\(transposeB ? "ᵀ" : "") do not align (\(ka) ≠ \(kb))")
    }

    /// `x·W + b` for a matrix `x` `[m, k]`, `W` `[k, n]` and a row `b` `[n]`, in one GEMM that
    /// starts from the broadcast bias (β = 1): no separate pass to add it, and none for BLAS to
    /// clear the output.
    public static func affine(_ x: Tensor, _ w: Tensor, _ b: Tensor) -> Tensor {
        checkPrecondition(x.rank == 2 && w.rank == 2 && b.rank == 1 && x.shape[1] == w.shape[0] && b.shape[0] == w.shape[1],
                          "affine: shapes \(x.shape), \(w.shape) and \(b.shape) do not fit [m, k]·[k, n] + [n]")
        checkPrecondition(x.dtype.isFloatingPoint && x.dtype == w.dtype && w.dtype == b.dtype,
                          "affine: needs one floating-point dtype, got \(x.dtype), \(w.dtype), \(b.dtype)")
        let (m, k, n) = (x.shape[0], x.shape[1], w.shape[1])
        if x.dtype == .float32 && SmallGEMM.handlesProduct(k: k) {
            // Few terms per output: the bias is where each sum starts, in Neurona's kernel.
            let out = Tensor(uninitializedShape: [m, n], dtype: .float32)
            SmallGEMM.product(m: m, n: n, k: k, a: x.storage.pointer.assumingMemoryBound(to: Float.self),
                              b: w.storage.pointer.assumingMemoryBound(to: Float.self),
                              bias: b.storage.pointer.assumingMemoryBound(to: Float.self),
                              c: out.storage.pointer.assumingMemoryBound(to: Float.self), accumulate: false)
            return out
        }
        let out = b.broadcast(to: [m, n]).copiedStorage()
        gemm(x.dtype, transposeA: false, transposeB: false, m: m, n: n, k: k,
             a: x.storage.pointer, b: w.storage.pointer, c: out.storage.pointer, beta: 1)
        return out
    }

    /// This tensor with storage of its own (a copy when it shares storage).
    func copiedStorage() -> Tensor {
        var copy = self
        if !isKnownUniquelyReferenced(&copy.storage) { copy.storage = storage.copy() }
        return copy
    }

    /// `C = op(A)·op(B) + β·C` for row-major matrices, through `cblas_sgemm`/`cblas_dgemm`.
    /// With `parallel` false the product runs on the calling thread only (the caller has set
    /// OpenBLAS to one thread and spreads several products over the cores itself).
    static func gemm(_ dtype: DType, transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                     a: UnsafeMutableRawPointer, b: UnsafeMutableRawPointer, c: UnsafeMutableRawPointer, beta: Double = 0,
                     parallel: Bool = true) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            if beta == 0 { TensorStorage.zero(c, byteCount: m * n * dtype.byteSize) }
            return
        }
        if dtype == .float32 && !transposeB && (beta == 0 || beta == 1) {
            // One tiny dimension: Neurona's kernels instead of OpenBLAS's packing (see SmallGEMM).
            let (af, bf, cf) = (a.assumingMemoryBound(to: Float.self), b.assumingMemoryBound(to: Float.self), c.assumingMemoryBound(to: Float.self))
            if !transposeA && SmallGEMM.handlesProduct(k: k) {
                SmallGEMM.product(m: m, n: n, k: k, a: af, b: bf, bias: nil, c: cf, accumulate: beta == 1, parallel: parallel)
                return
            }
            if transposeA && SmallGEMM.handlesTransposedProduct(m: m, k: k) {
                SmallGEMM.transposedProduct(rows: k, m: m, n: n, a: af, b: bf, c: cf, accumulate: beta == 1, parallel: parallel)
                return
            }
        }
        if parallel { BLAS.prepare(multiplyAdds: m * n * k) }
        let ta = transposeA ? CblasTrans : CblasNoTrans
        let tb = transposeB ? CblasTrans : CblasNoTrans
        let lda = Int32(transposeA ? m : k)
        let ldb = Int32(transposeB ? k : n)
        if dtype == .float32 {
            cblas_sgemm(CblasRowMajor, ta, tb, Int32(m), Int32(n), Int32(k), 1,
                        a.assumingMemoryBound(to: Float.self), lda,
                        b.assumingMemoryBound(to: Float.self), ldb, Float(beta),
                        c.assumingMemoryBound(to: Float.self), Int32(n))
        } else {
            cblas_dgemm(CblasRowMajor, ta, tb, Int32(m), Int32(n), Int32(k), 1,
                        a.assumingMemoryBound(to: Double.self), lda,
                        b.assumingMemoryBound(to: Double.self), ldb, beta,
                        c.assumingMemoryBound(to: Double.self), Int32(n))
        }
    }

    /// The dot product of two 1-D tensors of equal length, as a 0-D tensor.
    static func dot(_ a: Tensor, _ b: Tensor) -> Tensor {
        let n = Int32(a.count)
        if a.dtype == .float32 {
            let r = cblas_sdot(n, a.storage.pointer.assumingMemoryBound(to: Float.self), 1,
                               b.storage.pointer.assumingMemoryBound(to: Float.self), 1)
            return Tensor(scalar: r)
        }
        let r = cblas_ddot(n, a.storage.pointer.assumingMemoryBound(to: Double.self), 1,
                           b.storage.pointer.assumingMemoryBound(to: Double.self), 1)
        return Tensor(scalar: r)
    }

    /// The outer product of two 1-D tensors.
    public func outer(_ other: Tensor) -> Tensor {
        checkPrecondition(rank == 1 && other.rank == 1, "outer: needs 1-D operands, got shapes \(shape) and \(other.shape)")
        return Tensor.matmul(reshaped([count, 1]), other.reshaped([1, other.count]))
    }
}
